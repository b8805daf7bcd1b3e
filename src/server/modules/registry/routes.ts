import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Principal } from "../../../domain/access";
import { criteriaPolicy, regionListActions } from "../../../domain/policies/registry";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { inTransaction, readCtx, requireUser } from "../../http/request-context";
import { onlyIf } from "../../http/route-access";
import {
  addendumAccess,
  createInRegionAccess,
  createRegionAccess,
  entityAccess,
  programmeAccess,
  specialisationAccess,
} from "./access";
import { activateCriteriaSet, createCriteriaSet, listCriteriaSets } from "./criteria";
import { deleteEntity, type EntityKind, loadAuthorized, setStatus } from "./entities";
import * as repo from "./repository";
import * as s from "./schemas";
import * as uc from "./use-cases";

/** Each versioned entity's URL (`/api/<path>`) and its DTO, which every change to it or to its parts answers with. */
const ENTITIES: Record<
  EntityKind,
  { path: string; name: string; dto: (db: Executor, p: Principal, id: string) => Promise<unknown> }
> = {
  region: { path: "regions", name: "region", dto: repo.regionDto },
  localCollege: { path: "local-colleges", name: "local college", dto: repo.localCollegeDto },
  provider: { path: "providers", name: "education provider", dto: repo.providerDto },
  company: { path: "companies", name: "company", dto: repo.companyDto },
  steeringGroup: { path: "steering-groups", name: "steering group", dto: repo.steeringGroupDto },
  agreement: { path: "agreements", name: "cooperation agreement", dto: repo.agreementDto },
};

/**
 * Registry routes. Each: authenticate, check role and scope (`config.access`, access.ts), validate (zod schemas),
 * open a transaction, call one use case (which loads and authorizes again, in the transaction), present the result.
 */
export async function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["registry"];
  const db = app.deps.db;

  /**
   * A route that changes the registry. `run` calls the use case in one transaction (the use case logs the change
   * there) and returns the id of the `answer` entity; the route then answers with that entity's DTO, with 201 when
   * `created`. For a part of an entity (a municipality, programme, addendum …) the answer is the whole entity.
   */
  function change<P extends z.ZodType, B extends z.ZodType>(d: {
    method: "post" | "put" | "patch" | "delete";
    url: string;
    access: RouteAccess;
    summary: string;
    params?: P;
    body?: B;
    created?: true;
    answer: EntityKind;
    run: (ctx: Ctx, req: { params: z.infer<P>; body: z.infer<B> }) => Promise<string>;
  }) {
    const schema = {
      tags,
      summary: d.summary,
      ...(d.params && { params: d.params }),
      ...(d.body && { body: d.body }),
    };
    r[d.method](d.url, { config: { access: d.access }, schema }, async (req, reply) => {
      const p = requireUser(req);
      const input = req as unknown as { params: z.infer<P>; body: z.infer<B> };
      const id = await inTransaction(req, (ctx) => d.run(ctx, input));
      return reply.status(d.created ? 201 : 200).send(await ENTITIES[d.answer].dto(db, p, id));
    });
  }

  /** The create (`POST /api/<path>`) and edit (`PATCH` or `PUT /api/<path>/:id`) routes of one registry entity. */
  function createAndEdit<C extends z.ZodType, U extends z.ZodType>(d: {
    kind: EntityKind;
    summary: { create: string; edit: string };
    createBody: C;
    updateBody: U;
    createAccess: RouteAccess;
    editMethod?: "patch" | "put";
    create: (ctx: Ctx, input: z.infer<C>) => Promise<string>;
    update: (ctx: Ctx, id: string, input: z.infer<U>) => Promise<void>;
  }) {
    const { path } = ENTITIES[d.kind];
    change({
      method: "post",
      url: `/api/${path}`,
      access: d.createAccess,
      summary: d.summary.create,
      body: d.createBody,
      created: true,
      answer: d.kind,
      run: (ctx, { body }) => d.create(ctx, body),
    });
    change({
      method: d.editMethod ?? "patch",
      url: `/api/${path}/:id`,
      access: entityAccess(d.kind, "update"),
      summary: d.summary.edit,
      params: s.idParam,
      body: d.updateBody,
      answer: d.kind,
      run: async (ctx, { params, body }) => {
        await d.update(ctx, params.id, body);
        return params.id;
      },
    });
  }

  /** `GET /api/<path>/:id`: one entity as its DTO, for whoever may see it. */
  function show(kind: EntityKind, summary: string) {
    r.get(
      `/api/${ENTITIES[kind].path}/:id`,
      { schema: { tags, summary, params: s.idParam } },
      async (req) => {
        const p = requireUser(req);
        await loadAuthorized(readCtx(req), kind, req.params.id);
        return ENTITIES[kind].dto(db, p, req.params.id);
      },
    );
  }

  createAndEdit({
    kind: "region",
    summary: { create: "Create a region", edit: "Edit a region" },
    createBody: s.createRegionBody,
    updateBody: s.updateRegionBody,
    createAccess: createRegionAccess,
    create: uc.createRegion,
    update: uc.updateRegion,
  });
  createAndEdit({
    kind: "provider",
    summary: { create: "Add an education provider", edit: "Edit an education provider" },
    createBody: s.createProviderBody,
    updateBody: s.updateProviderBody,
    createAccess: createInRegionAccess("provider"),
    create: uc.createProvider,
    update: uc.updateProvider,
  });
  createAndEdit({
    kind: "company",
    summary: { create: "Add a company", edit: "Edit a company" },
    createBody: s.createCompanyBody,
    updateBody: s.updateCompanyBody,
    createAccess: createInRegionAccess("company"),
    create: uc.createCompany,
    update: uc.updateCompany,
  });
  createAndEdit({
    kind: "steeringGroup",
    summary: {
      create: "Create a steering group with its members",
      edit: "Rename a steering group and replace its members",
    },
    createBody: s.createSteeringGroupBody,
    updateBody: s.updateSteeringGroupBody,
    createAccess: createInRegionAccess("steeringGroup"),
    editMethod: "put",
    create: uc.createSteeringGroup,
    update: uc.updateSteeringGroup,
  });
  createAndEdit({
    kind: "agreement",
    summary: { create: "Add a cooperation agreement", edit: "Edit a cooperation agreement" },
    createBody: s.createAgreementBody,
    updateBody: s.updateAgreementBody,
    createAccess: createInRegionAccess("agreement"),
    create: uc.createAgreement,
    update: uc.updateAgreement,
  });

  // ---- regions
  r.get("/api/regions", { schema: { tags, summary: "Regions in the caller's scope" } }, async (req) => {
    const p = requireUser(req);
    const statuses = await (await import("../dashboard/certification-status")).statusesFor(app.deps);
    const items = (await repo.listRegionSummaries(app.deps.db))
      .filter((x) => ["secretariat", "reviewer", "board", "admin"].includes(p.role) || x.id === p.regionId)
      .map((x) => ({ ...x, certificationStatus: statuses.get(x.id) ?? "none" }));
    return { items, actions: regionListActions(p) };
  });

  r.get(
    "/api/regions/:id",
    { schema: { tags, summary: "A region with everything in it", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      const region = await loadAuthorized(readCtx(req), "region", req.params.id);
      return repo.loadRegionDetail(app.deps.db, p, region);
    },
  );

  change({
    method: "put",
    url: "/api/regions/:id/municipalities/:code",
    access: entityAccess("region", "manageMunicipalities"),
    summary: "Add a municipality to the region (or change its local college)",
    params: s.regionMunicipalityParams,
    body: s.putRegionMunicipalityBody,
    answer: "region",
    run: async (ctx, { params, body }) => {
      await uc.addMunicipalityToRegion(ctx, { regionId: params.id, code: params.code, ...body });
      return params.id;
    },
  });
  change({
    method: "delete",
    url: "/api/regions/:id/municipalities/:code",
    access: entityAccess("region", "manageMunicipalities"),
    summary: "Remove a municipality from the region",
    params: s.regionMunicipalityParams,
    answer: "region",
    run: async (ctx, { params }) => {
      await uc.removeMunicipalityFromRegion(ctx, { regionId: params.id, code: params.code });
      return params.id;
    },
  });

  // ---- local colleges: created in their region, answered with themselves
  change({
    method: "post",
    url: "/api/regions/:id/local-colleges",
    access: entityAccess("region", "addLocalCollege"),
    summary: "Add a local college",
    params: s.idParam,
    body: s.createLocalCollegeBody,
    created: true,
    answer: "localCollege",
    run: (ctx, { params, body }) => uc.createLocalCollege(ctx, params.id, body),
  });
  change({
    method: "patch",
    url: "/api/local-colleges/:id",
    access: entityAccess("localCollege", "update"),
    summary: "Edit a local college",
    params: s.idParam,
    body: s.updateLocalCollegeBody,
    answer: "localCollege",
    run: async (ctx, { params, body }) => {
      await uc.updateLocalCollege(ctx, params.id, body);
      return params.id;
    },
  });

  // ---- providers, their programmes and specialisations (each change answers with the provider)
  show("provider", "An education provider");
  change({
    method: "post",
    url: "/api/providers/:id/programmes",
    access: entityAccess("provider", "update"),
    summary: "Add a programme",
    params: s.idParam,
    body: s.createProgrammeBody,
    created: true,
    answer: "provider",
    run: async (ctx, { params, body }) => {
      await uc.addProgramme(ctx, params.id, body);
      return params.id;
    },
  });
  change({
    method: "patch",
    url: "/api/programmes/:id",
    access: programmeAccess,
    summary: "Edit a programme",
    params: s.idParam,
    body: s.updateProgrammeBody,
    answer: "provider",
    run: (ctx, { params, body }) => uc.updateProgramme(ctx, params.id, body),
  });
  change({
    method: "delete",
    url: "/api/programmes/:id",
    access: programmeAccess,
    summary: "Delete a programme",
    params: s.idParam,
    answer: "provider",
    run: (ctx, { params }) => uc.deleteProgramme(ctx, params.id),
  });
  change({
    method: "post",
    url: "/api/programmes/:id/specialisations",
    access: programmeAccess,
    summary: "Add a specialisation",
    params: s.idParam,
    body: s.createSpecialisationBody,
    created: true,
    answer: "provider",
    run: (ctx, { params, body }) => uc.addSpecialisation(ctx, params.id, body),
  });
  change({
    method: "delete",
    url: "/api/specialisations/:id",
    access: specialisationAccess,
    summary: "Delete a specialisation",
    params: s.idParam,
    answer: "provider",
    run: (ctx, { params }) => uc.deleteSpecialisation(ctx, params.id),
  });

  // ---- steering groups
  show("steeringGroup", "A steering group");

  // ---- agreements and their addenda (each change answers with the agreement)
  change({
    method: "post",
    url: "/api/agreements/:id/addenda",
    access: entityAccess("agreement", "update"),
    summary: "Add an addendum (hängavtal)",
    params: s.idParam,
    body: s.createAddendumBody,
    created: true,
    answer: "agreement",
    run: async (ctx, { params, body }) => {
      await uc.addAddendum(ctx, params.id, body);
      return params.id;
    },
  });
  change({
    method: "delete",
    url: "/api/addenda/:id",
    access: addendumAccess,
    summary: "Delete an addendum",
    params: s.idParam,
    answer: "agreement",
    run: (ctx, { params }) => uc.deleteAddendum(ctx, params.id),
  });

  // ---- archive, restore and delete: the same for every versioned entity
  for (const [kind, { path, name }] of Object.entries(ENTITIES) as [
    EntityKind,
    (typeof ENTITIES)[EntityKind],
  ][]) {
    for (const [verb, status] of [
      ["archive", "archived"],
      ["restore", "active"],
    ] as const) {
      change({
        method: "post",
        url: `/api/${path}/:id/${verb}`,
        access: entityAccess(kind, verb),
        summary: `${verb === "archive" ? "Archive" : "Restore"} a ${name}`,
        params: s.idParam,
        body: s.expectedVersion,
        answer: kind,
        run: async (ctx, { params, body }) => {
          await setStatus(ctx, kind, params.id, body.expectedVersion, status);
          return params.id;
        },
      });
    }
    r.delete(
      `/api/${path}/:id`,
      {
        config: { access: entityAccess(kind, "delete") },
        schema: { tags, summary: `Delete a ${name} nothing refers to`, params: s.idParam },
      },
      async (req, reply) => {
        requireUser(req);
        await inTransaction(req, (ctx) => deleteEntity(ctx, kind, req.params.id));
        return reply.status(204).send();
      },
    );
  }

  // ---- criteria sets
  r.get("/api/criteria-sets", { schema: { tags, summary: "Criteria sets, newest first" } }, async (req) => {
    requireUser(req);
    return listCriteriaSets(app.deps.db);
  });
  r.post(
    "/api/criteria-sets",
    {
      config: {
        access: onlyIf(
          (p) => criteriaPolicy(p).includes("create"),
          () => errors.forbidden("criteriaSet"),
        ),
      },
      schema: {
        tags,
        summary: "Create a new version of the criteria (draft)",
        body: s.createCriteriaSetBody,
      },
    },
    async (req, reply) => {
      requireUser(req);
      const id = await inTransaction(req, (ctx) => createCriteriaSet(ctx, req.body));
      return reply.status(201).send((await listCriteriaSets(app.deps.db)).find((x) => x.id === id));
    },
  );
  r.post(
    "/api/criteria-sets/:id/activate",
    {
      config: {
        access: onlyIf(
          (p) => criteriaPolicy(p).includes("activate"),
          () => errors.forbidden("criteriaSet"),
        ),
      },
      schema: {
        tags,
        summary: "Activate a draft criteria set (retires the active one)",
        params: s.idParam,
        body: z.object({}).optional(),
      },
    },
    async (req) => {
      requireUser(req);
      await inTransaction(req, (ctx) => activateCriteriaSet(ctx, req.params.id));
      return (await listCriteriaSets(app.deps.db)).find((x) => x.id === req.params.id);
    },
  );
}
