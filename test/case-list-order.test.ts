/**
 * The case list's order: newest change first, then by case id, also among cases changed at the same moment (a
 * meeting's decisions are recorded together), so pages follow on from each other with no case twice or missing.
 * Both engines; the plans that give this order from an index are in case-list-plan.test.ts.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import { listCases } from "../src/server/modules/cases/case-list";
import type { ListCasesQuery } from "../src/server/modules/cases/schemas";
import { openCertificationCase } from "../src/server/modules/cases/use-cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { inTx, makeWorld } from "./support/factories";

const NOW = new Date("2027-03-01T09:00:00Z");
/** Change times with ties: four cases share the newest moment, three the next. */
const TIMES = [
  "2027-02-28T10:00:00.000Z",
  "2027-02-27T08:00:00.000Z",
  "2027-02-28T10:00:00.000Z",
  "2027-02-20T12:00:00.000Z",
  "2027-02-27T08:00:00.000Z",
  "2027-02-28T10:00:00.000Z",
  "2027-02-27T08:00:00.000Z",
  "2027-02-28T10:00:00.000Z",
  "2027-01-15T09:30:00.000Z",
];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describeEachEngine("the case list's order", (engine) => {
  let t: TestDb;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  beforeEach(async () => {
    t = await freshDb(engine);
    world = await makeWorld(t.db);
  });
  afterEach(async () => t.close());

  it("is newest change first, then case id, ties included, page after page", async () => {
    const secretariat = world.users.secretariat.principal;
    const entries: { id: string; at: string; regionId: string }[] = [];
    for (const [i, at] of TIMES.entries()) {
      const regionId = i % 3 === 2 ? world.regionB : world.regionA;
      const id = await inTx(t.db, secretariat, (ctx) =>
        openCertificationCase({ ...ctx, now: NOW }, { kind: "newRegion", regionId }),
      );
      await t.db.updateTable("cases").set({ updated_at: at }).where("id", "=", id).execute();
      entries.push({ id, at, regionId });
    }
    const expected = (regionId?: string) =>
      entries
        .filter((e) => !regionId || e.regionId === regionId)
        .sort((a, b) => cmp(b.at, a.at) || cmp(a.id, b.id))
        .map((e) => e.id);

    const pages = async (p: typeof secretariat, filters: Partial<ListCasesQuery>) => {
      const ids: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const q = { page, pageSize: 3, ...filters } as ListCasesQuery;
        ids.push(...(await listCases(t.db, p, q, NOW)).items.map((c) => c.id));
      }
      return ids;
    };
    expect(await pages(secretariat, {})).toEqual(expected());
    expect(await pages(secretariat, { open: true })).toEqual(expected());
    expect(await pages(secretariat, { step: "anchoring" })).toEqual(expected());
    expect(await pages(secretariat, { regionId: world.regionA })).toEqual(expected(world.regionA));
    expect(await pages(world.users.regionLeadA.principal, { open: true })).toEqual(expected(world.regionA));
    // A search is ordered by a scan rather than an index (caseListPage), in the same order: "tc" is in every number.
    expect(await pages(secretariat, { q: "tc" })).toEqual(expected());
    // The ties are real: the newest moment holds four cases, more than a page.
    expect(entries.filter((e) => e.at === TIMES[0])).toHaveLength(4);
  });
});
