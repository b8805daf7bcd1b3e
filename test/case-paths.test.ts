import { afterAll, beforeAll, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import { stockholmDate } from "../src/domain/certification/deadlines";
import { enabledActions } from "../src/domain/certification/machine";
import { ACTION_RESPONSIBLE } from "../src/domain/certification/permissions";
import { isFinalState } from "../src/domain/certification/steps";
import { validPayloadFor } from "../src/domain/certification/test-support";
import { NO_DUE_DATE } from "../src/server/db/schema";
import { caseFactsOf, criteriaNumbersOf } from "../src/server/modules/cases/facts";
import { itemsOf } from "../src/server/modules/cases/lists";
import { findCaseForPrincipal, presentCase } from "../src/server/modules/cases/repository";
import { rebuildCaseStatistics } from "../src/server/modules/cases/statistics";
import { openCertificationCase, performCaseAction } from "../src/server/modules/cases/use-cases";
import { listStream, toHashed } from "../src/server/modules/events/event-log";
import { verifyChain } from "../src/server/modules/events/hash";
import { clockFor, factsOf, insertBoardMeeting } from "./support/cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { ctxFor, insertCertification, makeLocalCollege, makeRegion, makeUser } from "./support/factories";
import { simplePaths } from "./support/paths";

/**
 * Every simple path through the certification process (enumerated with xstate/graph) driven through the real
 * use cases on a real database, each action taken by the role the handbook names: every path must end in a
 * final state with one log event per action, numbered without gaps and hash-chained.
 */
describeEachEngine("every path through the process", (engine) => {
  let t: TestDb;
  let regionId: string;
  const as: Record<string, Principal> = {};
  let reviewerIds: [string, string];
  const now = new Date("2027-05-03T10:00:00Z");
  // One ordinary meeting per round: a postponed case is decided at the first, placed again on the second (D2).
  const meetings = [
    { id: "m1", date: "2027-06-01", kind: "ordinary" as const, status: "planned" as const },
    { id: "m2", date: "2027-09-01", kind: "ordinary" as const, status: "planned" as const },
  ];

  beforeAll(async () => {
    t = await freshDb(engine);
    regionId = await makeRegion(t.db, "Region A", ["1496"]);
    const college = await makeLocalCollege(t.db, regionId);
    as.secretariat = (await makeUser(t.db, "secretariat")).principal;
    as.reviewer = (await makeUser(t.db, "reviewer")).principal;
    const r2 = (await makeUser(t.db, "reviewer")).principal;
    reviewerIds = [as.reviewer.id, r2.id];
    as.board = (await makeUser(t.db, "board")).principal;
    as.regionLead = (await makeUser(t.db, "regionLead", { regionId })).principal;
    as.localLead = (await makeUser(t.db, "localLead", { regionId, localCollegeId: college })).principal;
    for (const { id, date } of meetings) await insertBoardMeeting(t.db, { id, date, at: now.toISOString() });
  });
  afterAll(async () => t.close());

  async function certificationToEnd(): Promise<string> {
    // A certification to decertify: granted by a case opened and closed for it.
    const caseId = await t.db
      .transaction()
      .execute((tx) =>
        openCertificationCase(ctxFor(tx, as.secretariat, now), { kind: "newRegion", regionId }),
      );
    return insertCertification(t.db, {
      id: `cert-${caseId}`,
      caseId,
      regionId,
      subjectName: "Region A",
      validFrom: "2025-01-01",
      validTo: "2028-01-01",
      at: now.toISOString(),
    });
  }

  for (const kind of ["newRegion", "decertification"] as const) {
    it(`drives every simple path of a ${kind} case to a final state with a consistent log`, async () => {
      const paths = simplePaths(kind);
      expect(paths.length).toBeGreaterThan(kind === "newRegion" ? 20 : 10);
      let actions = 0;
      for (const path of paths) {
        const certificationId = kind === "decertification" ? await certificationToEnd() : undefined;
        const caseId = await t.db
          .transaction()
          .execute((tx) =>
            openCertificationCase(ctxFor(tx, as.secretariat, now), { kind, regionId, certificationId }),
          );
        for (const step of path) {
          const row = await findCaseForPrincipal(t.db, as.secretariat, caseId);
          // What the transition stored is what the process definition says now.
          const live = enabledActions(
            caseFactsOf(row!, await criteriaNumbersOf(t.db, row!.criteria_set_id)),
            row!.process_version,
          );
          expect(itemsOf(row!.enabled_actions ?? "<not derived>")).toEqual(live);
          // The reviewers' task index says what the case row says.
          const index = await t.db
            .selectFrom("case_participants")
            .select(["task_open", "task_due", "task_since"])
            .where("case_id", "=", caseId)
            .execute();
          for (const entry of index)
            expect(entry).toEqual({
              task_open: row!.closed_at === null && row!.awaiting_roles.includes("|reviewer|") ? 1 : 0,
              task_due: row!.next_due_date ?? NO_DUE_DATE,
              task_since: row!.state_since,
            });
          const c = await presentCase(t.db, as.secretariat, row!, now);
          // The role the handbook names; a decertification case has no reviewers, so the secretariat prepares it.
          const role = ACTION_RESPONSIBLE[step.action][0] ?? "secretariat";
          const actor = role === "reviewer" && c.reviewers.length === 0 ? as.secretariat : as[role];
          const stepNow = clockFor(factsOf(c), now);
          const payload = validPayloadFor(step.action, factsOf(c), {
            today: stockholmDate(stepNow),
            reviewerIds,
            secretariatIds: [as.secretariat.id],
            boardMeeting: meetings[factsOf(c).record.previousRounds.length],
            ...step.options,
          });
          const result = await t.db.transaction().execute((tx) =>
            performCaseAction(ctxFor(tx, actor, stepNow), {
              caseId,
              action: step.action,
              payload,
              expectedVersion: c.version,
            }),
          );
          expect(result.state, `${path.map((s) => s.action).join(" → ")}`).toBe(step.state);
          actions++;
        }
        const final = await t.db
          .selectFrom("cases")
          .select(["state", "closed_at"])
          .where("id", "=", caseId)
          .executeTakeFirstOrThrow();
        expect(isFinalState(final.state as "closed")).toBe(true);
        expect(final.closed_at).not.toBeNull();
        const log = await listStream(t.db, "case", caseId);
        expect(log.map((e) => e.type)).toEqual(["case.opened", ...path.map((s) => `case.${s.action}`)]);
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
        expect(verifyChain(log.map(toHashed))).toEqual([]);
      }
      // The statistics every transition kept equal those rebuilt from the cases and the event log.
      const snapshot = async () => ({
        counts: await t.db
          .selectFrom("case_state_counts")
          .selectAll()
          .where("n", "!=", 0)
          .orderBy("state")
          .execute(),
        stays: await t.db
          .selectFrom("step_stay_counts")
          .selectAll()
          .orderBy("state")
          .orderBy("month")
          .orderBy("bucket")
          .execute(),
      });
      const kept = await snapshot();
      await t.db.transaction().execute((tx) => rebuildCaseStatistics(tx));
      expect(await snapshot()).toEqual(kept);
      // In small batches too (a batch ends with a whole case; the rest comes in the next one).
      await t.db.transaction().execute((tx) => rebuildCaseStatistics(tx, { eventBatch: 7 }));
      expect(await snapshot()).toEqual(kept);
      expect(kept.stays.length).toBeGreaterThan(0);
      console.log(
        `[${engine}] ${kind}: ${paths.length} simple paths, ${actions} actions driven through the use cases`,
      );
    });
  }
});
