import { afterAll, beforeAll, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import {
  ACTION_NAMES,
  type ActionName,
  isMeetingAction,
  MEETING_ACTIONS,
} from "../src/domain/certification/actions";
import { stockholmDate } from "../src/domain/certification/deadlines";
import { validPayloadFor } from "../src/domain/certification/test-support";
import { findCaseForPrincipal, presentCase } from "../src/server/modules/cases/repository";
import { openCertificationCase, performCaseAction } from "../src/server/modules/cases/use-cases";
import type { CaseDetail } from "../src/shared/dto";
import { clockFor, FULL_PATH, factsOf, insertBoardMeeting } from "./support/cases";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { ctxFor, inTx, makeLocalCollege, makeRegion, makeUser } from "./support/factories";

/**
 * Every role × every action × in scope / out of scope, through the real use case on a real database.
 * Expected answers are written out from DOMAIN.md ("The people and what they may do" and the "who acts"
 * column of process B), independently of the process definition's own tables.
 */
const MAY_ACT: Record<ActionName, string[]> = {
  recordAnchoring: ["regionLead"],
  recordSteeringGroups: ["regionLead"],
  submitInterest: ["regionLead"],
  giveFeedback: [],
  saveApplicationDraft: ["regionLead", "localLead"],
  sendToSteeringGroup: ["regionLead"],
  recordSteeringGroupApproval: ["regionLead"],
  submitApplication: ["regionLead"],
  assignReviewers: [],
  planVisit: ["reviewer"],
  recordVisit: ["reviewer"],
  saveProtocol: ["reviewer"],
  sendProtocol: [],
  submitResponse: ["regionLead", "localLead"],
  recordPhoneMeeting: ["regionLead", "localLead", "reviewer"],
  recordDecisionBasis: ["reviewer"],
  placeOnAgenda: [],
  recordDecision: ["board"],
  sendDecision: [],
  recordCeremony: ["regionLead"],
  skipCeremony: ["regionLead"],
  grantPostponement: [],
  withdrawCase: [],
  // Taken only through a board meeting's change, never on the case (tested below).
  meetingMoved: [],
  meetingCancelled: [],
};

class Rollback extends Error {}

describeEachEngine("case permission matrix", (engine) => {
  let t: TestDb;
  const who: Record<string, { in?: Principal; out?: Principal }> = {};
  let secretariat: Principal;
  let boardMeeting: Awaited<ReturnType<typeof insertBoardMeeting>>;
  let reviewerIds: [string, string];
  let regionId: string;
  const now = new Date("2027-05-03T10:00:00Z");

  beforeAll(async () => {
    t = await freshDb(engine);
    const a = await makeRegion(t.db, "Region A", ["1496"]);
    const b = await makeRegion(t.db, "Region B", ["0680"]);
    const ca = await makeLocalCollege(t.db, a);
    const cb = await makeLocalCollege(t.db, b);
    secretariat = (await makeUser(t.db, "secretariat")).principal;
    const r1 = await makeUser(t.db, "reviewer");
    const r2 = await makeUser(t.db, "reviewer");
    const r3 = await makeUser(t.db, "reviewer");
    reviewerIds = [r1.id, r2.id];
    who.regionLead = {
      in: (await makeUser(t.db, "regionLead", { regionId: a })).principal,
      out: (await makeUser(t.db, "regionLead", { regionId: b })).principal,
    };
    who.localLead = {
      in: (await makeUser(t.db, "localLead", { regionId: a, localCollegeId: ca })).principal,
      out: (await makeUser(t.db, "localLead", { regionId: b, localCollegeId: cb })).principal,
    };
    who.reviewer = { in: r1.principal, out: r3.principal };
    who.board = { in: (await makeUser(t.db, "board")).principal };
    who.admin = { out: (await makeUser(t.db, "admin")).principal };
    boardMeeting = await insertBoardMeeting(t.db, { id: "m1", date: "2027-06-01", at: now.toISOString() });
    regionId = a;
  });
  afterAll(async () => t.close());

  async function load(id: string): Promise<CaseDetail> {
    const row = await findCaseForPrincipal(t.db, secretariat, id);
    return presentCase(t.db, secretariat, row!, now);
  }

  /** The day to take `action` on `c`, and a valid payload for it. */
  function validStep(c: CaseDetail, action: ActionName) {
    const at = clockFor(factsOf(c), now);
    const payload = validPayloadFor(action, factsOf(c), {
      today: stockholmDate(at),
      reviewerIds,
      secretariatIds: [secretariat.id],
      boardMeeting,
    });
    return { at, payload };
  }

  async function attempt(p: Principal, c: CaseDetail, action: ActionName): Promise<number> {
    const { at, payload } = validStep(c, action);
    try {
      await t.db.transaction().execute(async (tx) => {
        await performCaseAction(
          { ...ctxFor(tx, p, at) },
          { caseId: c.id, action, payload, expectedVersion: c.version },
        );
        throw new Rollback();
      });
    } catch (e) {
      if (e instanceof Rollback) return 200;
      const status = (e as { status?: number }).status;
      if (!status) throw e;
      return status;
    }
    return 0;
  }

  it("allows, forbids (403) or hides (404) every action for every role, in and out of scope", async () => {
    const caseId = await inTx(t.db, secretariat, (ctx) =>
      openCertificationCase({ ...ctx, now }, { kind: "newRegion", regionId }),
    );
    let c = await load(caseId);
    const tested = new Set<ActionName>();
    const rows: string[] = [];
    for (const step of [...FULL_PATH, null]) {
      for (const action of c.actions as ActionName[]) {
        if (tested.has(action)) continue;
        tested.add(action);
        expect(await attempt(secretariat, c, action), `secretariat ${action}`).toBe(200);
        for (const [role, scopes] of Object.entries(who)) {
          if (!["regionLead", "localLead", "reviewer", "board", "admin"].includes(role)) continue;
          for (const [scope, p] of Object.entries(scopes) as ["in" | "out", Principal | undefined][]) {
            if (!p) continue;
            const sees =
              scope === "in" &&
              (role !== "reviewer" || c.reviewers.length > 0) &&
              (role !== "board" || c.boardMeeting !== null);
            const expected = !sees ? 404 : MAY_ACT[action].includes(role) ? 200 : 403;
            const got = await attempt(p, c, action);
            rows.push(`${action} ${role} ${scope}: ${got}`);
            expect(got, `${action} by ${role} (${scope} of scope) in ${c.state}`).toBe(expected);
          }
        }
      }
      if (!step) break;
      const { at, payload } = validStep(c, step);
      await inTx(t.db, secretariat, (ctx) =>
        performCaseAction({ ...ctx, now: at }, { caseId, action: step, payload, expectedVersion: c.version }),
      );
      if (step === "placeOnAgenda") {
        // Taking a meeting's change on the case directly is refused for everyone, the secretariat included.
        for (const action of MEETING_ACTIONS) {
          expect(await attempt(secretariat, await load(caseId), action), action).toBe(403);
          for (const scopes of Object.values(who)) {
            if (scopes.in) expect([403, 404]).toContain(await attempt(scopes.in, await load(caseId), action));
          }
        }
      }
      c = await load(caseId);
    }
    expect(c.state).toBe("closed");
    expect([...tested].sort()).toEqual(ACTION_NAMES.filter((a) => !isMeetingAction(a)).sort());
    expect(rows.length).toBeGreaterThan(150);
    console.log(`permission matrix [${engine}]: ${tested.size} actions, ${rows.length} role/scope attempts`);
  });
});
