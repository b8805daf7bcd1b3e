import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Principal } from "../../../domain/access";
import { inRegionScope } from "../../../domain/access";
import { addCalendarMonths, stockholmDate } from "../../../domain/certification/deadlines";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { findCaseForPrincipal, presentCase } from "../cases/repository";
import { openCertificationCase } from "../cases/use-cases";

/** Months before the end of a certification at which a recertification is due (DOMAIN.md: 6). */
export const EXPIRY_WARNING_MONTHS = 6;

function present(
  p: Principal,
  c: Row<"certifications"> & { region_name: string },
  openRecert: boolean,
): dto.Certification {
  const actions: string[] = [];
  if (
    c.status === "certified" &&
    !openRecert &&
    (p.role === "secretariat" || (p.role === "regionLead" && p.regionId === c.region_id))
  ) {
    actions.push("startRecertification");
  }
  if (c.status === "certified" && p.role === "secretariat") actions.push("startDecertification");
  return {
    id: c.id,
    caseId: c.case_id,
    regionId: c.region_id,
    regionName: c.region_name,
    subjectKind: c.subject_kind as dto.Certification["subjectKind"],
    subjectId: c.subject_id,
    subjectName: c.subject_name,
    validFrom: c.valid_from,
    validTo: c.valid_to,
    status: c.status as dto.Certification["status"],
    actions,
  };
}

async function openRecertifications(db: Executor): Promise<Set<string>> {
  const rows = await db
    .selectFrom("cases")
    .select("certification_id")
    .where("kind", "in", ["recertification", "decertification"])
    .where("closed_at", "is", null)
    .where("certification_id", "is not", null)
    .execute();
  return new Set(rows.map((r) => r.certification_id as string));
}

export async function certificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["certifications"];
  const db = app.deps.db;
  const base = () =>
    db
      .selectFrom("certifications")
      .innerJoin("regions", "regions.id", "certifications.region_id")
      .selectAll("certifications")
      .select("regions.name as region_name");

  r.get(
    "/api/certifications",
    {
      schema: {
        tags,
        summary: "Certifications in the caller's scope",
        querystring: z.object({ regionId: z.string().max(100).optional() }),
      },
    },
    async (req) => {
      const p = requireUser(req);
      let q = base().orderBy("certifications.valid_to");
      if (req.query.regionId) q = q.where("certifications.region_id", "=", req.query.regionId);
      const open = await openRecertifications(db);
      return (await q.execute())
        .filter((c) => inRegionScope(p, c.region_id))
        .map((c) => present(p, c, open.has(c.id)));
    },
  );

  r.get(
    "/api/certifications/expiring",
    { schema: { tags, summary: "Certifications ending within 6 months (secretariat)" } },
    async (req) => {
      const p = requireUser(req);
      if (p.role !== "secretariat") throw errors.notFound("route");
      const limit = addCalendarMonths(stockholmDate(app.deps.clock()), EXPIRY_WARNING_MONTHS);
      const rows = await base()
        .where("certifications.status", "=", "certified")
        .where("certifications.valid_to", "<=", limit)
        .orderBy("certifications.valid_to")
        .execute();
      const open = await openRecertifications(db);
      return rows.map((c) => present(p, c, open.has(c.id)));
    },
  );

  r.post(
    "/api/certifications/:id/recertify",
    {
      schema: {
        tags,
        summary: "Start a recertification case (one click)",
        params: z.object({ id: z.string().min(1).max(100) }),
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const cert = await db
        .selectFrom("certifications")
        .selectAll()
        .where("id", "=", req.params.id)
        .executeTakeFirst();
      if (!cert || !inRegionScope(p, cert.region_id)) throw errors.notFound("certification");
      if ((await openRecertifications(db)).has(cert.id)) {
        throw errors.conflict("certification.recertification_open", {
          sv: "Det finns redan ett öppet ärende om omcertifiering.",
          en: "A recertification case is already open.",
        });
      }
      const id = await inTransaction(req, (ctx) =>
        openCertificationCase(ctx, {
          kind: "recertification",
          regionId: cert.region_id,
          certificationId: cert.id,
        }),
      );
      const row = await findCaseForPrincipal(db, p, id);
      return reply.status(201).send(await presentCase(db, p, row!, app.deps.clock()));
    },
  );
}
