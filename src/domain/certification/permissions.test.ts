import { describe, expect, it } from "vitest";
import { ACTION_NAMES, type ActionName, isMeetingAction } from "./actions";
import { type ActorFacts, actorSeesCase, type Role, roleMayTakeAction } from "./permissions";

function actor(role: Role, extra: Partial<ActorFacts> = {}): ActorFacts {
  return { userId: `u-${role}`, role, inScope: true, isAssignedReviewer: false, ...extra };
}

const allowed = (a: ActorFacts) => ACTION_NAMES.filter((action) => roleMayTakeAction(a, action));

describe("roleMayTakeAction", () => {
  it("lets the secretariat take every action on a case and the admin none", () => {
    expect(allowed(actor("secretariat"))).toEqual(ACTION_NAMES.filter((a) => !isMeetingAction(a)));
    expect(allowed(actor("admin"))).toEqual([]);
  });

  it("lets a meeting's change reach its cases only through the meeting, by the secretariat", () => {
    expect(allowed(actor("secretariat", { throughMeeting: true }))).toEqual(ACTION_NAMES);
    for (const role of ["reviewer", "board", "regionLead", "localLead", "admin"] as const) {
      const through = allowed(
        actor(role, { throughMeeting: true, isAssignedReviewer: true, isBoardForAgenda: true }),
      );
      expect(through.filter(isMeetingAction), role).toEqual([]);
    }
  });

  it("gives the region lead the applicant's actions", () => {
    expect(allowed(actor("regionLead"))).toEqual<ActionName[]>([
      "recordAnchoring",
      "recordSteeringGroups",
      "submitInterest",
      "saveApplicationDraft",
      "sendToSteeringGroup",
      "recordSteeringGroupApproval",
      "submitApplication",
      "submitResponse",
      "recordPhoneMeeting",
      "recordCeremony",
      "skipCeremony",
    ]);
  });

  it("gives the local lead drafting, response and phone meetings", () => {
    expect(allowed(actor("localLead"))).toEqual<ActionName[]>([
      "saveApplicationDraft",
      "submitResponse",
      "recordPhoneMeeting",
    ]);
  });

  it("lets only an assigned reviewer act as reviewer", () => {
    expect(allowed(actor("reviewer"))).toEqual([]);
    expect(allowed(actor("reviewer", { isAssignedReviewer: true }))).toEqual<ActionName[]>([
      "planVisit",
      "recordVisit",
      "saveProtocol",
      "recordPhoneMeeting",
      "recordDecisionBasis",
    ]);
  });

  it("lets a board member record the decision only for a case on their agenda", () => {
    expect(allowed(actor("board"))).toEqual([]);
    expect(allowed(actor("board", { isBoardForAgenda: false }))).toEqual([]);
    expect(allowed(actor("board", { isBoardForAgenda: true }))).toEqual(["recordDecision"]);
  });
});

describe("actorSeesCase", () => {
  it("hides the case from everyone out of scope except the secretariat", () => {
    expect(actorSeesCase(actor("secretariat", { inScope: false }))).toBe(true);
    for (const role of ["reviewer", "board", "regionLead", "localLead", "admin"] as const) {
      expect(actorSeesCase(actor(role, { inScope: false }))).toBe(false);
      expect(actorSeesCase(actor(role))).toBe(true);
    }
  });
});
