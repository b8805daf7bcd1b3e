/** Rules of the application phase (steps 1–6): from anchoring to the submitted application. */
import { failure } from "../failures";
import { missingCriteria, payloadOf, unknownCriteria } from "./helpers";
import { OTHER_BRANCH, type Rule } from "./rule";

export const APPLICATION_RULES = {
  /** Start: a decertification case begins at decisionPrep (steps 1–10 do not apply). */
  isDecertification: (context) => (context.kind === "decertification" ? [] : OTHER_BRANCH),

  answersMatchCriteria: (context, event) => {
    const payload = payloadOf(event, "saveApplicationDraft");
    if (!payload) return [];
    const criteria = unknownCriteria(
      context.criteriaNumbers,
      payload.answers.map((a) => a.criterionNumber),
    );
    return criteria.length > 0 ? [failure("application.unknown_criteria", { criteria })] : [];
  },

  applicationComplete: (context) => {
    const answered = (context.record.application?.answers ?? [])
      .filter((a) => a.text.trim() !== "")
      .map((a) => a.criterionNumber);
    const criteria = missingCriteria(context.criteriaNumbers, answered);
    return criteria.length > 0 ? [failure("application.missing_criteria", { criteria })] : [];
  },

  steeringGroupApprovalRecorded: (context) =>
    context.record.steeringGroupApproval ? [] : [failure("application.steering_group_approval_missing")],
} satisfies Record<string, Rule>;
