import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { stockholmDate } from "../../../domain/certification/deadlines";
import { errors } from "../../http/errors";
import { requireUser } from "../../http/request-context";
import { dashboardPolicy } from "./policy";
import { activeUsers, loadDashboard, unassignedProviders } from "./repository";
import { dashboardSchema, personSchema, staffSchema, unassignedProviderSchema } from "./schemas";

/**
 * The secretariat's dashboard, and the lists the case forms need: reviewers to assign, visit participants,
 * providers that may join a region.
 */
export async function dashboardRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;

  r.get(
    "/api/dashboard",
    {
      schema: {
        tags: ["dashboard"],
        summary:
          "Secretariat overview: cases per step, deadlines, visits, meetings, step durations, expiring certifications",
        response: { 200: dashboardSchema },
      },
    },
    async (req) => {
      if (!dashboardPolicy.readDashboard(requireUser(req))) throw errors.notFound("route");
      return loadDashboard(db, stockholmDate(app.deps.clock()));
    },
  );

  r.get(
    "/api/reviewers",
    {
      schema: {
        tags: ["dashboard"],
        summary: "Active reviewers (review committee) to assign to a case (secretariat)",
        response: { 200: z.array(personSchema) },
      },
    },
    async (req) => {
      if (!dashboardPolicy.listReviewers(requireUser(req))) throw errors.notFound("route");
      return (await activeUsers(db, ["reviewer"])).map(({ id, name }) => ({ id, name }));
    },
  );

  r.get(
    "/api/staff",
    {
      schema: {
        tags: ["dashboard"],
        summary: "Active secretariat members and reviewers: who may take part in a review visit",
        response: { 200: z.array(staffSchema) },
      },
    },
    async (req) => {
      if (!dashboardPolicy.listStaff(requireUser(req))) throw errors.notFound("route");
      return activeUsers(db, ["secretariat", "reviewer"]);
    },
  );

  r.get(
    "/api/unassigned-providers",
    {
      schema: {
        tags: ["dashboard"],
        summary: "Education providers in no region: candidates for a joining case (regionLead, secretariat)",
        response: { 200: z.array(unassignedProviderSchema) },
      },
    },
    async (req) => {
      if (!dashboardPolicy.listUnassignedProviders(requireUser(req))) throw errors.notFound("route");
      return unassignedProviders(db);
    },
  );
}
