import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { inRegionScope } from "../../../domain/access";
import { ACTION_LABELS, ACTION_NAMES, isMeetingAction } from "../../../domain/certification/actions";
import { FOLLOW_UP_ACTION_LABELS, FOLLOW_UP_ACTION_NAMES } from "../../../domain/follow-up/labels";
import { JOINING_ACTION_LABELS, JOINING_ACTION_NAMES } from "../../../domain/joining/actions";
import { opensCases } from "../../../domain/policies/cases";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { rawBodyString } from "../../http/route-access";
import { listCases } from "./case-list";
import { openJoiningCase } from "./joining";
import { caseLog, findCaseForPrincipal, presentCase, TASK_COUNT_CAP, tasksFor } from "./repository";
import {
  actionBodies,
  caseIdParam,
  createCaseBody,
  followUpActionBodies,
  joiningActionBodies,
  listCasesQuery,
  tasksQuery,
} from "./schemas";
import { authorizeCaseAction, openCertificationCase, performCaseAction } from "./use-cases";

export async function caseRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["cases"];
  const db = app.deps.db;

  async function present(req: Parameters<typeof requireUser>[0], id: string) {
    const p = requireUser(req);
    const row = await findCaseForPrincipal(db, p, id);
    if (!row) throw errors.notFound("case");
    return presentCase(db, p, row, app.deps.clock());
  }

  // Before the body: a role that opens cases at all (403), and the region the body names its own (404).
  const openCaseAccess: RouteAccess = async (req, p) => {
    if (!opensCases(p)) throw errors.forbidden("case");
    const regionId = rawBodyString(req, "regionId");
    if (regionId !== undefined && !inRegionScope(p, regionId)) throw errors.notFound("region");
  };

  r.post(
    "/api/cases",
    {
      config: { access: openCaseAccess },
      schema: { tags, summary: "Open a certification case", body: createCaseBody },
    },
    async (req, reply) => {
      requireUser(req);
      const body = req.body;
      const id = await inTransaction(req, (ctx) =>
        body.kind === "joining" ? openJoiningCase(ctx, body) : openCertificationCase(ctx, body),
      );
      return reply.status(201).send(await present(req, id));
    },
  );

  r.get(
    "/api/cases",
    {
      schema: {
        tags,
        summary: "Cases in the caller's scope (filter by step, kind, region, overdue; search)",
        querystring: listCasesQuery,
      },
    },
    async (req) => listCases(db, requireUser(req), req.query, app.deps.clock()),
  );

  r.get(
    "/api/cases/:id",
    {
      schema: {
        tags,
        summary: "A case: state, step data, deadlines, and the actions the caller may take",
        params: caseIdParam,
      },
    },
    async (req) => present(req, req.params.id),
  );

  r.get(
    "/api/cases/:id/log",
    { schema: { tags, summary: "The case's append-only, hash-chained log", params: caseIdParam } },
    async (req) => {
      const p = requireUser(req);
      if (!(await findCaseForPrincipal(db, p, req.params.id))) throw errors.notFound("case");
      const log = await caseLog(db, req.params.id);
      // Where an action came from (IP, browser) is personal data only the secretariat needs (GDPR: data minimisation).
      return p.role === "secretariat" ? log : log.map((e) => ({ ...e, ip: null, userAgent: null }));
    },
  );

  // One route per action of each process, so the OpenAPI document shows each action's own payload schema.
  const actionRoutes = [
    // A board meeting's change reaches its cases through the meeting (meetings/use-cases.ts), never this route.
    ...ACTION_NAMES.filter((name) => !isMeetingAction(name)).map((name) => ({
      name,
      label: ACTION_LABELS[name],
      body: actionBodies[name],
      tag: "case actions",
    })),
    ...FOLLOW_UP_ACTION_NAMES.map((name) => ({
      name,
      label: FOLLOW_UP_ACTION_LABELS[name],
      body: followUpActionBodies[name],
      tag: "follow-up actions",
    })),
    ...JOINING_ACTION_NAMES.map((name) => ({
      name,
      label: JOINING_ACTION_LABELS[name],
      body: joiningActionBodies[name],
      tag: "joining actions",
    })),
  ];
  for (const { name: action, label, body: bodySchema, tag } of actionRoutes) {
    r.post(
      `/api/cases/:id/actions/${action}`,
      {
        schema: {
          tags: [tag],
          summary: `${label.en} (${label.sv})`,
          description:
            "Body: the action's payload and the case version it is based on (stale → 409 case.stale_version).",
          params: caseIdParam,
          body: bodySchema,
        },
        // Scope (404) and role (403) before the body is validated.
        config: {
          access: async (req, p) => {
            await authorizeCaseAction(db, p, (req.params as { id: string }).id, action);
          },
        },
      },
      async (req) => {
        requireUser(req);
        const body = req.body as { expectedVersion: number; payload: unknown };
        await inTransaction(req, (ctx) =>
          performCaseAction(ctx, {
            caseId: req.params.id,
            action,
            payload: body.payload,
            expectedVersion: body.expectedVersion,
          }),
        );
        return present(req, req.params.id);
      },
    );
  }
  r.get(
    "/api/tasks",
    {
      schema: {
        tags,
        summary: `A page of my open tasks: overdue first, then by due date; total and overdue counted up to ${TASK_COUNT_CAP.toLocaleString("en")}`,
        querystring: tasksQuery,
      },
    },
    async (req) => tasksFor(db, requireUser(req), app.deps.clock(), req.query),
  );
}
