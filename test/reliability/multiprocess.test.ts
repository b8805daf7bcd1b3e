import { afterAll, beforeAll, expect, it } from "vitest";
import type { CaseDetail } from "../../src/shared/dto";
import { postgresAvailable } from "../support/db";
import {
  httpLogin,
  type ServerProcess,
  startServerProcess,
  tempDataDir,
  tempPgDatabase,
} from "../support/process";

/**
 * Several app processes on one PostgreSQL database: sessions, registration numbers and case actions stay
 * correct whichever process serves a request.
 */
const pgUp = await postgresAvailable();
const d = pgUp ? describe : describe.skip;

import { describe } from "vitest";

d("two server processes on one PostgreSQL", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await tempPgDatabase();
    drop = db.drop;
    // A migrates and loads the demo; B starts on the same database at the same time as it would behind a balancer.
    a = await startServerProcess({ DATABASE_URL: db.url, SPELPLAN_DATA_DIR: tempDataDir() });
    b = await startServerProcess({ DATABASE_URL: db.url, SPELPLAN_DATA_DIR: tempDataDir() });
  }, 120_000);
  afterAll(async () => {
    await a?.kill("SIGTERM");
    await b?.kill("SIGTERM");
    await drop?.();
  });

  it("shares sessions: a login on one process is valid on the other, and so is the logout", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    expect((await s.call("GET", "/api/auth/me", undefined, b.url)).body.email).toBe(
      "kansli@demo.spelplan.se",
    );
    expect((await s.call("POST", "/api/auth/logout", {}, b.url)).status).toBe(204);
    expect((await s.call("GET", "/api/auth/me", undefined, a.url)).status).toBe(401);
  });

  it("hands out unique, gap-free registration numbers from both processes at once", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    const regions = (await s.call("GET", "/api/regions")).body.items as { id: string }[];
    const opened = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.call(
          "POST",
          "/api/cases",
          { kind: "newRegion", regionId: regions[i % 3].id },
          i % 2 ? a.url : b.url,
        ),
      ),
    );
    expect(opened.every((r) => r.status === 201)).toBe(true);
    const numbers = opened.map((r) => (r.body as CaseDetail).registrationNumber);
    expect(new Set(numbers).size).toBe(30);
    const seqs = numbers.map((n) => Number(n.split("/")[1])).sort((x, y) => x - y);
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(29);
    console.log(
      `multi-process: 30 cases opened through 2 processes, numbers ${numbers.sort()[0]} … ${numbers.sort()[29]}, no duplicate`,
    );
  });

  it("lets exactly one of two concurrent actions on a case win; the loser gets 409 and the log has no gap", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    const regions = (await s.call("GET", "/api/regions")).body.items as { id: string }[];
    let wins = 0;
    let conflicts = 0;
    for (let i = 0; i < 10; i++) {
      const c = (await s.call("POST", "/api/cases", { kind: "newRegion", regionId: regions[0].id }))
        .body as CaseDetail;
      const payload = {
        regionalAnchoring: "Regionen",
        localAnchoring: "Skolorna",
        completedOn: new Date().toISOString().slice(0, 10),
      };
      const [x, y] = await Promise.all(
        [a.url, b.url].map((url) =>
          s.call(
            "POST",
            `/api/cases/${c.id}/actions/recordAnchoring`,
            { expectedVersion: c.version, payload },
            url,
          ),
        ),
      );
      const statuses = [x.status, y.status].sort();
      expect(statuses).toEqual([200, 409]);
      expect([x, y].find((r) => r.status === 409)?.body.error.code).toBe("case.stale_version");
      wins++;
      conflicts++;
      const log = (await s.call("GET", `/api/cases/${c.id}/log`, undefined, b.url)).body as {
        seq: number;
        type: string;
      }[];
      expect(log.map((e) => e.type)).toEqual(["case.opened", "case.recordAnchoring"]);
    }
    console.log(
      `multi-process: 10 races between 2 processes: ${wins} won, ${conflicts} answered 409, no lost update`,
    );
  });
});
