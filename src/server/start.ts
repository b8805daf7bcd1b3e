import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import { bootstrap } from "./bootstrap";
import { type Config, loadConfig } from "./config";
import { connect, engineOf } from "./db/connect";
import { defaultDeps } from "./http/request-context";
import { SSR_WORKER, WEB_DIST } from "./web-build";

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  engine: "sqlite" | "postgres";
  demoLoaded: boolean;
  close(): Promise<void>;
}

/** Starts Spelplan: connects, migrates, seeds, listens. Used by `npm start` and by the browser tests. */
export async function startServer(
  overrides: Partial<Config> & { logger?: boolean | Record<string, unknown>; backgroundJobs?: boolean } = {},
): Promise<RunningServer> {
  const { logger, backgroundJobs, ...rest } = overrides;
  const config: Config = { ...loadConfig(), ...rest };
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const deps = defaultDeps(db, config);
  const { demoLoaded } = await bootstrap(db, {
    demo: config.loadDemoData,
    now: deps.clock,
    newId: deps.newId,
  });
  const app = await buildApp(deps, {
    webDir: WEB_DIST,
    ssr: { file: SSR_WORKER, worker: true },
    logger,
    // The outbox dispatcher and reminder scan: on unless SPELPLAN_DISPATCHER=0 (e.g. a web-only process).
    backgroundJobs: backgroundJobs ?? process.env.SPELPLAN_DISPATCHER !== "0",
    mailFrom: process.env.SMTP_FROM || undefined,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    app,
    url: `http://localhost:${port}`,
    engine: engineOf(config),
    demoLoaded,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
