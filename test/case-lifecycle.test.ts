import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import { openCertificationCase } from "../src/server/modules/cases/use-cases";
import { verifyAllStreams } from "../src/server/modules/events/event-log";
import { driveAsSecretariat, FULL_PATH, insertBoardMeeting } from "./support/cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { ctxFor, makeRegion, makeUser } from "./support/factories";

describeEachEngine("case lifecycle", (engine) => {
  let t: TestDb;
  let secretariat: Principal;
  let regionId: string;
  let options: Parameters<typeof driveAsSecretariat>[4];

  beforeEach(async () => {
    t = await freshDb(engine);
    regionId = await makeRegion(t.db, "Region A", ["1496"]);
    secretariat = (await makeUser(t.db, "secretariat")).principal;
    const r1 = await makeUser(t.db, "reviewer");
    const r2 = await makeUser(t.db, "reviewer");
    const now = new Date("2027-05-03T10:00:00Z");
    options = {
      now,
      reviewerIds: [r1.id, r2.id],
      secretariatIds: [secretariat.id],
      boardMeeting: await insertBoardMeeting(t.db, { id: "m1", date: "2027-06-01", at: now.toISOString() }),
    };
  });
  afterEach(async () => t.close());

  const open = (kind: string, extra: Record<string, string> = {}, now = options.now) =>
    t.db.transaction().execute((tx) =>
      openCertificationCase(ctxFor(tx, secretariat, now), {
        kind: kind as "newRegion",
        regionId,
        ...extra,
      }),
    );

  it("hands out unique registration numbers under concurrency, running per year", async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => open("newRegion")));
    const numbers = await t.db
      .selectFrom("cases")
      .select("registration_number")
      .where("id", "in", ids)
      .execute();
    expect(new Set(numbers.map((n) => n.registration_number)).size).toBe(12);
    expect(numbers.map((n) => n.registration_number).sort()[11]).toBe("TC 2027/0012");
    const next = await open("newRegion", {}, new Date("2028-01-01T08:00:00Z"));
    const row = await t.db
      .selectFrom("cases")
      .select("registration_number")
      .where("id", "=", next)
      .executeTakeFirstOrThrow();
    expect(row.registration_number).toBe("TC 2028/0001");
  });

  it("certifies on approval, recertifies for 5 years, and decertifies by a board decision", async () => {
    const first = await open("newRegion");
    // Placed on the meeting of 2027-06-01, decided there (D2): valid from the decision.
    await driveAsSecretariat(t.db, secretariat, first, FULL_PATH, options);
    const [cert] = await t.db.selectFrom("certifications").selectAll().execute();
    expect(cert).toMatchObject({
      subject_kind: "region",
      subject_id: regionId,
      valid_from: "2027-06-01",
      valid_to: "2030-06-01",
      status: "certified",
    });

    const recert = await open("recertification", { certificationId: cert.id });
    await driveAsSecretariat(t.db, secretariat, recert, FULL_PATH, options);
    const after = await t.db
      .selectFrom("certifications")
      .selectAll()
      .orderBy("created_at")
      .orderBy("valid_to")
      .execute();
    expect(after.map((c) => [c.status, c.valid_to])).toEqual([
      ["superseded", "2030-06-01"],
      ["certified", "2032-06-01"],
    ]);

    const decert = await open("decertification", { certificationId: after[1].id });
    const state = await t.db
      .selectFrom("cases")
      .select("state")
      .where("id", "=", decert)
      .executeTakeFirstOrThrow();
    expect(state.state).toBe("decisionPrep");
    await driveAsSecretariat(
      t.db,
      secretariat,
      decert,
      ["recordDecisionBasis", "placeOnAgenda", "recordDecision", "sendDecision"],
      options,
    );
    const final = await t.db
      .selectFrom("certifications")
      .selectAll()
      .where("id", "=", after[1].id)
      .executeTakeFirstOrThrow();
    expect(final).toMatchObject({ status: "decertified", ended_by_case_id: decert });

    // Each certification's own stream tells its life: granted, then superseded or decertified.
    const stream = async (id: string) =>
      (
        await t.db
          .selectFrom("events")
          .select("type")
          .where("stream_type", "=", "certification")
          .where("stream_id", "=", id)
          .orderBy("seq")
          .execute()
      ).map((e) => e.type);
    expect(await stream(cert.id)).toEqual(["certification.granted", "certification.superseded"]);
    expect(await stream(after[1].id)).toEqual(["certification.granted", "certification.decertified"]);
  });

  it("closes a rejected case without a certification", async () => {
    const id = await open("newRegion");
    const c = await driveAsSecretariat(t.db, secretariat, id, FULL_PATH.slice(0, 16), options);
    const rejected = await driveAsSecretariat(t.db, secretariat, c.id, ["recordDecision", "sendDecision"], {
      ...options,
      decisionOutcome: "rejected",
    });
    expect(rejected.state).toBe("rejected");
    expect(await t.db.selectFrom("certifications").selectAll().execute()).toEqual([]);
  });

  it("keeps each case's log chained, and log:verify reports a tampered event", async () => {
    const id = await open("newRegion");
    await driveAsSecretariat(t.db, secretariat, id, FULL_PATH.slice(0, 6), options);
    expect((await verifyAllStreams(t.db, "case")).broken).toEqual([]);
    if (engine === "postgres") await sql`alter table events disable trigger events_no_update`.execute(t.db);
    else await sql`drop trigger events_no_update`.execute(t.db);
    await sql`update events set payload = ${JSON.stringify({ forged: true })} where stream_id = ${id} and seq = 3`.execute(
      t.db,
    );
    const report = await verifyAllStreams(t.db, "case");
    expect(report.broken).toEqual([
      { streamType: "case", streamId: id, problems: [{ seq: 3, problem: "hash_mismatch" }] },
    ]);
  });
});

it("log:verify on the command line exits 1 on a broken chain and 0 on an intact one", async () => {
  const dir = `/tmp/spelplan-cli-${randomUUID()}`;
  const run = promisify(execFile);
  const env = { ...process.env, SPELPLAN_DATA_DIR: dir, DATABASE_URL: "" };
  await run("npx", ["tsx", "src/server/cli.ts", "demo:reset"], { env });
  const ok = await run("npx", ["tsx", "src/server/cli.ts", "log:verify"], { env });
  expect(ok.stdout).toContain("Alla hashkedjor är hela.");
  const Database = (await import("better-sqlite3")).default;
  const db = new Database(`${dir}/spelplan.sqlite`);
  db.exec("drop trigger events_no_update");
  db.prepare("update events set payload = '{}' where seq = 2 and stream_type = 'region'").run();
  db.close();
  const broken = await run("npx", ["tsx", "src/server/cli.ts", "log:verify"], { env }).catch((e) => e);
  expect(broken.code).toBe(1);
  expect(broken.stdout).toContain("BRUTEN KEDJA");
}, 120_000);
