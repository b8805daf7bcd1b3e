import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type Manifest } from "../../bench/generate";
import {
  actionScenario,
  benchUsers,
  type CannonOptions,
  cannon,
  type HttpContext,
  pageLoadScenario,
  planActions,
  prepareHttp,
  readScenario,
} from "../../bench/http";
import { type Proc, startBare, startSpelplan } from "../../bench/processes";
import { connect, type DB } from "../../src/server/db/connect";

/**
 * The benchmark's HTTP harness (bench/http.ts, bench/processes.ts) on a small generated database: each scenario
 * sends the requests it claims to, the server answers every one of them with 2xx, and the actions really move
 * cases. Nothing here is timed: a scenario that quietly measured 404s or a login page would report a fast,
 * meaningless rate, and this is what catches that.
 */
/** The paths a scenario's first `n` requests go to (its request set's setupRequest, called as autocannon calls it). */
function pathsOf(spec: Pick<CannonOptions, "requests">, n: number): string[] {
  const setup = spec.requests?.[0]?.setupRequest;
  if (!setup) throw new Error("the scenario sets up no requests");
  return Array.from({ length: n }, () => String(setup({ method: "GET" } as never, {} as never)?.path));
}

describe("the benchmark's HTTP scenarios", () => {
  let dir: string;
  let manifest: Manifest;
  let db: DB;
  let server: Proc;
  let bare: Proc;
  let ctx: HttpContext;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-harness-"));
    manifest = await generate({ scale: 400, dataDir: dir, quiet: true });
    db = connect({ dataDir: dir });
    [server, bare] = await Promise.all([startSpelplan({ dataDir: dir }), startBare()]);
    ctx = await prepareHttp({
      url: server.url,
      db,
      ...benchUsers(manifest),
      sample: 50,
      log: () => {},
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([server?.stop(), bare?.stop()]);
    await db?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("logs in as the generated secretariat user and the busiest reviewer", async () => {
    for (const s of [ctx.secretariat, ctx.reviewer]) {
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: s.cookie } });
      expect(me.status).toBe(200);
    }
    const me = (await (
      await fetch(`${server.url}/api/auth/me`, { headers: { cookie: ctx.reviewer.cookie } })
    ).json()) as { email: string; role: string };
    expect(me).toMatchObject({ email: manifest.busiestReviewer.email, role: "reviewer" });
    expect(ctx.caseIds).toHaveLength(50);
  });

  it("the yardstick answers its constant body", async () => {
    const m = await cannon("bare", { url: bare.url, path: "/bare", connections: 2, amount: 40 });
    expect(m).toMatchObject({ ok: 40, non2xx: 0, errors: 0 });
    expect(m.bytes).toBeGreaterThan(100);
  });

  for (const id of ["a", "b", "c", "d"] as const) {
    it(`scenario (${id}) gets a 2xx answer with data for every request`, async () => {
      const m = await cannon(id, { url: server.url, connections: 2, amount: 40, ...readScenario(id, ctx) });
      expect(m).toMatchObject({ ok: 40, non2xx: 0, errors: 0 });
      // A JSON answer with content, not an empty list or an error body.
      expect(m.bytes).toBeGreaterThan(500);
    });
  }

  it("scenario (a) asks for the sampled cases, one after another", () => {
    expect(pathsOf(readScenario("a", ctx), 3)).toEqual(
      ctx.caseIds.slice(0, 3).map((id) => `/api/cases/${id}`),
    );
  });

  it("the page loads alternate the dashboard and the sampled case pages, asking for HTML", () => {
    const spec = pageLoadScenario(ctx);
    expect(pathsOf(spec, 4)).toEqual([
      "/dashboard",
      `/cases/${ctx.caseIds[0]}`,
      "/dashboard",
      `/cases/${ctx.caseIds[1]}`,
    ]);
    expect(spec.headers?.accept).toContain("text/html");
  });

  it("scenario (e) moves each planned case forward by one logged action", async () => {
    const secretariat = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", manifest.users.secretariat[0])
      .executeTakeFirstOrThrow();
    const planned = await planActions(db, secretariat.id, new Date(), 30);
    expect(planned.length).toBeGreaterThan(10);
    const ids = planned.map((p) => p.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    const versions = async () =>
      new Map(
        (await db.selectFrom("cases").select(["id", "version"]).where("id", "in", ids).execute()).map((r) => [
          r.id,
          Number(r.version),
        ]),
      );
    const eventsOf = async () =>
      Number(
        (
          await db
            .selectFrom("events")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("stream_id", "in", ids)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await versions();
    const eventsBefore = await eventsOf();
    const scenario = actionScenario(ctx, planned);
    const m = await cannon("e", { url: server.url, connections: 4, ...scenario });
    expect(scenario.fallbacks()).toBe(0);
    expect(m).toMatchObject({ ok: planned.length, non2xx: 0, errors: 0 });
    const after = await versions();
    for (const id of ids) expect(after.get(id)).toBeGreaterThan(before.get(id) ?? Number.POSITIVE_INFINITY);
    expect(await eventsOf()).toBeGreaterThanOrEqual(eventsBefore + planned.length);
  });

  it("reads the server's memory from /proc", () => {
    const mem = server.memory();
    expect(mem?.peakMb).toBeGreaterThan(20);
    expect(mem?.rssMb).toBeGreaterThan(20);
  });
});
