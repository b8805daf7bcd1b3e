/** The certification machine: starting a case, the checks every action passes, what is enabled, who acts next. */
import { describe, expect, it } from "vitest";
import { ACTION_NAMES, type ActionName } from "./actions";
import {
  type ActorFacts,
  applyAction,
  availableActions,
  type CaseFacts,
  certificationProcesses,
  certificationProcessV1,
  nextActors,
  openDeadline,
  startCase,
} from "./machine";
import { act, at, fresh, ok, secretariat, V } from "./machine-test-helpers";
import { ROLES, type Role } from "./permissions";
import {
  actorWithRole,
  type DriveStep,
  drive,
  HAPPY_PATH,
  TEST_CRITERIA,
  validPayloadFor,
  worldFor,
} from "./test-support";

describe("startCase", () => {
  it("starts every kind at anchoring except decertification, which starts at decisionPrep", () => {
    for (const kind of [
      "newRegion",
      "newProvider",
      "newProgramme",
      "newSpecialisation",
      "recertification",
    ] as const) {
      expect(fresh(kind).state).toBe("anchoring");
    }
    expect(fresh("decertification").state).toBe("decisionPrep");
    expect(fresh().record).toEqual({ phoneMeetings: [], deadlines: {}, previousRounds: [] });
    expect(fresh().criteriaNumbers).toEqual(TEST_CRITERIA);
  });

  it("keeps a registry of process versions and refuses an unknown one", () => {
    expect(certificationProcesses[1]).toBe(certificationProcessV1);
    expect(() => startCase({ kind: "newRegion", criteriaNumbers: [1], processVersion: 99 })).toThrow(
      /version 99/,
    );
    expect(() =>
      applyAction({
        processVersion: 99,
        facts: fresh(),
        actor: secretariat,
        world: worldFor(fresh()),
        action: "recordAnchoring",
        payload: {},
      }),
    ).toThrow(/version 99/);
  });
});

describe("applyAction: checks and error codes", () => {
  it("answers 400 case.action_unknown for an unknown action", () => {
    const result = act(fresh(), "approveEverything", { payload: {} });
    expect(result).toMatchObject({ ok: false, code: "case.action_unknown", status: 400 });
  });

  it("answers 404 case.not_found to anyone but the secretariat outside the case's scope", () => {
    const outsider: ActorFacts = { ...actorWithRole("regionLead"), inScope: false };
    expect(act(fresh(), "recordAnchoring", { actor: outsider })).toMatchObject({
      code: "case.not_found",
      status: 404,
    });
    const admin: ActorFacts = { ...actorWithRole("admin"), inScope: false };
    expect(act(fresh(), "recordAnchoring", { actor: admin })).toMatchObject({ status: 404 });
    expect(act(fresh(), "recordAnchoring", { actor: { ...secretariat, inScope: false } }).ok).toBe(true);
  });

  it("answers 403 case.forbidden when the role may not take the action", () => {
    const cases: [CaseFacts, ActionName, Role][] = [
      [fresh(), "recordAnchoring", "localLead"],
      [fresh(), "recordAnchoring", "admin"],
      [fresh(), "recordAnchoring", "reviewer"],
      [at("feedback"), "giveFeedback", "regionLead"],
      [at("preparation"), "assignReviewers", "regionLead"],
      [at("protocol"), "sendProtocol", "reviewer"],
      [at("decision"), "recordDecision", "regionLead"],
      [at("decision"), "sendDecision", "board"],
      [at("protocol"), "withdrawCase", "regionLead"],
    ];
    for (const [facts, action, role] of cases) {
      const result = act(facts, action, { actor: actorWithRole(role, facts) });
      expect(result, `${role} ${action}`).toMatchObject({ ok: false, code: "case.forbidden", status: 403 });
    }
    const facts = at("protocol");
    const unassigned: ActorFacts = { ...actorWithRole("reviewer", facts), isAssignedReviewer: false };
    expect(act(facts, "saveProtocol", { actor: unassigned })).toMatchObject({ code: "case.forbidden" });
    const decision = at("decision");
    const otherBoard: ActorFacts = { ...actorWithRole("board"), isBoardForAgenda: false };
    expect(act(decision, "recordDecision", { actor: otherBoard })).toMatchObject({ code: "case.forbidden" });
  });

  it("answers 409 case.action_not_allowed_in_state in the wrong step or a final state", () => {
    const result = act(at("drafting"), "recordAnchoring", { payload: {} });
    expect(result).toMatchObject({
      ok: false,
      code: "case.action_not_allowed_in_state",
      status: 409,
      details: { action: "recordAnchoring", state: "drafting" },
    });
    expect(act(at("protocol"), "recordPhoneMeeting")).toMatchObject({ status: 409 });
    const closed = at("closed");
    expect(closed.state).toBe("closed");
    for (const action of ["withdrawCase", "recordCeremony"] as const) {
      expect(act(closed, action, { payload: {} })).toMatchObject({ status: 409 });
    }
  });

  it("checks the state before the payload", () => {
    expect(act(at("drafting"), "recordAnchoring", { payload: { nonsense: true } })).toMatchObject({
      status: 409,
    });
  });

  it("answers 400 case.invalid_payload with the zod issues", () => {
    const result = act(fresh(), "recordAnchoring", {
      payload: { regionalAnchoring: "", localAnchoring: "Ja", completedOn: "2027-02-30" },
    });
    expect(result).toMatchObject({ ok: false, code: "case.invalid_payload", status: 400 });
    if (result.ok) return;
    expect(result.details?.issues?.map((i) => i.path).sort()).toEqual(["completedOn", "regionalAnchoring"]);
  });

  it("answers 422 case.precondition_failed with the reasons and a message in both languages", () => {
    const facts = drive(at("drafting"), [
      {
        action: "saveApplicationDraft",
        payload: { answers: [1, 2, 3, 4, 6].map((n) => ({ criterionNumber: n, text: "Svar" })) },
      },
      { action: "saveApplicationDraft", payload: { answers: [{ criterionNumber: 7, text: "  " }] } },
    ]).facts;
    const result = act(facts, "sendToSteeringGroup");
    expect(result).toMatchObject({
      ok: false,
      code: "case.precondition_failed",
      status: 422,
      message: {
        sv: "Ansökan saknar svar för kriterium 5, 7, 8",
        en: "The application has no answer for criterion 5, 7, 8",
      },
      details: { failures: [{ reason: "application.missing_criteria", criteria: [5, 7, 8] }] },
    });
  });

  it("does not modify the facts it is given", () => {
    const facts = at("protocol", ["saveProtocol"]);
    const copy = structuredClone(facts);
    ok(act(facts, "sendProtocol"));
    ok(act(facts, "withdrawCase"));
    ok(act(facts, "grantPostponement"));
    expect(facts).toEqual(copy);
  });

  it("refuses a world without a valid today", () => {
    expect(() => act(fresh(), "recordAnchoring", { world: { today: "15/3/2027" } })).toThrow(/today/);
  });
});

describe("availableActions", () => {
  const available = (facts: CaseFacts, role: Role, actor?: ActorFacts) =>
    availableActions({
      processVersion: V,
      facts,
      actor: actor ?? actorWithRole(role, facts),
      world: worldFor(facts),
    });

  it("shows each role its buttons", () => {
    expect(available(fresh(), "regionLead")).toEqual(["recordAnchoring"]);
    expect(available(fresh(), "localLead")).toEqual([]);
    expect(available(fresh(), "secretariat")).toEqual(["recordAnchoring", "withdrawCase"]);
    expect(available(at("drafting"), "localLead")).toEqual(["saveApplicationDraft"]);
    expect(available(at("drafting", ["saveApplicationDraft"]), "regionLead")).toEqual([
      "saveApplicationDraft",
      "sendToSteeringGroup",
    ]);
    expect(available(at("protocol"), "reviewer")).toEqual(["saveProtocol"]);
    expect(available(at("protocol"), "secretariat")).toEqual([
      "saveProtocol",
      "grantPostponement",
      "withdrawCase",
    ]);
    expect(available(at("protocol", ["saveProtocol"]), "secretariat")).toEqual([
      "saveProtocol",
      "sendProtocol",
      "grantPostponement",
      "withdrawCase",
    ]);
    expect(available(at("response"), "localLead")).toEqual(["submitResponse", "recordPhoneMeeting"]);
    expect(available(at("decision"), "board")).toEqual(["recordDecision"]);
    expect(available(at("decision", ["recordDecision"]), "board")).toEqual([]);
    expect(available(at("decision", ["recordDecision"]), "secretariat")).toEqual([
      "sendDecision",
      "withdrawCase",
    ]);
    expect(available(at("ceremony"), "regionLead")).toEqual(["recordCeremony", "skipCeremony"]);
  });

  it("shows nothing outside scope, to the admin, or in a final state", () => {
    expect(available(fresh(), "regionLead", { ...actorWithRole("regionLead"), inScope: false })).toEqual([]);
    expect(available(fresh(), "admin")).toEqual([]);
    expect(available(at("closed"), "secretariat")).toEqual([]);
  });

  it("agrees with applyAction for every role, action and step of the main line and a postponement", () => {
    const states: CaseFacts[] = [];
    let facts = fresh();
    const steps: DriveStep[] = [
      ...HAPPY_PATH.slice(0, HAPPY_PATH.indexOf("recordDecision")),
      { action: "recordDecision", options: { decisionOutcome: "postponed" } },
      "sendDecision",
      ...HAPPY_PATH.slice(HAPPY_PATH.indexOf("submitResponse")),
    ];
    for (const step of steps) {
      states.push(facts);
      facts = drive(facts, [step]).facts;
    }
    states.push(facts);
    let checked = 0;
    for (const state of states) {
      for (const role of ROLES) {
        const actor = actorWithRole(role, state);
        const shown = available(state, role);
        for (const action of ACTION_NAMES) {
          let payload: unknown;
          try {
            payload = validPayloadFor(action, state);
          } catch {
            payload = { deadline: "protocol", newDueDate: "2030-01-01", reason: "x" };
          }
          const result = act(state, action, { actor, payload });
          expect(result.ok, `${role} ${action} in ${state.state}`).toBe(shown.includes(action));
          checked++;
        }
      }
    }
    expect(checked).toBe(states.length * ROLES.length * ACTION_NAMES.length);
  });
});

describe("nextActors", () => {
  it("names who must act in each step", () => {
    const expected: [CaseFacts, Role[]][] = [
      [fresh(), ["regionLead"]],
      [at("steeringGroup"), ["regionLead"]],
      [at("interest"), ["regionLead"]],
      [at("feedback"), ["secretariat"]],
      [at("drafting"), ["regionLead", "localLead"]],
      [at("drafting", ["saveApplicationDraft"]), ["regionLead"]],
      [at("submitted"), ["regionLead"]],
      [at("preparation"), ["secretariat"]],
      [at("preparation", ["assignReviewers"]), ["secretariat", "reviewer"]],
      [at("visit"), ["secretariat", "reviewer"]],
      [at("protocol"), ["secretariat", "reviewer"]],
      [at("protocol", ["saveProtocol"]), ["secretariat"]],
      [at("response"), ["regionLead", "localLead"]],
      [at("decisionPrep"), ["secretariat", "reviewer"]],
      [at("decisionPrep", ["recordDecisionBasis"]), ["secretariat"]],
      [at("decision"), ["board"]],
      [at("decision", ["recordDecision"]), ["secretariat"]],
      [at("ceremony"), ["regionLead"]],
      [at("closed"), []],
    ];
    for (const [facts, roles] of expected) {
      expect(nextActors(facts), facts.state).toEqual(roles);
    }
  });
});

describe("openDeadline", () => {
  it("follows the protocol and response deadlines", () => {
    expect(openDeadline(at("visit"))).toBeNull();
    expect(openDeadline(at("protocol"))).toEqual({ deadline: "protocol", dueDate: "2027-04-15" });
    expect(openDeadline(at("response"))).toEqual({ deadline: "response", dueDate: "2027-06-15" });
    expect(openDeadline(at("decisionPrep"))).toBeNull();
    expect(openDeadline(at("closed"))).toBeNull();
  });

  it("tolerates a record without the always-present parts", () => {
    expect(openDeadline({ ...fresh(), record: {} as CaseFacts["record"] })).toBeNull();
  });
});
