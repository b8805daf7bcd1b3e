import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { requireUser } from "../../http/request-context";
import { presentMunicipality } from "../registry/repository";
import { referenceFile } from "./load";

export async function referenceRoutes(app: FastifyInstance) {
  const tags = ["reference"];
  app.get("/api/counties", { schema: { tags, summary: "Sweden's 21 counties (län)" } }, async (req) => {
    requireUser(req);
    const rows = await app.deps.db.selectFrom("counties").selectAll().orderBy("code").execute();
    return rows.map((c) => ({ code: c.code, name: c.name, shortName: c.short_name }));
  });

  app.get(
    "/api/municipalities",
    { schema: { tags, summary: "Sweden's 290 municipalities with their region" } },
    async (req) => {
      requireUser(req);
      const rows = await app.deps.db
        .selectFrom("municipalities")
        .leftJoin("region_municipalities", "region_municipalities.municipality_code", "municipalities.code")
        .selectAll("municipalities")
        .select(["region_municipalities.region_id", "region_municipalities.local_college_id"])
        .orderBy("municipalities.short_name")
        .execute();
      return rows.map((m) =>
        presentMunicipality(
          m,
          m.region_id ? { region_id: m.region_id, local_college_id: m.local_college_id } : undefined,
        ),
      );
    },
  );

  // The borders are public reference data; cached by the browser for a day.
  app.get(
    "/api/geo/municipalities",
    { schema: { tags, summary: "Municipality borders (GeoJSON)" } },
    async (_req, reply) => {
      reply.header("content-type", "application/geo+json; charset=utf-8");
      reply.header("cache-control", "public, max-age=86400");
      return reply.send(fs.createReadStream(referenceFile("swedish_municipalities.geojson")));
    },
  );
}
