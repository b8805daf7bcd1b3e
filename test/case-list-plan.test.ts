/**
 * The case list's first page is read in its order from an index (migration 0012) for the lists people open most,
 * so it costs the same at 10,000 cases as at 1,000,000: no sort of every matching case ("TEMP B-TREE"). These are
 * SQLite's plans; it keeps no statistics here or in production, so the plan on an empty database is the plan on a
 * full one. The order itself (ties included) is tested on both engines in case-list-order.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import * as caseListOrderMigration from "../src/server/db/migrations/2026-11-30T0012-case-list-order";
import { caseListCount, caseListPage } from "../src/server/modules/cases/case-list";
import type { ListCasesQuery } from "../src/server/modules/cases/schemas";
import { freshDb, queryPlan, type TestDb } from "./support/db";
import { makeWorld } from "./support/factories";

const NOW = new Date("2027-03-01T09:00:00Z");

describe("the case list's page on SQLite", () => {
  let t: TestDb | undefined;
  afterEach(async () => t?.close());

  async function plan(p: Principal, filters: Partial<ListCasesQuery>): Promise<string> {
    const db = (t as TestDb).db;
    return queryPlan(
      db,
      caseListPage(db, p, { page: 1, pageSize: 25, ...filters } as ListCasesQuery, NOW).compile(),
    );
  }

  async function shapes() {
    t = await freshDb("sqlite");
    const world = await makeWorld(t.db);
    const secretariat = world.users.secretariat.principal;
    const lead = world.users.regionLeadA.principal;
    const regionId = world.regionA;
    // [who, filters, the index the page is read from]
    return [
      [secretariat, {}, "cases_updated"],
      [secretariat, { open: true }, "cases_updated"],
      [secretariat, { step: "protocol" }, "cases_state"],
      [secretariat, { regionId, open: true }, "cases_open_region_updated"],
      [secretariat, { regionId, step: "protocol" }, "cases_region"],
      [lead, { open: true }, "cases_open_region_updated"],
      [lead, { step: "protocol" }, "cases_region"],
    ] as [Principal, Partial<ListCasesQuery>, string][];
  }

  it("reads the first page of the common lists in order from an index, without sorting", async () => {
    for (const [p, filters, index] of await shapes()) {
      const steps = await plan(p, filters);
      const what = `${p.role} ${JSON.stringify(filters)}:\n${steps}`;
      expect(steps, what).toMatch(new RegExp(`(SCAN|SEARCH) cases USING INDEX ${index}\\b`));
      expect(steps, what).not.toContain("TEMP B-TREE");
    }
  });

  it("sorted every matching case before migration 0012 (the plan check can fail)", async () => {
    const all = await shapes();
    await caseListOrderMigration.down((t as TestDb).db);
    const sorted = [];
    for (const [p, filters] of all)
      if ((await plan(p, filters)).includes("TEMP B-TREE")) sorted.push(filters);
    expect(sorted.length).toBe(all.length);
    await caseListOrderMigration.up((t as TestDb).db);
  });

  it("counts a region's open cases from the partial index alone; reads searches by a scan, overdue by due date", async () => {
    t = await freshDb("sqlite");
    const world = await makeWorld(t.db);
    const lead = world.users.regionLeadA.principal;
    const q = { page: 1, pageSize: 25, open: true } as ListCasesQuery;
    expect(await queryPlan(t.db, caseListCount(t.db, lead, q, NOW).compile())).toContain(
      "USING INDEX cases_open_region_updated",
    );
    // A search reads every case anyway: a plain scan keeping the newest matches, not a walk down the list's index.
    const search = await plan(world.users.secretariat.principal, { q: "TC 2027" });
    expect(search).toMatch(/^SCAN cases$/m);
    expect(search).not.toContain("cases_updated");
    // Overdue cases are few and stale: read from the due-date index and sorted, not looked for down the list.
    expect(await plan(world.users.secretariat.principal, { overdue: true })).toMatch(
      /SEARCH cases USING INDEX cases_due \(next_due_date>\? AND next_due_date<\?\)/,
    );
  });
});
