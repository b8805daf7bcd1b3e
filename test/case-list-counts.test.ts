/**
 * The case list's total: for the secretariat's lists of open cases (a step no case is closed in, or `open` with or
 * without a step) it is the open-cases counters the transitions keep (case_state_counts); everywhere else a count of
 * the rows. Both must give the rows' count.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { CASE_STATES, CERTIFICATION_STEPS } from "../src/domain/certification/steps";
import { JOINING_STATES } from "../src/domain/joining/items";
import { listCases } from "../src/server/modules/cases/case-list";
import { rebuildCaseStatistics } from "../src/server/modules/cases/statistics";
import { openCertificationCase } from "../src/server/modules/cases/use-cases";
import { driveAsSecretariat, FULL_PATH } from "./support/cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { inTx, makeUser, makeWorld } from "./support/factories";

describeEachEngine("case list totals", (engine) => {
  let t: TestDb;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  beforeEach(async () => {
    t = await freshDb(engine);
    world = await makeWorld(t.db);
  });
  afterEach(async () => {
    await t.close();
  });

  it("counts the same from the counters as from the rows, for every step, in and out of scope", async () => {
    const now = new Date("2027-03-01T09:00:00Z");
    const secretariat = world.users.secretariat.principal;
    const reviewer2 = await makeUser(t.db, "reviewer");
    const options = {
      now,
      today: "2027-03-01",
      reviewerIds: [world.users.reviewer.id, reviewer2.id] as [string, string],
      secretariatIds: [secretariat.id],
    };
    // Cases spread over the first steps of both regions, and one withdrawn (closed).
    const paths = [0, 1, 1, 2, 3, 5].map((n) => FULL_PATH.slice(0, n));
    paths.push(["withdrawCase"]);
    for (const [i, path] of paths.entries()) {
      const regionId = i % 2 === 0 ? world.regionA : world.regionB;
      const caseId = await inTx(t.db, secretariat, (ctx) =>
        openCertificationCase({ ...ctx, now }, { kind: "newRegion", regionId }),
      );
      await driveAsSecretariat(t.db, secretariat, caseId, path, options);
    }
    const lead = world.users.regionLeadA.principal;
    const usedCounters = [];
    for (const step of [...CASE_STATES, ...JOINING_STATES]) {
      const rows = await t.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("state", "=", step)
        .executeTakeFirstOrThrow();
      const inA = await t.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("state", "=", step)
        .where("region_id", "=", world.regionA)
        .executeTakeFirstOrThrow();
      const openRows = await t.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("state", "=", step)
        .where("closed_at", "is", null)
        .executeTakeFirstOrThrow();
      const query = { step, page: 1, pageSize: 25 } as Parameters<typeof listCases>[2];
      expect((await listCases(t.db, secretariat, { ...query, open: true }, now)).total, step).toBe(
        Number(openRows.n),
      );
      expect((await listCases(t.db, secretariat, query, now)).total, step).toBe(Number(rows.n));
      expect((await listCases(t.db, lead, query, now)).total, step).toBe(Number(inA.n));
      expect(
        (await listCases(t.db, secretariat, { ...query, regionId: world.regionA }, now)).total,
        step,
      ).toBe(Number(inA.n));
      if ((CERTIFICATION_STEPS as readonly string[]).includes(step) && Number(rows.n) > 0)
        usedCounters.push(step);
    }
    // Every open case, from the sum of the counters; and every case, open or not, from the rows.
    const allOpen = await t.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("closed_at", "is", null)
      .executeTakeFirstOrThrow();
    const list = { page: 1, pageSize: 25 } as Parameters<typeof listCases>[2];
    expect((await listCases(t.db, secretariat, { ...list, open: true }, now)).total).toBe(Number(allOpen.n));
    expect((await listCases(t.db, secretariat, list, now)).total).toBe(paths.length);
    expect(Number(allOpen.n)).toBe(paths.length - 1);
    // Those open totals are the counters' (not a count of the rows): a counter moved by hand moves them.
    await t.db.updateTable("case_state_counts").set({ n: 1000 }).where("state", "=", "anchoring").execute();
    const anchoring = await listCases(t.db, secretariat, { ...list, step: "anchoring", open: true }, now);
    const everyOpen = await listCases(t.db, secretariat, { ...list, open: true }, now);
    expect(anchoring.total).toBe(1000);
    expect(everyOpen.total).toBeGreaterThan(1000);
    await rebuildCaseStatistics(t.db);
    expect((await listCases(t.db, secretariat, { ...list, open: true }, now)).total).toBe(Number(allOpen.n));
    // The counters were read for steps that have cases (not only for empty ones), and the withdrawn case counted.
    expect(usedCounters.length).toBeGreaterThanOrEqual(4);
    expect(
      (await listCases(t.db, secretariat, { step: "withdrawn", page: 1, pageSize: 25 } as never, now)).total,
    ).toBe(1);
  });
});
