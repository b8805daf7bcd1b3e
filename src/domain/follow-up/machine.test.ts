import { describe, expect, it } from "vitest";
import type { ActorFacts } from "../certification/permissions";
import {
  applyFollowUpAction,
  enabledFollowUpActions,
  type FollowUpFacts,
  type FollowUpWorld,
  followUpActionsFor,
  followUpNextActors,
  followUpOpenDeadline,
  startFollowUp,
} from "./machine";
import { criteriaAtRisk } from "./record";

const CRITERIA = [1, 2, 3];
const lead: ActorFacts = { userId: "lead", role: "regionLead", inScope: true, isAssignedReviewer: false };
const local: ActorFacts = { userId: "local", role: "localLead", inScope: true, isAssignedReviewer: false };
const kansli: ActorFacts = {
  userId: "kansli",
  role: "secretariat",
  inScope: false,
  isAssignedReviewer: false,
};
const reviewer: ActorFacts = { userId: "rev", role: "reviewer", inScope: true, isAssignedReviewer: true };
const outsider: ActorFacts = {
  userId: "other",
  role: "regionLead",
  inScope: false,
  isAssignedReviewer: false,
};

function world(today = "2027-03-10", extra: Partial<FollowUpWorld> = {}): FollowUpWorld {
  return { today, users: { rev: { role: "reviewer" }, notrev: { role: "board" } }, ...extra };
}

function fresh(): FollowUpFacts {
  return startFollowUp({
    record: {
      certificationId: "cert",
      subjectName: "Teknikcollege Norrbotten",
      year: 2027,
      openedOn: "2027-03-01",
      openedBy: "schedule",
      indicatorDefinitions: [{ key: "students", label: { sv: "Elever", en: "Students" } }],
      plan: [],
    },
    criteriaNumbers: CRITERIA,
  });
}

function act(facts: FollowUpFacts, actor: ActorFacts, action: string, payload: unknown, w = world()) {
  const r = applyFollowUpAction({ facts, actor, world: w, action, payload });
  return r;
}

function ok(
  facts: FollowUpFacts,
  actor: ActorFacts,
  action: string,
  payload: unknown,
  w = world(),
): FollowUpFacts {
  const r = act(facts, actor, action, payload, w);
  if (!r.ok) throw new Error(`${action}: ${r.code} ${JSON.stringify(r.details)}`);
  return { ...facts, state: r.state, record: r.record };
}

const allCriteria = (status = "onTrack") =>
  CRITERIA.map((n) => ({ criterionNumber: n, status, done: `Gjort för ${n}` }));

function submitted(): FollowUpFacts {
  const saved = ok(fresh(), lead, "saveSelfAssessment", {
    criteria: allCriteria(),
    indicators: { students: 120 },
  });
  return ok(saved, lead, "submitSelfAssessment", {});
}

describe("follow-up process", () => {
  it("takes as a criterion's attachments only documents of the case, with planned actions beside them", () => {
    const foreign = act(fresh(), lead, "saveSelfAssessment", {
      criteria: [{ criterionNumber: 1, documentIds: ["doc-elsewhere"] }],
    });
    expect(foreign).toMatchObject({
      ok: false,
      status: 422,
      details: { failures: [{ reason: "document.not_of_case" }] },
    });
    const saved = ok(
      fresh(),
      lead,
      "saveSelfAssessment",
      {
        criteria: [
          {
            criterionNumber: 1,
            documentIds: ["doc-1"],
            plannedActions: [{ action: "Fler APL-platser", owner: "Styrgruppen", dueDate: "2027-10-01" }],
          },
        ],
      },
      world("2027-03-10", { caseDocumentIds: ["doc-1"] }),
    );
    expect(saved.record.assessments[0]).toMatchObject({
      documentIds: ["doc-1"],
      plannedActions: [{ action: "Fler APL-platser", owner: "Styrgruppen", dueDate: "2027-10-01" }],
    });
  });

  it("opens in the self-assessment, due two calendar months after opening, waiting for the region", () => {
    const f = fresh();
    expect(f.state).toBe("selfAssessment");
    expect(followUpOpenDeadline(f)).toEqual({ deadline: "followUp", dueDate: "2027-05-01" });
    expect(followUpNextActors(f)).toEqual(["regionLead", "localLead"]);
    expect(enabledFollowUpActions(f)).not.toContain("submitSelfAssessment");
    expect(followUpActionsFor(lead, enabledFollowUpActions(f))).toEqual(["saveSelfAssessment"]);
    expect(followUpActionsFor(local, enabledFollowUpActions(f))).toEqual(["addLocalContribution"]);
    expect(followUpActionsFor(outsider, enabledFollowUpActions(f))).toEqual([]);
  });

  it("keeps what a save leaves out and merges criteria saved in parts", () => {
    let f = ok(fresh(), lead, "saveSelfAssessment", {
      criteria: [
        {
          criterionNumber: 1,
          status: "atRisk",
          plannedActions: [{ action: "Ny APL", owner: "Anna", dueDate: "2027-09-01" }],
        },
      ],
    });
    f = ok(f, lead, "saveSelfAssessment", {
      criteria: [{ criterionNumber: 1, done: "Träffar hölls" }],
      indicators: { students: 5 },
    });
    const a = f.record.assessments[0];
    expect(a).toMatchObject({ criterionNumber: 1, status: "atRisk", done: "Träffar hölls" });
    expect(a?.plannedActions).toHaveLength(1);
    expect(f.record.indicators).toEqual({ students: 5 });
    expect(criteriaAtRisk(f.record)).toEqual([1]);
    f = ok(f, lead, "saveSelfAssessment", { indicators: { students: null } });
    expect(f.record.indicators).toEqual({});
  });

  it("refuses unknown criteria and indicators (422), bad payloads (400), other roles (403), outsiders (404)", () => {
    const f = fresh();
    expect(
      act(f, lead, "saveSelfAssessment", { criteria: [{ criterionNumber: 9, status: "onTrack" }] }),
    ).toMatchObject({
      ok: false,
      status: 422,
    });
    expect(act(f, lead, "saveSelfAssessment", { indicators: { pupils: 3 } })).toMatchObject({ status: 422 });
    expect(
      act(f, lead, "saveSelfAssessment", { criteria: [{ criterionNumber: 1, status: "great" }] }),
    ).toMatchObject({
      status: 400,
      code: "case.invalid_payload",
    });
    expect(act(f, local, "saveSelfAssessment", { criteria: [] })).toMatchObject({ status: 403 });
    expect(act(f, lead, "acceptFollowUp", {})).toMatchObject({ status: 403 });
    expect(act(f, outsider, "saveSelfAssessment", { criteria: [] })).toMatchObject({ status: 404 });
    expect(act(f, kansli, "acceptFollowUp", {})).toMatchObject({
      status: 409,
      code: "case.action_not_allowed_in_state",
    });
  });

  it("lets a local lead contribute only with a local college", () => {
    expect(act(fresh(), local, "addLocalContribution", { criterionNumber: 2, text: "Vi" })).toMatchObject({
      status: 422,
    });
    const f = ok(
      fresh(),
      local,
      "addLocalContribution",
      { criterionNumber: 2, text: "Tre nya företag" },
      world("2027-03-10", { actorLocalCollege: { id: "lc", name: "Luleå" } }),
    );
    expect(f.record.contributions).toEqual([
      {
        criterionNumber: 2,
        localCollegeId: "lc",
        localCollegeName: "Luleå",
        text: "Tre nya företag",
        by: "local",
        on: "2027-03-10",
      },
    ]);
  });

  it("submits only when every criterion has a status and what was done; closes the region's deadline", () => {
    const partial = ok(fresh(), lead, "saveSelfAssessment", { criteria: allCriteria().slice(0, 2) });
    const refused = act(partial, lead, "submitSelfAssessment", {});
    expect(refused).toMatchObject({ ok: false, status: 422 });
    expect(JSON.stringify(refused)).toContain("assessment.incomplete");
    const f = submitted();
    expect(f.state).toBe("review");
    expect(f.record.deadlines.followUp?.closedOn).toBe("2027-03-10");
    expect(followUpOpenDeadline(f)).toBeNull();
    expect(followUpNextActors(f)).toEqual(["secretariat"]);
  });

  it("asks for a supplement per criterion with its own deadline; the region answers each before resubmitting", () => {
    let f = ok(submitted(), kansli, "requestFollowUpSupplement", {
      items: [{ criterionNumber: 2, request: "Beskriv styrgruppens arbete" }],
    });
    expect(f.state).toBe("supplementRequested");
    expect(followUpOpenDeadline(f)).toEqual({ deadline: "followUp", dueDate: "2027-04-10" });
    expect(f.record.previousDeadlines).toHaveLength(1);
    expect(enabledFollowUpActions(f)).not.toContain("submitSelfAssessment");
    expect(
      act(f, lead, "saveSelfAssessment", { criteria: [{ criterionNumber: 1, supplementAnswer: "x" }] }),
    ).toMatchObject({
      status: 422,
    });
    f = ok(f, lead, "saveSelfAssessment", {
      criteria: [{ criterionNumber: 2, supplementAnswer: "Fyra möten" }],
    });
    expect(f.record.supplementRequests[0]?.items[0]).toMatchObject({
      answer: "Fyra möten",
      answeredOn: "2027-03-10",
    });
    f = ok(f, lead, "submitSelfAssessment", {});
    expect(f.state).toBe("review");
    expect(f.record.submissions).toHaveLength(2);
  });

  it("refuses a supplement due date that is not ahead", () => {
    const r = act(submitted(), kansli, "requestFollowUpSupplement", {
      items: [{ criterionNumber: 1, request: "Mer" }],
      dueDate: "2027-03-10",
    });
    expect(r).toMatchObject({ status: 422 });
  });

  it("accepts (clearing any attention) or flags the certification, both closing the follow-up", () => {
    const accepted = act(submitted(), kansli, "acceptFollowUp", { summary: "Bra" });
    expect(accepted).toMatchObject({
      ok: true,
      state: "closed",
      effects: [
        { type: "certificationAttention", certificationId: "cert", reason: null },
        { type: "notify", audience: "region", template: "followUpReviewed" },
      ],
    });
    const flagged = act(submitted(), kansli, "flagCertification", { reason: "Kriterium 8 uppfylls inte" });
    expect(flagged).toMatchObject({
      ok: true,
      state: "closed",
      record: { review: { outcome: "flagged", reason: "Kriterium 8 uppfylls inte" } },
      effects: [
        { type: "certificationAttention", reason: "Kriterium 8 uppfylls inte" },
        { type: "notify", audience: "region", template: "followUpReviewed" },
      ],
    });
    const closed = { ...submitted(), state: "closed" as const };
    expect(enabledFollowUpActions(closed)).toEqual([]);
  });

  it("takes a reviewer who is a reviewer, who may then write notes on the follow-up they review only", () => {
    expect(act(submitted(), kansli, "assignFollowUpReviewer", { reviewerId: "notrev" })).toMatchObject({
      status: 422,
    });
    const r = act(submitted(), kansli, "assignFollowUpReviewer", { reviewerId: "rev" });
    expect(r).toMatchObject({
      ok: true,
      effects: [
        { type: "setFollowUpReviewer", userId: "rev" },
        { type: "notify", audience: "reviewers", template: "followUpReviewerAssigned" },
      ],
    });
    if (!r.ok) return;
    const f = { ...submitted(), record: r.record };
    expect(followUpNextActors(f)).toEqual(["secretariat", "reviewer"]);
    expect(followUpActionsFor(reviewer, enabledFollowUpActions(f))).toEqual(["recordReviewNote"]);
    expect(followUpActionsFor({ ...reviewer, isAssignedReviewer: false }, enabledFollowUpActions(f))).toEqual(
      [],
    );
    const noted = ok(f, reviewer, "recordReviewNote", { criterionNumber: 3, note: "Saknar siffror" });
    expect(noted.record.reviewNotes[0]).toMatchObject({ criterionNumber: 3, byRole: "reviewer" });
    const stranger = { ...reviewer, userId: "rev2" };
    expect(act(f, stranger, "recordReviewNote", { note: "x" })).toMatchObject({ status: 422 });
  });

  it("postpones the open deadline to a later date, keeping the old one", () => {
    const f = ok(fresh(), kansli, "postponeFollowUp", { newDueDate: "2027-06-15", reason: "Sjukdom" });
    expect(f.record.deadlines.followUp).toMatchObject({
      dueDate: "2027-06-15",
      postponements: [{ previousDueDate: "2027-05-01", newDueDate: "2027-06-15", reason: "Sjukdom" }],
    });
    expect(act(f, kansli, "postponeFollowUp", { newDueDate: "2027-06-01", reason: "x" })).toMatchObject({
      status: 422,
    });
    expect(
      act(submitted(), kansli, "postponeFollowUp", { newDueDate: "2027-06-15", reason: "x" }),
    ).toMatchObject({
      status: 409,
    });
  });

  it("is withdrawn by the secretariat with a reason", () => {
    const f = ok(fresh(), kansli, "withdrawFollowUp", { reason: "Certifieringen upphörde" });
    expect(f.state).toBe("withdrawn");
    expect(followUpOpenDeadline(f)).toBeNull();
    expect(followUpNextActors(f)).toEqual([]);
  });
});
