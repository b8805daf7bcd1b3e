/**
 * The yardstick: a bare Fastify route returning a constant JSON body, in its own process, so every HTTP
 * scenario can be reported as a share of what Fastify and this machine manage with no work at all.
 * PORT and HOST from the environment; prints "ready <url>" when listening.
 */
import Fastify from "fastify";

const BODY = { status: "ok", service: "spelplan-bench", items: [1, 2, 3] };

const app = Fastify({ logger: false });
app.get("/bare", async () => BODY);
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });
const address = app.server.address();
const port = typeof address === "object" && address ? address.port : 0;
console.log(`ready http://127.0.0.1:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
