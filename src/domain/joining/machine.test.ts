import { describe, expect, it } from "vitest";
import type { ActorFacts } from "../certification/permissions";
import type { JoiningConditions } from "./items";
import { applicableItems } from "./items";
import {
  applyJoiningAction,
  availableJoiningActions,
  type JoiningFacts,
  joiningChecklist,
  startJoiningCase,
} from "./machine";
import { joiningPayloadFor } from "./test-support";

const lead: ActorFacts = { userId: "u-lead", role: "regionLead", inScope: true, isAssignedReviewer: false };
const kansli: ActorFacts = {
  userId: "u-kansli",
  role: "secretariat",
  inScope: true,
  isAssignedReviewer: false,
};
const world = { today: "2027-04-01" };

function start(conditions: Partial<JoiningConditions> = {}): JoiningFacts {
  return startJoiningCase({
    conditions: {
      partyKind: "municipality",
      partyId: "1497",
      partyName: "Hjo",
      hasOwnProvider: true,
      certifyProvider: false,
      privateProvider: false,
      ...conditions,
    },
    startedBy: { agreedOn: "2027-03-01", minutesReference: "RS 2027-03 §5" },
  });
}

function step(facts: JoiningFacts, action: string, actor = lead, payload?: unknown) {
  const r = applyJoiningAction({
    facts,
    actor,
    world,
    action,
    payload: payload ?? joiningPayloadFor(action, facts),
  });
  if (!r.ok) throw new Error(`${action}: ${r.code} ${JSON.stringify(r.details)}`);
  return { facts: { ...facts, state: r.state, record: r.record }, effects: r.effects };
}

describe("joining checklist", () => {
  it("shows conditional items only where their condition holds", () => {
    expect(applicableItems(start().record.conditions)).not.toContain("noProviderBranch");
    expect(applicableItems(start({ hasOwnProvider: false }).record.conditions)).toContain("noProviderBranch");
    expect(applicableItems(start({ certifyProvider: true }).record.conditions)).toContain(
      "certificationStart",
    );
    expect(
      applicableItems(start({ partyKind: "provider", privateProvider: true }).record.conditions),
    ).not.toContain("politicalDecision");
    expect(joiningChecklist(start().record).map((x) => x.status)).toEqual([
      "open",
      "open",
      "open",
      "open",
      "open",
      "notApplicable",
      "notApplicable",
      "open",
    ]);
  });

  it("needs the agreement before the political decision, and every item before completion", () => {
    const f = start();
    const early = applyJoiningAction({
      facts: f,
      actor: lead,
      world,
      action: "completePoliticalDecision",
      payload: joiningPayloadFor("completePoliticalDecision", f),
    });
    expect(early).toMatchObject({ ok: false, code: "case.precondition_failed", status: 422 });
    const notYet = applyJoiningAction({
      facts: f,
      actor: lead,
      world,
      action: "completeJoining",
      payload: {},
    });
    expect(notYet).toMatchObject({ ok: false, status: 422 });
    expect(JSON.stringify(notYet)).toContain("anchoring");
    expect(availableJoiningActions({ facts: f, actor: lead, world })).not.toContain("completeJoining");
    expect(availableJoiningActions({ facts: f, actor: lead, world })).not.toContain(
      "completePoliticalDecision",
    );
  });

  it("records who did what and completes with the registry effect; the secretariat is told where needed", () => {
    let f = start({ hasOwnProvider: false });
    const effects: unknown[] = [];
    for (const a of [
      "completeAnchoring",
      "completeLocalSteeringGroup",
      "completeRegionalRepresentation",
      "completeAgreement",
      "completePoliticalDecision",
      "completeNoProviderAgreement",
      "completeQualityPlan",
      "completeJoining",
    ]) {
      const r = step(f, a);
      f = r.facts;
      effects.push(...r.effects);
    }
    expect(f.state).toBe("completed");
    expect(f.record.items.anchoring).toMatchObject({
      completedBy: "u-lead",
      completedByRole: "regionLead",
      completedOn: "2027-04-01",
    });
    expect(effects).toEqual([
      { type: "notify", audience: "secretariat", template: "noProviderAgreement" },
      { type: "joiningCompleted" },
      { type: "notify", audience: "secretariat", template: "joiningCompleted" },
    ]);
    // Reopening is the secretariat's, and logged in the record.
    expect(
      applyJoiningAction({ facts: f, actor: lead, world, action: "reopenJoining", payload: { reason: "x" } }),
    ).toMatchObject({ status: 403 });
    const reopened = step(f, "reopenJoining", kansli, { reason: "Avtalet behöver kompletteras" });
    expect(reopened.facts.state).toBe("open");
    expect(reopened.facts.record.reopenings).toHaveLength(1);
  });

  it("opens the linked certification once", () => {
    let f = start({ partyKind: "provider", partyId: "p1", certifyProvider: true });
    const r = step(f, "startCertification", lead, {});
    expect(r.effects).toEqual([{ type: "openLinkedCertification", providerId: "p1" }]);
    f = r.facts;
    expect(
      applyJoiningAction({ facts: f, actor: lead, world, action: "startCertification", payload: {} }),
    ).toMatchObject({ status: 422 });
  });

  it("refuses outsiders (404), other roles (403), bad payloads (400) and actions after withdrawal (409)", () => {
    const f = start();
    expect(
      applyJoiningAction({
        facts: f,
        actor: { ...lead, inScope: false },
        world,
        action: "completeAnchoring",
        payload: {},
      }),
    ).toMatchObject({ status: 404 });
    expect(
      applyJoiningAction({
        facts: f,
        actor: { ...lead, role: "reviewer" },
        world,
        action: "completeAnchoring",
        payload: {},
      }),
    ).toMatchObject({ status: 403 });
    expect(
      applyJoiningAction({
        facts: f,
        actor: lead,
        world,
        action: "completeAnchoring",
        payload: { completedOn: "x" },
      }),
    ).toMatchObject({ status: 400 });
    const w = step(f, "withdrawJoining", lead, { reason: "Kommunen avstår" }).facts;
    expect(
      applyJoiningAction({
        facts: w,
        actor: kansli,
        world,
        action: "completeAnchoring",
        payload: joiningPayloadFor("completeAnchoring", w),
      }),
    ).toMatchObject({ status: 409 });
    expect(availableJoiningActions({ facts: w, actor: kansli, world })).toEqual([]);
  });
});
