import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { sql } from "kysely";
import client from "prom-client";
import { stockholmDate } from "../../../domain/certification/deadlines";

/**
 * Prometheus metrics at /metrics: request durations by route and status, the outbox backlog, overdue
 * deadlines, and Node's own process metrics. Each app gets its own registry (tests build many apps).
 */
async function metricsPlugin(app: FastifyInstance) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "spelplan_" });
  const duration = new client.Histogram({
    name: "spelplan_http_request_duration_seconds",
    help: "HTTP request duration by method, route and status code",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const db = app.deps.db;
  new client.Gauge({
    name: "spelplan_outbox_backlog",
    help: "Messages in the outbox waiting to be sent (pending or being sent)",
    registers: [registry],
    async collect() {
      try {
        const r = await sql<{
          n: number;
        }>`select count(*) as n from outbox where status in ('pending', 'sending')`.execute(db);
        this.set(Number(r.rows[0]?.n ?? 0));
      } catch {
        this.set(0); // no outbox table (yet)
      }
    },
  });
  new client.Gauge({
    name: "spelplan_overdue_deadlines",
    help: "Open case deadlines whose due date has passed",
    registers: [registry],
    async collect() {
      const today = stockholmDate(app.deps.clock());
      const r = await db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("closed_at", "is", null)
        .where("next_due_date", "<", today)
        .executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });
  new client.Gauge({
    name: "spelplan_open_cases",
    help: "Cases not yet closed",
    registers: [registry],
    async collect() {
      const r = await db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("closed_at", "is", null)
        .executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });

  app.addHook("onResponse", async (req, reply) => {
    const route = req.routeOptions.url ?? "unmatched";
    duration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // With SPELPLAN_METRICS_TOKEN set, scrapers must send it as a bearer token.
  const token = process.env.SPELPLAN_METRICS_TOKEN;
  app.get("/metrics", { schema: { hide: true } }, async (req, reply) => {
    if (token && req.headers.authorization !== `Bearer ${token}`)
      return reply
        .status(401)
        .send({ error: { code: "auth.unauthenticated", message: "Metrics token required." } });
    reply.header("content-type", registry.contentType);
    return registry.metrics();
  });
}

export const metrics = fp(metricsPlugin, { name: "spelplan-metrics" });
