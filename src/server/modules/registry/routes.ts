import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { criteriaPolicy, regionListActions } from "../../../domain/policies/registry";
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

  // ---- regions
  r.get("/api/regions", { schema: { tags, summary: "Regions in the caller's scope" } }, async (req) => {
    const p = requireUser(req);
    const statuses = await (await import("../dashboard/certification-status")).statusesFor(app.deps);
    const items = (await repo.listRegionSummaries(app.deps.db))
      .filter((x) => ["secretariat", "reviewer", "board", "admin"].includes(p.role) || x.id === p.regionId)
      .map((x) => ({ ...x, certificationStatus: statuses.get(x.id) ?? "none" }));
    return { items, actions: regionListActions(p) };
  });

  r.post(
    "/api/regions",
    {
      config: { access: createRegionAccess },
      schema: { tags, summary: "Create a region", body: s.createRegionBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createRegion(ctx, req.body));
      return reply.status(201).send(await repo.regionDto(app.deps.db, p, id));
    },
  );

  r.get(
    "/api/regions/:id",
    { schema: { tags, summary: "A region with everything in it", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      const region = await loadAuthorized(readCtx(req), "region", req.params.id);
      return repo.loadRegionDetail(app.deps.db, p, region);
    },
  );

  r.patch(
    "/api/regions/:id",
    {
      config: { access: entityAccess("region", "update") },
      schema: { tags, summary: "Edit a region", params: s.idParam, body: s.updateRegionBody },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateRegion(ctx, req.params.id, req.body));
      return repo.regionDto(app.deps.db, p, req.params.id);
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
  r.post(
    "/api/providers",
    {
      config: { access: createInRegionAccess("provider") },
      schema: { tags, summary: "Add an education provider", body: s.createProviderBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createProvider(ctx, req.body));
      return reply.status(201).send(await repo.providerDto(app.deps.db, p, id));
    },
  );
  r.get(
    "/api/providers/:id",
    { schema: { tags, summary: "An education provider", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      await loadAuthorized(readCtx(req), "provider", req.params.id);
      return repo.providerDto(app.deps.db, p, req.params.id);
    },
  );
  r.patch(
    "/api/providers/:id",
    {
      config: { access: entityAccess("provider", "update") },
      schema: { tags, summary: "Edit an education provider", params: s.idParam, body: s.updateProviderBody },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateProvider(ctx, req.params.id, req.body));
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
  r.post(
    "/api/companies",
    {
      config: { access: createInRegionAccess("company") },
      schema: { tags, summary: "Add a company", body: s.createCompanyBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createCompany(ctx, req.body));
      return reply.status(201).send(await repo.companyDto(app.deps.db, p, id));
    },
  );
  r.patch(
    "/api/companies/:id",
    {
      config: { access: entityAccess("company", "update") },
      schema: { tags, summary: "Edit a company", params: s.idParam, body: s.updateCompanyBody },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateCompany(ctx, req.params.id, req.body));
      return repo.companyDto(app.deps.db, p, req.params.id);
    },
  );

  // ---- steering groups
  r.post(
    "/api/steering-groups",
    {
      config: { access: createInRegionAccess("steeringGroup") },
      schema: { tags, summary: "Create a steering group with its members", body: s.createSteeringGroupBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createSteeringGroup(ctx, req.body));
      return reply.status(201).send(await repo.steeringGroupDto(app.deps.db, p, id));
    },
  );
  r.get(
    "/api/steering-groups/:id",
    { schema: { tags, summary: "A steering group", params: s.idParam } },
    async (req) => {
      const p = requireUser(req);
      await loadAuthorized(readCtx(req), "steeringGroup", req.params.id);
      return repo.steeringGroupDto(app.deps.db, p, req.params.id);
    },
  );
  r.put(
    "/api/steering-groups/:id",
    {
      config: { access: entityAccess("steeringGroup", "update") },
      schema: {
        tags,
        summary: "Rename a steering group and replace its members",
        params: s.idParam,
        body: s.updateSteeringGroupBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateSteeringGroup(ctx, req.params.id, req.body));
      return repo.steeringGroupDto(app.deps.db, p, req.params.id);
    },
  );

  // ---- agreements
  r.post(
    "/api/agreements",
    {
      config: { access: createInRegionAccess("agreement") },
      schema: { tags, summary: "Add a cooperation agreement", body: s.createAgreementBody },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) => uc.createAgreement(ctx, req.body));
      return reply.status(201).send(await repo.agreementDto(app.deps.db, p, id));
    },
  );
  r.patch(
    "/api/agreements/:id",
    {
      config: { access: entityAccess("agreement", "update") },
      schema: {
        tags,
        summary: "Edit a cooperation agreement",
        params: s.idParam,
        body: s.updateAgreementBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => uc.updateAgreement(ctx, req.params.id, req.body));
      return repo.agreementDto(app.deps.db, p, req.params.id);
    },
  );
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
