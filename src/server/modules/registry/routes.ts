import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Principal } from "../../../domain/access";
import { criteriaPolicy, regionListActions } from "../../../domain/policies/registry";
import type { Ctx } from "../../context";
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

/**
 * Registry routes. Each: authenticate, check role and scope (`config.access`, access.ts), validate (zod schemas),
 * open a transaction, call one use case (which loads and authorizes again, in the transaction), present the result.
 */
export async function registryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["registry"];

  /** The create (`POST /api/<path>`) and edit (`PATCH` or `PUT /api/<path>/:id`) routes of one registry entity. */
  function createAndEdit<C extends z.ZodType, U extends z.ZodType>(d: {
    path: string;
    kind: EntityKind;
    summary: { create: string; edit: string };
    createBody: C;
    updateBody: U;
    createAccess: RouteAccess;
    editMethod?: "patch" | "put";
    create: (ctx: Ctx, input: z.infer<C>) => Promise<string>;
    update: (ctx: Ctx, id: string, input: z.infer<U>) => Promise<void>;
    present: (p: Principal, id: string) => Promise<unknown>;
  }) {
    r.post(
      `/api/${d.path}`,
      { config: { access: d.createAccess }, schema: { tags, summary: d.summary.create, body: d.createBody } },
      async (req, reply) => {
        const p = requireUser(req);
        const id = await inTransaction(req, (ctx) => d.create(ctx, req.body as z.infer<C>));
        return reply.status(201).send(await d.present(p, id));
      },
    );
    r[d.editMethod ?? "patch"](
      `/api/${d.path}/:id`,
      {
        config: { access: entityAccess(d.kind, "update") },
        schema: { tags, summary: d.summary.edit, params: s.idParam, body: d.updateBody },
      },
      async (req) => {
        const p = requireUser(req);
        const { id } = req.params as { id: string };
        await inTransaction(req, (ctx) => d.update(ctx, id, req.body as z.infer<U>));
        return d.present(p, id);
      },
    );
  }
  const db = app.deps.db;

  createAndEdit({
    path: "regions",
    kind: "region",
    summary: { create: "Create a region", edit: "Edit a region" },
    createBody: s.createRegionBody,
    updateBody: s.updateRegionBody,
    createAccess: createRegionAccess,
    create: uc.createRegion,
    update: uc.updateRegion,
    present: (p, id) => repo.regionDto(db, p, id),
  });
  createAndEdit({
    path: "providers",
    kind: "provider",
    summary: { create: "Add an education provider", edit: "Edit an education provider" },
    createBody: s.createProviderBody,
    updateBody: s.updateProviderBody,
    createAccess: createInRegionAccess("provider"),
    create: uc.createProvider,
    update: uc.updateProvider,
    present: (p, id) => repo.providerDto(db, p, id),
  });
  createAndEdit({
    path: "companies",
    kind: "company",
    summary: { create: "Add a company", edit: "Edit a company" },
    createBody: s.createCompanyBody,
    updateBody: s.updateCompanyBody,
    createAccess: createInRegionAccess("company"),
    create: uc.createCompany,
    update: uc.updateCompany,
    present: (p, id) => repo.companyDto(db, p, id),
  });
  createAndEdit({
    path: "steering-groups",
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
    present: (p, id) => repo.steeringGroupDto(db, p, id),
  });
  createAndEdit({
    path: "agreements",
    kind: "agreement",
    summary: { create: "Add a cooperation agreement", edit: "Edit a cooperation agreement" },
    createBody: s.createAgreementBody,
    updateBody: s.updateAgreementBody,
    createAccess: createInRegionAccess("agreement"),
    create: uc.createAgreement,
    update: uc.updateAgreement,
    present: (p, id) => repo.agreementDto(db, p, id),
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

  r.put(
    "/api/regions/:id/municipalities/:code",
    {
      config: { access: entityAccess("region", "manageMunicipalities") },
      schema: {
        tags,
        summary: "Add a municipality to the region (or change its local college)",
        params: s.regionMunicipalityParams,
        body: s.putRegionMunicipalityBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) =>
        uc.addMunicipalityToRegion(ctx, { regionId: req.params.id, code: req.params.code, ...req.body }),
      );
      return repo.regionDto(app.deps.db, p, req.params.id);
    },
  );

  r.delete(
    "/api/regions/:id/municipalities/:code",
    {
      config: { access: entityAccess("region", "manageMunicipalities") },
      schema: { tags, summary: "Remove a municipality from the region", params: s.regionMunicipalityParams },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) =>
        uc.removeMunicipalityFromRegion(ctx, { regionId: req.params.id, code: req.params.code }),
      );
      return repo.regionDto(app.deps.db, p, req.params.id);
    },
  );

  r.post(
    "/api/regions/:id/local-colleges",
    {
      config: { access: entityAccess("region", "addLocalCollege") },
      schema: { tags, summary: "Add a local college", params: s.idParam, body: s.createLocalCollegeBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createLocalCollege(ctx, req.params.id, req.body));
      return reply.status(201).send(await repo.localCollegeDto(app.deps.db, p, id));
    },
  );
  r.patch(
    "/api/local-colleges/:id",
    {
      config: { access: entityAccess("localCollege", "update") },
      schema: { tags, summary: "Edit a local college", params: s.idParam, body: s.updateLocalCollegeBody },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateLocalCollege(ctx, req.params.id, req.body));
      return repo.localCollegeDto(app.deps.db, p, req.params.id);
    },
  );

  // ---- providers
  r.get(
    "/api/providers/:id",
    { schema: { tags, summary: "An education provider", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      await loadAuthorized(readCtx(req), "provider", req.params.id);
      return repo.providerDto(app.deps.db, p, req.params.id);
    },
  );
  r.post(
    "/api/providers/:id/programmes",
    {
      config: { access: entityAccess("provider", "update") },
      schema: { tags, summary: "Add a programme", params: s.idParam, body: s.createProgrammeBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.addProgramme(ctx, req.params.id, req.body));
      return reply.status(201).send(await repo.providerDto(app.deps.db, p, req.params.id));
    },
  );
  r.patch(
    "/api/programmes/:id",
    {
      config: { access: programmeAccess },
      schema: { tags, summary: "Edit a programme", params: s.idParam, body: s.updateProgrammeBody },
    },
    async (req) => {
      const p = requireUser(req);
      const providerId = await inTransaction(req, (ctx) => uc.updateProgramme(ctx, req.params.id, req.body));
      return repo.providerDto(app.deps.db, p, providerId);
    },
  );
  r.delete(
    "/api/programmes/:id",
    {
      config: { access: programmeAccess },
      schema: { tags, summary: "Delete a programme", params: s.idParam },
    },
    async (req) => {
      const p = requireUser(req);
      const providerId = await inTransaction(req, (ctx) => uc.deleteProgramme(ctx, req.params.id));
      return repo.providerDto(app.deps.db, p, providerId);
    },
  );
  r.post(
    "/api/programmes/:id/specialisations",
    {
      config: { access: programmeAccess },
      schema: { tags, summary: "Add a specialisation", params: s.idParam, body: s.createSpecialisationBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const providerId = await inTransaction(req, (ctx) =>
        uc.addSpecialisation(ctx, req.params.id, req.body),
      );
      return reply.status(201).send(await repo.providerDto(app.deps.db, p, providerId));
    },
  );
  r.delete(
    "/api/specialisations/:id",
    {
      config: { access: specialisationAccess },
      schema: { tags, summary: "Delete a specialisation", params: s.idParam },
    },
    async (req) => {
      const p = requireUser(req);
      const providerId = await inTransaction(req, (ctx) => uc.deleteSpecialisation(ctx, req.params.id));
      return repo.providerDto(app.deps.db, p, providerId);
    },
  );

  // ---- companies

  // ---- steering groups
  r.get(
    "/api/steering-groups/:id",
    { schema: { tags, summary: "A steering group", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      await loadAuthorized(readCtx(req), "steeringGroup", req.params.id);
      return repo.steeringGroupDto(app.deps.db, p, req.params.id);
    },
  );

  // ---- agreements
  r.post(
    "/api/agreements/:id/addenda",
    {
      config: { access: entityAccess("agreement", "update") },
      schema: { tags, summary: "Add an addendum (hängavtal)", params: s.idParam, body: s.createAddendumBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.addAddendum(ctx, req.params.id, req.body));
      return reply.status(201).send(await repo.agreementDto(app.deps.db, p, req.params.id));
    },
  );
  r.delete(
    "/api/addenda/:id",
    {
      config: { access: addendumAccess },
      schema: { tags, summary: "Delete an addendum", params: s.idParam },
    },
    async (req) => {
      const p = requireUser(req);
      const agreementId = await inTransaction(req, (ctx) => uc.deleteAddendum(ctx, req.params.id));
      return repo.agreementDto(app.deps.db, p, agreementId);
    },
  );

  // ---- archive, restore and delete: the same for every versioned entity
  const paths: Record<
    EntityKind,
    { path: string; present: (p: ReturnType<typeof requireUser>, id: string) => Promise<unknown> }
  > = {
    region: { path: "regions", present: (p, id) => repo.regionDto(app.deps.db, p, id) },
    localCollege: { path: "local-colleges", present: (p, id) => repo.localCollegeDto(app.deps.db, p, id) },
    provider: { path: "providers", present: (p, id) => repo.providerDto(app.deps.db, p, id) },
    company: { path: "companies", present: (p, id) => repo.companyDto(app.deps.db, p, id) },
    steeringGroup: { path: "steering-groups", present: (p, id) => repo.steeringGroupDto(app.deps.db, p, id) },
    agreement: { path: "agreements", present: (p, id) => repo.agreementDto(app.deps.db, p, id) },
  };
  for (const [kind, { path, present }] of Object.entries(paths) as [
    EntityKind,
    (typeof paths)[EntityKind],
  ][]) {
    for (const [verb, status] of [
      ["archive", "archived"],
      ["restore", "active"],
    ] as const) {
      r.post(
        `/api/${path}/:id/${verb}`,
        {
          config: { access: entityAccess(kind, verb) },
          schema: { tags, summary: `${verb} a ${kind}`, params: s.idParam, body: s.expectedVersion },
        },
        async (req) => {
          const p = requireUser(req);
          await inTransaction(req, (ctx) =>
            setStatus(ctx, kind, req.params.id, req.body.expectedVersion, status),
          );
          return present(p, req.params.id);
        },
      );
    }
    r.delete(
      `/api/${path}/:id`,
      {
        config: { access: entityAccess(kind, "delete") },
        schema: { tags, summary: `Delete a ${kind} nothing refers to`, params: s.idParam },
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
