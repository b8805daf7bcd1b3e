import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import * as taskSortKeyMigration from "../src/server/db/migrations/2026-11-29T0007-task-sort-key";
import type { Prepared } from "../src/server/db/prepared";
import {
  reviewerTaskCounts,
  reviewerTaskPage,
  TASK_COUNT_CAP,
  tasksFor,
} from "../src/server/modules/cases/repository";
import { openCertificationCase } from "../src/server/modules/cases/use-cases";
import type { Task } from "../src/shared/dto";
import { driveAsSecretariat, FULL_PATH } from "./support/cases";
import { describeEachEngine, freshDb, queryPlan, type TestDb } from "./support/db";
import { inTx, makeUser, makeWorld } from "./support/factories";
import { type CaseCopy, copyCase } from "./support/tasks";

const NOW = new Date("2027-03-01T09:00:00Z");
const TODAY = "2027-03-01";

/** Due dates in the past (overdue), today, in the future and none, with ties, so every sort key is needed. */
const DUES = ["2027-02-10", null, "2027-03-01", "2027-02-10", "2027-05-01", null, "2027-02-27", "2027-03-15"];
const SINCES = ["2027-01-05T10:00:00.000Z", "2027-01-02T08:00:00.000Z", "2027-01-05T10:00:00.000Z"];
const copies = (n: number, regionId?: string): CaseCopy[] =>
  Array.from({ length: n }, (_, i) => ({
    due: DUES[i % DUES.length],
    since: SINCES[i % SINCES.length],
    regionId,
  }));

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
type Entry = { id: string; due: string | null; since: string };
const overdue = (e: Entry) => e.due !== null && e.due < TODAY;

/** The list's order written out: overdue first, then by due date (none last), then the oldest step, then id. */
function expectedOrder(entries: Entry[]): string[] {
  return [...entries]
    .sort(
      (a, b) =>
        Number(overdue(b)) - Number(overdue(a)) ||
        Number(a.due === null) - Number(b.due === null) ||
        cmp(a.due ?? "", b.due ?? "") ||
        cmp(a.since, b.since) ||
        cmp(a.id, b.id),
    )
    .map((e) => e.id);
}

describeEachEngine("my tasks, a page at a time", (engine) => {
  let t: TestDb;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let secretariat: Principal;
  beforeEach(async () => {
    t = await freshDb(engine);
    world = await makeWorld(t.db);
    secretariat = world.users.secretariat.principal;
  });
  afterEach(async () => t.close());

  const open = (regionId = world.regionA) =>
    inTx(t.db, secretariat, (ctx) =>
      openCertificationCase(
        { ...ctx, now: new Date("2027-01-01T09:00:00Z") },
        { kind: "newRegion", regionId },
      ),
    );
  const entriesOf = (ids: string[]) =>
    t.db
      .selectFrom("cases")
      .select(["id", "next_due_date as due", "state_since as since"])
      .where("id", "in", ids)
      .execute();

  /** Every page of `pageSize` until an empty one; checks each page's counts and size. */
  async function allPages(p: Principal, pageSize: number, total: number, overdueCount: number) {
    const seen: Task[] = [];
    for (let page = 1; ; page++) {
      const answer = await tasksFor(t.db, p, NOW, { page, pageSize });
      expect(answer).toMatchObject({ page, pageSize, total, overdue: overdueCount, totalCapped: false });
      expect(answer.items.length).toBe(Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize)));
      if (answer.items.length === 0) break;
      seen.push(...answer.items);
    }
    return seen;
  }

  it("pages a reviewer's tasks in the list's order from the task index, with counts, each reviewer their own", async () => {
    const reviewer = world.users.reviewer;
    const reviewer2 = await makeUser(t.db, "reviewer");
    // A case at the protocol step (the reviewers write it), then copies of it for each reviewer.
    const source = await open();
    await driveAsSecretariat(t.db, secretariat, source, FULL_PATH.slice(0, 11), {
      now: new Date("2027-01-31T09:00:00Z"),
      today: "2027-01-31",
      reviewerIds: [reviewer.id, reviewer2.id],
      secretariatIds: [secretariat.id],
    });
    const mine = await copyCase(t.db, source, copies(23), [reviewer.id]);
    const theirs = await copyCase(t.db, source, copies(4), [reviewer2.id]);

    const entries = await entriesOf([source, ...mine]);
    const order = expectedOrder(entries);
    const overdueCount = entries.filter(overdue).length;
    expect(overdueCount).toBeGreaterThan(0);
    expect(entries.some((e) => e.due === null)).toBe(true);

    // Pages of 5 continue each other: no overlap, no gap, the whole list in order.
    const seen = await allPages(reviewer.principal, 5, 24, overdueCount);
    expect(seen.map((x) => x.caseId)).toEqual(order);
    // Overdue first; a task without a due date shows none (the index's sort key never reaches the client).
    expect(seen.slice(0, overdueCount).every((x) => x.overdue)).toBe(true);
    expect(seen.slice(overdueCount).some((x) => x.overdue)).toBe(false);
    expect(seen.filter((x) => x.dueDate === null)).toHaveLength(entries.filter((e) => e.due === null).length);
    expect(seen.slice(-3).map((x) => x.dueDate)).toEqual([null, null, null]);
    expect(seen.every((x) => x.actions.includes("saveProtocol"))).toBe(true);
    // Another page size gives the same list.
    expect((await allPages(reviewer.principal, 7, 24, overdueCount)).map((x) => x.caseId)).toEqual(order);
    expect((await tasksFor(t.db, reviewer.principal, NOW, { page: 1, pageSize: 200 })).items).toHaveLength(
      24,
    );

    // The other reviewer sees their own tasks only.
    const other = await allPages(
      reviewer2.principal,
      50,
      5,
      (await entriesOf([source, ...theirs])).filter(overdue).length,
    );
    expect(other.map((x) => x.caseId)).toEqual(expectedOrder(await entriesOf([source, ...theirs])));

    // The counts stop at the cap and say so; one above it, they do not.
    expect(
      await tasksFor(t.db, reviewer.principal, NOW, { page: 1, pageSize: 5 }, { countCap: 10 }),
    ).toMatchObject({ total: 10, overdue: Math.min(overdueCount, 10), totalCapped: true });
    expect(
      await tasksFor(t.db, reviewer.principal, NOW, { page: 1, pageSize: 5 }, { countCap: 23 }),
    ).toMatchObject({ total: 23, totalCapped: true });
    expect(
      await tasksFor(t.db, reviewer.principal, NOW, { page: 1, pageSize: 5 }, { countCap: 24 }),
    ).toMatchObject({ total: 24, overdue: overdueCount, totalCapped: false });
    // Paging is not limited by the cap.
    const capped = await tasksFor(t.db, reviewer.principal, NOW, { page: 3, pageSize: 10 }, { countCap: 10 });
    expect(capped.items.map((x) => x.caseId)).toEqual(order.slice(20));
  });

  it("pages other roles' tasks in the same order, within their scope", async () => {
    // A new case waits for its region's lead (anchoring, no due date); copies in both regions with due dates.
    const source = await open();
    const inA = await copyCase(t.db, source, copies(17));
    const inB = await copyCase(t.db, source, copies(3, world.regionB));

    const entriesA = await entriesOf([source, ...inA]);
    const seen = await allPages(world.users.regionLeadA.principal, 4, 18, entriesA.filter(overdue).length);
    expect(seen.map((x) => x.caseId)).toEqual(expectedOrder(entriesA));
    expect(seen.at(-1)?.dueDate).toBeNull();
    expect(seen.every((x) => x.actions.includes("recordAnchoring"))).toBe(true);

    const entriesB = await entriesOf(inB);
    const seenB = await allPages(world.users.regionLeadB.principal, 50, 3, entriesB.filter(overdue).length);
    expect(seenB.map((x) => x.caseId)).toEqual(expectedOrder(entriesB));

    // The secretariat (who does not anchor) and a reviewer (assigned to none) have no tasks here.
    for (const p of [secretariat, world.users.reviewer.principal])
      expect(await tasksFor(t.db, p, NOW, { page: 1, pageSize: 50 })).toEqual({
        items: [],
        total: 0,
        overdue: 0,
        page: 1,
        pageSize: 50,
        totalCapped: false,
      });

    expect(
      await tasksFor(t.db, world.users.regionLeadA.principal, NOW, { page: 2, pageSize: 5 }, { countCap: 5 }),
    ).toMatchObject({ total: 5, totalCapped: true });
  });
});

describe("the reviewer's task page on SQLite", () => {
  let t: TestDb | undefined;
  afterEach(async () => t?.close());

  async function plan<A>(q: Prepared<A, unknown>, args: A): Promise<string[]> {
    const db = (t as TestDb).db;
    return (await queryPlan(db, q.compiled(db, args))).split("\n");
  }
  const page = { userId: "u", limit: 50, offset: 100 };
  const counts = { userId: "u", today: TODAY, countLimit: TASK_COUNT_CAP + 1 };

  it("reads the page in order from the task index, without a sort, and counts from the index alone", async () => {
    t = await freshDb("sqlite");
    const steps = await plan(reviewerTaskPage, page);
    expect(steps[0]).toContain("USING COVERING INDEX case_participants_tasks");
    expect(steps.join("\n")).not.toContain("TEMP B-TREE");
    const countSteps = (await plan(reviewerTaskCounts, counts)).filter((s) =>
      s.includes("case_participants"),
    );
    expect(countSteps).toHaveLength(2);
    for (const s of countSteps) expect(s).toContain("USING COVERING INDEX case_participants_tasks");
  });

  it("needed the sort before migration 0007 (the plan check can fail)", async () => {
    t = await freshDb("sqlite");
    await taskSortKeyMigration.down(t.db);
    expect((await plan(reviewerTaskPage, page)).join("\n")).toContain("TEMP B-TREE");
    await taskSortKeyMigration.up(t.db);
  });
});
