import path from "node:path";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  baseUrl: string;
  production: boolean;
  loadDemoData: boolean;
  /** Session lifetime in hours. */
  sessionHours: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const production = env.NODE_ENV === "production";
  return {
    port: Number.isFinite(port) ? port : 3000,
    host: env.HOST ?? "0.0.0.0",
    dataDir: path.resolve(env.SPELPLAN_DATA_DIR ?? "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    baseUrl: env.SPELPLAN_BASE_URL ?? `http://localhost:${port}`,
    production,
    loadDemoData: !production && env.SPELPLAN_DEMO !== "0",
    sessionHours: Number(env.SPELPLAN_SESSION_HOURS ?? 12),
  };
}
