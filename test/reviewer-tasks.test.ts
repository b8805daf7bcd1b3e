import { afterEach, beforeEach, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import * as reviewerTasksMigration from "../src/server/db/migrations/2026-11-29T0006-reviewer-tasks";
import * as taskSortKeyMigration from "../src/server/db/migrations/2026-11-29T0007-task-sort-key";
import { NO_DUE_DATE } from "../src/server/db/schema";
import { tasksFor } from "../src/server/modules/cases/repository";
import { openCertificationCase } from "../src/server/modules/cases/use-cases";
import { driveAsSecretariat, FULL_PATH } from "./support/cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { inTx, makeUser, makeWorld } from "./support/factories";

/**
 * A reviewer's tasks come from the task index on the assignment (migrations 0006 and 0007), kept by every
 * transition: the same cases as the definition's "waiting for a reviewer" on open cases, and the migrations'
 * backfill gives the same index as the transitions kept.
 */
describeEachEngine("the reviewers' task index", (engine) => {
  let t: TestDb;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let secretariat: Principal;
  let reviewer: Principal;
  let reviewer2: Awaited<ReturnType<typeof makeUser>>;
  beforeEach(async () => {
    t = await freshDb(engine);
    world = await makeWorld(t.db);
    reviewer2 = await makeUser(t.db, "reviewer");
    secretariat = world.users.secretariat.principal;
    reviewer = world.users.reviewer.principal;
  });
  afterEach(async () => t.close());

  const options = (now: string) => ({
    now: new Date(now),
    today: now.slice(0, 10),
    reviewerIds: [world.users.reviewer.id, reviewer2.id] as [string, string],
    secretariatIds: [secretariat.id],
  });
  const open = (at: string) =>
    inTx(t.db, secretariat, (ctx) =>
      openCertificationCase({ ...ctx, now: new Date(at) }, { kind: "newRegion", regionId: world.regionA }),
    );
  const index = () =>
    t.db
      .selectFrom("case_participants")
      .select(["case_id", "user_id", "task_open", "task_due", "task_since"])
      .orderBy("case_id")
      .orderBy("user_id")
      .execute();

  it("lists the cases waiting for the reviewer, first due first, and the backfill agrees", async () => {
    // A: at the protocol step (the reviewers write it); B: at the visit step (the secretariat plans it);
    // C: its protocol sent, waiting for the region's response.
    const a = await open("2027-01-01T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, a, FULL_PATH.slice(0, 11), options("2027-01-31T09:00:00Z"));
    const b = await open("2027-01-02T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, b, FULL_PATH.slice(0, 9), options("2027-02-01T09:00:00Z"));
    const c = await open("2027-01-03T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, c, FULL_PATH.slice(0, 11), options("2027-02-10T09:00:00Z"));
    await driveAsSecretariat(t.db, secretariat, c, FULL_PATH.slice(11, 13), options("2027-02-20T09:00:00Z"));

    const page = await tasksFor(t.db, reviewer, new Date("2027-03-01T09:00:00Z"), { page: 1, pageSize: 50 });
    const tasks = page.items;
    // The same cases as the definition's "waiting for a reviewer" among the reviewer's open cases.
    const waiting = await t.db
      .selectFrom("cases")
      .innerJoin("case_participants", "case_participants.case_id", "cases.id")
      .select("cases.id")
      .where("case_participants.user_id", "=", reviewer.id)
      .where("cases.closed_at", "is", null)
      .where("cases.awaiting_roles", "like", "%|reviewer|%")
      .execute();
    expect(tasks.map((x) => x.caseId).sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(tasks.map((x) => x.caseId)).toContain(a);
    expect(tasks.map((x) => x.caseId)).not.toContain(c);
    // Overdue first: A's protocol was due a month after its visit.
    expect(tasks[0]).toMatchObject({ caseId: a, state: "protocol", dueDate: "2027-02-28", overdue: true });
    expect(tasks[0].actions).toContain("saveProtocol");
    expect(page).toMatchObject({ total: tasks.length, overdue: 1, totalCapped: false });

    const kept = await index();
    const openIds = new Set(kept.filter((r) => r.task_open === 1).map((r) => r.case_id));
    expect([...openIds].sort()).toEqual(waiting.map((r) => r.id).sort());
    expect(kept.filter((r) => r.case_id === c).map((r) => r.task_open)).toEqual([0, 0]);
    expect(kept.filter((r) => r.case_id === a).map((r) => r.task_due)).toEqual(["2027-02-28", "2027-02-28"]);
    // B has no due date: its sort key sorts after every date (migration 0007); the task shows none.
    expect(kept.filter((r) => r.case_id === b).map((r) => r.task_due)).toEqual([NO_DUE_DATE, NO_DUE_DATE]);
    expect(tasks.every((x) => x.dueDate !== NO_DUE_DATE)).toBe(true);
    // Migration 0007 down gives back the NULLs of 0006, and up the sort key again.
    await taskSortKeyMigration.down(t.db);
    const before0007 = await index();
    expect(before0007.filter((r) => r.case_id === b).map((r) => r.task_due)).toEqual([null, null]);
    expect(before0007.map((r) => ({ ...r, task_due: r.task_due ?? NO_DUE_DATE }))).toEqual(kept);
    await taskSortKeyMigration.up(t.db);
    expect(await index()).toEqual(kept);
    // The migrations' backfill computes the same index from the cases.
    await taskSortKeyMigration.down(t.db);
    await reviewerTasksMigration.down(t.db);
    await reviewerTasksMigration.up(t.db);
    await taskSortKeyMigration.up(t.db);
    expect(await index()).toEqual(kept);
  });
});
