import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { stockholmDate } from "../../../domain/certification/deadlines";
import type { Executor } from "../../db/connect";

/**
 * The public register of certifications: no login. Only what is certified and valid today, and only
 * organisational data (region, provider, programme and specialisation names with their validity); the
 * response schema strips anything else, so no personal data can leak through it.
 */

const SUBJECT_KINDS = ["region", "provider", "programme", "specialisation"] as const;

export const publicCertificationSchema = z.object({
  regionId: z.string(),
  regionName: z.string(),
  subjectKind: z.enum(SUBJECT_KINDS),
  subjectName: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});

export const publicRegisterSchema = z.object({
  /** The date (Stockholm) the register is valid for. */
  asOf: z.string(),
  items: z.array(publicCertificationSchema),
});
export type PublicRegister = z.infer<typeof publicRegisterSchema>;

const KIND_ORDER: Record<string, number> = { region: 0, provider: 1, programme: 2, specialisation: 3 };

export async function publicRegister(db: Executor, today: string): Promise<PublicRegister> {
  const rows = await db
    .selectFrom("certifications")
    .innerJoin("regions", "regions.id", "certifications.region_id")
    .select([
      "certifications.region_id",
      "regions.name as region_name",
      "certifications.subject_kind",
      "certifications.subject_name",
      "certifications.valid_from",
      "certifications.valid_to",
    ])
    .where("certifications.status", "=", "certified")
    .where("certifications.valid_from", "<=", today)
    .where("certifications.valid_to", ">=", today)
    .where("regions.status", "=", "active")
    .execute();
  const items = rows
    .map((r) => ({
      regionId: r.region_id,
      regionName: r.region_name,
      subjectKind: r.subject_kind as (typeof SUBJECT_KINDS)[number],
      subjectName: r.subject_name,
      validFrom: r.valid_from,
      validTo: r.valid_to,
    }))
    .sort(
      (a, b) =>
        a.regionName.localeCompare(b.regionName, "sv") ||
        (KIND_ORDER[a.subjectKind] ?? 9) - (KIND_ORDER[b.subjectKind] ?? 9) ||
        a.subjectName.localeCompare(b.subjectName, "sv"),
    );
  return { asOf: today, items };
}

export async function publicRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/public/certifications",
    {
      schema: {
        tags: ["public"],
        summary: "Public register: certified regions, providers, programmes and specialisations valid today",
        security: [],
        response: { 200: publicRegisterSchema },
      },
      config: { rateLimit: { max: 120, timeWindow: "1 minute" } },
    },
    async (_req, reply) => {
      reply.header("cache-control", "public, max-age=300");
      return publicRegister(app.deps.db, stockholmDate(app.deps.clock()));
    },
  );
}
