import { loadConfig } from "./config";
import { logOutput, terminalLogStream } from "./http/terminal-log";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./seed/demo";
import { startServer } from "./start";
import { ensureWebBuild } from "./web-build";

const config = loadConfig();
await ensureWebBuild((m) => console.log(m));
const output = logOutput(process.env, process.stdout.isTTY === true);
const server = await startServer({
  ...config,
  logger: output === "none" ? false : output === "terminal" ? { stream: terminalLogStream() } : true,
});

console.log(`
Spelplan kör på ${server.url}  (databas: ${server.engine === "postgres" ? "PostgreSQL" : `SQLite i ${config.dataDir}`})
API-dokumentation: ${server.url}/api/docs`);
if (config.loadDemoData) {
  console.log(`Demokonton (lösenord "${DEMO_PASSWORD}"):`);
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(30)} ${a.role}`);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: avslutar…`);
    // Fastify's close stops accepting connections and lets in-flight requests finish.
    await server.close();
    process.exit(0);
  });
}
