import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { inRegionScope } from "../../../domain/access";
import { seesFollowUpOverview, seesRegionFollowUps } from "../../../domain/policies/follow-ups";
import type { Executor } from "../../db/connect";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { rawParam } from "../../http/route-access";
import { findCaseForPrincipal, presentCase, regionSeenBy } from "../cases/repository";
import { contentDisposition } from "../documents/file-names";
import { followUpReportDefinition, renderPdf } from "../documents/pdf";
import { sendWorkbook } from "../documents/workbook";
import { appendEvent } from "../events/event-log";
import { followUpReportData, writeFollowUpMatrixXlsx } from "./exports";
import { openFollowUp } from "./open";
import { certificationHistory, followUpOverview, regionFollowUps } from "./repository";

/**
 * The yearly quality follow-up (process C) beside the case routes: open one by hand, the month it opens, a
 * region's matrix, a case's per-criterion history (a recertification's reviewers see it beside the application),
 * and the secretariat's overview. The follow-up's own actions are case actions (cases/routes.ts).
 */

const idParam = z.object({ id: z.string().min(1).max(100) });

/** A certification the caller's scope covers (404 otherwise). */
async function visibleCertification(db: Executor, req: FastifyRequest, id: string) {
  const p = requireUser(req);
  const cert = await db.selectFrom("certifications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!cert || !inRegionScope(p, cert.region_id) || !seesRegionFollowUps(p, cert.region_id))
    throw errors.notFound("certification");
  return { p, cert };
}

export async function followUpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["follow-up"];
  const db = app.deps.db;

  // Before the body: the certification visible (404), and only the secretariat runs follow-ups (403).
  const secretariatOnCertification = async (req: FastifyRequest) => {
    const { p } = await visibleCertification(db, req, rawParam(req));
    if (p.role !== "secretariat") throw errors.forbidden("certification");
  };

  r.post(
    "/api/certifications/:id/follow-ups",
    {
      config: { access: secretariatOnCertification },
      schema: {
        tags,
        summary: "Open this year's follow-up of a certification by hand (secretariat)",
        description:
          "409 followUp.already_open when one is in progress, followUp.year_done when this year's exists, followUp.not_certified when the certification is not in force.",
        params: idParam,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const id = await inTransaction(req, (ctx) =>
        openFollowUp(ctx, { certificationId: req.params.id, openedBy: "secretariat" }),
      );
      const row = await findCaseForPrincipal(db, p, id);
      if (!row) throw errors.notFound("case");
      return reply.status(201).send(await presentCase(db, p, row, app.deps.clock()));
    },
  );

  r.put(
    "/api/certifications/:id/follow-up-month",
    {
      config: { access: secretariatOnCertification },
      schema: {
        tags,
        summary: "The month a certification's yearly follow-up opens (null: the month of the decision)",
        params: idParam,
        body: z.object({
          expectedVersion: z.number().int().min(1),
          month: z.number().int().min(1).max(12).nullable(),
        }),
      },
    },
    async (req) => {
      const p = requireUser(req);
      const { expectedVersion, month } = req.body;
      await inTransaction(req, async (ctx) => {
        const updated = await ctx.db
          .updateTable("certifications")
          .set((eb) => ({
            follow_up_month: month,
            updated_at: ctx.now.toISOString(),
            version: eb("version", "+", 1),
          }))
          .where("id", "=", req.params.id)
          .where("version", "=", expectedVersion)
          .returning("region_id")
          .executeTakeFirst();
        if (!updated) throw errors.staleVersion("certification");
        await appendEvent(ctx, {
          streamType: "certification",
          streamId: req.params.id,
          type: "certification.followUpMonthSet",
          payload: { month },
        });
      });
      const { cert } = await visibleCertification(db, req, req.params.id);
      return (await regionFollowUps(db, p, cert.region_id, app.deps.clock())).certifications.find(
        (c) => c.certificationId === cert.id,
      );
    },
  );

  r.get(
    "/api/regions/:id/follow-ups",
    {
      schema: {
        tags,
        summary:
          "A region's certifications with their follow-ups year by year: statuses per criterion, indicators",
        params: idParam,
      },
    },
    async (req) => {
      const p = requireUser(req);
      const region = await regionSeenBy(db, p, req.params.id, seesRegionFollowUps);
      return regionFollowUps(db, p, region.id, app.deps.clock());
    },
  );

  r.get(
    "/api/regions/:id/follow-ups.xlsx",
    {
      schema: {
        tags: ["follow-up", "exports"],
        summary:
          "A region's follow-up matrix as an Excel workbook: per certification, criteria × years, indicators",
        params: idParam,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const region = await regionSeenBy(db, p, req.params.id, seesRegionFollowUps);
      const now = app.deps.clock();
      // Read before the first byte, so that a failing read answers with an error, not a cut-off file.
      const data = await regionFollowUps(db, p, region.id, now);
      return sendWorkbook(reply, req.log, `kvalitetsuppföljning ${region.name}.xlsx`, (out) =>
        writeFollowUpMatrixXlsx(data, region.name, now, out),
      );
    },
  );

  r.get(
    "/api/cases/:id/follow-up-report.pdf",
    {
      schema: {
        tags: ["follow-up", "exports"],
        summary:
          "A follow-up as a Swedish PDF report: per criterion the plan, the status, what was done; indicators; the review",
        params: idParam,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const row = await findCaseForPrincipal(db, p, req.params.id);
      if (row?.process !== "followUp") throw errors.notFound("case");
      const data = await followUpReportData(db, row, app.deps.clock());
      const pdf = await renderPdf(followUpReportDefinition(data));
      return reply
        .header("content-type", "application/pdf")
        .header(
          "content-disposition",
          contentDisposition(
            `kvalitetsuppföljning ${data.year} ${row.registration_number.replace("/", "-")}.pdf`,
          ),
        )
        .header("cache-control", "private, no-store")
        .send(pdf);
    },
  );

  r.get(
    "/api/cases/:id/follow-up-history",
    {
      schema: {
        tags,
        summary:
          "The follow-ups of the certification a case concerns (a recertification, or a follow-up), year by year",
        params: idParam,
      },
    },
    async (req) => {
      const p = requireUser(req);
      const row = await findCaseForPrincipal(db, p, req.params.id);
      if (!row) throw errors.notFound("case");
      if (!row.certification_id) return { years: [], criteria: [], indicators: [] };
      return certificationHistory(db, row.certification_id);
    },
  );

  r.get(
    "/api/follow-ups/overview",
    {
      schema: {
        tags,
        summary: "Follow-ups due, overdue and at risk, and flagged certifications, per region (secretariat)",
      },
    },
    async (req) => {
      if (!seesFollowUpOverview(requireUser(req))) throw errors.notFound("route");
      return followUpOverview(db, app.deps.clock());
    },
  );
}
