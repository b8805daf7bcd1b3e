/**
 * The rules of process C (the yearly follow-up), one place for each: which rules each action must pass besides
 * the state it is taken in, and why an event may not happen now. The definition (machine.ts) guards its
 * transitions with them and reports their failures.
 */
import { compareIsoDates, type IsoDate } from "../certification/deadlines";
import type { FollowUpActionName, FollowUpPayloads } from "./actions";
import type { Context, Failure, FollowUpEvent } from "./types";

export const fail = (
  reason: string,
  sv: string,
  en: string,
  extra: Record<string, unknown> = {},
): Failure[] => [{ reason, message: { sv, en }, ...extra }];

/** Criteria numbers the payload names. */
function namedCriteria(e: FollowUpEvent): number[] {
  const p = e.payload as {
    criteria?: { criterionNumber: number }[];
    items?: { criterionNumber: number }[];
    criterionNumber?: number;
  };
  return [
    ...(p.criteria ?? []).map((c) => c.criterionNumber),
    ...(p.items ?? []).map((c) => c.criterionNumber),
    ...(p.criterionNumber !== undefined ? [p.criterionNumber] : []),
  ];
}

/**
 * The rules, each returning why an event may not happen now (empty: it may). `static` rules read only the case
 * (state and record), so they decide which actions are enabled for whoever asks; the others read the payload,
 * the actor or the day and are checked when the action is taken.
 */
const RULES = {
  criteriaKnown: (c: Context, e: FollowUpEvent): Failure[] => {
    const unknown = namedCriteria(e).filter((n) => !c.criteriaNumbers.includes(n));
    return unknown.length
      ? fail(
          "criterion.unknown",
          "Kriteriet finns inte i fallets kriterier.",
          "No such criterion in the case's criteria.",
          {
            criteria: unknown,
          },
        )
      : [];
  },
  indicatorsKnown: (c: Context, e: FollowUpEvent): Failure[] => {
    const keys = Object.keys((e.payload as { indicators?: Record<string, unknown> }).indicators ?? {});
    const known = new Set(c.record.indicatorDefinitions.map((d) => d.key));
    const unknown = keys.filter((k) => !known.has(k));
    return unknown.length
      ? fail(
          "indicator.unknown",
          "Indikatorn finns inte för dessa kriterier.",
          "No such indicator for these criteria.",
          {
            indicators: unknown,
          },
        )
      : [];
  },
  supplementAnswersRequested: (c: Context, e: FollowUpEvent): Failure[] => {
    const answered = ((e.payload as FollowUpPayloads["saveSelfAssessment"]).criteria ?? [])
      .filter((x) => x.supplementAnswer !== undefined)
      .map((x) => x.criterionNumber);
    if (answered.length === 0) return [];
    const open = c.state === "supplementRequested" ? c.record.supplementRequests.at(-1) : undefined;
    const asked = new Set((open?.items ?? []).map((i) => i.criterionNumber));
    const stray = answered.filter((n) => !asked.has(n));
    return stray.length
      ? fail(
          "supplement.not_requested",
          "Ingen komplettering är begärd för kriteriet.",
          "No supplement was requested for the criterion.",
          { criteria: stray },
        )
      : [];
  },
  assessmentComplete: (c: Context): Failure[] => {
    const missing = c.criteriaNumbers.filter((n) => {
      const a = c.record.assessments.find((x) => x.criterionNumber === n);
      return !a?.status || !a.done;
    });
    return missing.length
      ? fail(
          "assessment.incomplete",
          "Varje kriterium behöver en status och en beskrivning av vad som gjorts.",
          "Every criterion needs a status and a description of what was done.",
          { criteria: missing },
        )
      : [];
  },
  supplementsAnswered: (c: Context): Failure[] => {
    if (c.state !== "supplementRequested") return [];
    const missing = (c.record.supplementRequests.at(-1)?.items ?? [])
      .filter((i) => !i.answer)
      .map((i) => i.criterionNumber);
    return missing.length
      ? fail(
          "supplement.unanswered",
          "Alla begärda kompletteringar är inte besvarade.",
          "Not every requested supplement is answered.",
          { criteria: missing },
        )
      : [];
  },
  hasLocalCollege: (_c: Context, e: FollowUpEvent): Failure[] =>
    e.world.actorLocalCollege
      ? []
      : fail(
          "local_college.missing",
          "Du hör inte till något lokalt college.",
          "You belong to no local college.",
        ),
  documentsOfCase: (_c: Context, e: FollowUpEvent): Failure[] => {
    const named = ((e.payload as FollowUpPayloads["saveSelfAssessment"]).criteria ?? []).flatMap(
      (x) => x.documentIds ?? [],
    );
    const own = new Set(e.world.caseDocumentIds ?? []);
    const foreign = named.filter((id) => !own.has(id));
    return foreign.length
      ? fail(
          "document.not_of_case",
          "Bilagan måste vara ett dokument i ärendet.",
          "An attachment must be a document of the case.",
          { documents: foreign },
        )
      : [];
  },
  reviewerIsReviewer: (_c: Context, e: FollowUpEvent): Failure[] => {
    const id = (e.payload as { reviewerId?: string }).reviewerId;
    return id === undefined || e.world.users[id]?.role === "reviewer"
      ? []
      : fail(
          "reviewer.invalid",
          "Granskaren måste vara en aktiv granskare.",
          "The reviewer must be an active reviewer.",
        );
  },
  reviewerAssigned: (c: Context, e: FollowUpEvent): Failure[] =>
    e.actor.role !== "reviewer" || c.record.reviewerId === e.actor.userId
      ? []
      : fail(
          "reviewer.not_assigned",
          "Du är inte granskare av uppföljningen.",
          "You are not the follow-up's reviewer.",
        ),
  dueDateAhead: (c: Context, e: FollowUpEvent): Failure[] => {
    const p = e.payload as { dueDate?: IsoDate; newDueDate?: IsoDate };
    const date = p.newDueDate ?? p.dueDate;
    if (date === undefined) return [];
    if (compareIsoDates(date, e.world.today) <= 0)
      return fail(
        "due_date.not_ahead",
        "Fristen måste ligga efter i dag.",
        "The due date must be after today.",
      );
    const current = c.record.deadlines.followUp?.dueDate;
    if (p.newDueDate !== undefined && current !== undefined && compareIsoDates(date, current) <= 0)
      return fail(
        "due_date.not_later",
        "Den nya fristen måste ligga efter den nuvarande.",
        "The new due date must be after the current one.",
        { currentDueDate: current },
      );
    return [];
  },
  deadlineOpen: (c: Context): Failure[] =>
    c.record.deadlines.followUp && !c.record.deadlines.followUp.closedOn
      ? []
      : fail("deadline.none_open", "Det finns ingen öppen frist.", "There is no open deadline."),
} satisfies Record<string, (c: Context, e: FollowUpEvent) => Failure[]>;

export type RuleName = keyof typeof RULES;
export const STATIC_RULES: ReadonlySet<RuleName> = new Set([
  "assessmentComplete",
  "supplementsAnswered",
  "deadlineOpen",
]);

/** The rules each action must pass (besides the state it is taken in). */
export const ACTION_RULES: Record<FollowUpActionName, RuleName[]> = {
  saveSelfAssessment: ["criteriaKnown", "indicatorsKnown", "supplementAnswersRequested", "documentsOfCase"],
  addLocalContribution: ["criteriaKnown", "hasLocalCollege"],
  submitSelfAssessment: ["assessmentComplete", "supplementsAnswered"],
  assignFollowUpReviewer: ["reviewerIsReviewer"],
  recordReviewNote: ["criteriaKnown", "reviewerAssigned"],
  requestFollowUpSupplement: ["criteriaKnown", "dueDateAhead"],
  acceptFollowUp: [],
  flagCertification: [],
  postponeFollowUp: ["deadlineOpen", "dueDateAhead"],
  withdrawFollowUp: [],
};

export const failuresOf = (names: readonly RuleName[], c: Context, e: FollowUpEvent) =>
  names.flatMap((n) => RULES[n](c, e));

export const guardFor =
  (action: FollowUpActionName) =>
  ({ context, event }: { context: Context; event: FollowUpEvent }) =>
    failuresOf(ACTION_RULES[action], context, event).length === 0;
