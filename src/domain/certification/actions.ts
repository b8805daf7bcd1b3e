/**
 * The actions of process B and one zod schema per action payload. The server validates request bodies
 * with these schemas; `applyAction` validates again, so a payload is never trusted on the way in.
 */
import { z } from "zod";
import type { ActionName } from "./action-labels";
import { isIsoDate } from "./deadlines";
import { ASSESSMENTS, DEADLINE_KINDS, DECISION_OUTCOMES, RECOMMENDATIONS } from "./steps";

export {
  ACTION_LABELS,
  ACTION_NAMES,
  type ActionName,
  isActionName,
  isMeetingAction,
  MEETING_ACTIONS,
} from "./action-labels";

// ---- building blocks -------------------------------------------------------------------------------

/** A real calendar date "YYYY-MM-DD". */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Expected a date as YYYY-MM-DD", abort: true })
  .refine(isIsoDate, { error: "Not a real calendar date" });

/** An id of a row elsewhere (user, steering group, provider, attachment …); any non-empty string. */
export const idSchema = z.string().trim().min(1).max(200);

/** Required text: not empty after trimming. */
const text = z.string().trim().min(1).max(50_000);
/** A short required text such as a name or a place. */
const shortText = z.string().trim().min(1).max(500);
/** Free text that may be empty. */
const optionalText = z.string().trim().max(50_000);

function distinct<T>(values: readonly T[]): boolean {
  return new Set(values).size === values.length;
}

const idList = z.array(idSchema).refine(distinct, { error: "Ids must be distinct" });
const criterionNumber = z.number().int().min(1);

// ---- payloads --------------------------------------------------------------------------------------

export const recordAnchoringSchema = z.strictObject({
  regionalAnchoring: text,
  localAnchoring: text,
  completedOn: isoDateSchema,
});

export const recordSteeringGroupsSchema = z.strictObject({
  steeringGroupIds: idList.min(1),
  note: optionalText.optional(),
});

export const contactPersonSchema = z.strictObject({
  name: shortText,
  email: z.email(),
  phone: z.string().trim().max(50).optional(),
});

export const submitInterestSchema = z.strictObject({
  providerIds: idList,
  programmeIds: idList,
  specialisationIds: idList,
  plannedApplicationDate: isoDateSchema,
  contactPerson: contactPersonSchema,
  steeringGroupApprovedOn: isoDateSchema,
});

export const giveFeedbackSchema = z.strictObject({
  receivedOn: isoDateSchema,
  feedback: text,
});

export const applicationAnswerSchema = z.strictObject({
  criterionNumber,
  text: optionalText,
});

export const saveApplicationDraftSchema = z.strictObject({
  answers: z
    .array(applicationAnswerSchema)
    .refine((answers) => distinct(answers.map((a) => a.criterionNumber)), {
      error: "One answer per criterion",
    }),
  attachmentIds: idList.optional(),
});

export const emptySchema = z.strictObject({});
export const sendToSteeringGroupSchema = emptySchema;

export const recordSteeringGroupApprovalSchema = z.strictObject({
  approvedOn: isoDateSchema,
  minutesReference: shortText.optional(),
});

export const submitApplicationSchema = emptySchema;

export const assignReviewersSchema = z.strictObject({
  reviewerIds: z.tuple([idSchema, idSchema]).refine(distinct, { error: "Two different reviewers" }),
});

export const planVisitSchema = z.strictObject({
  plannedDate: isoDateSchema,
  place: shortText,
});

export const recordVisitSchema = z.strictObject({
  heldOn: isoDateSchema,
  place: shortText,
  participantIds: idList.min(1),
});

export const requiredSupplementSchema = z.strictObject({
  id: idSchema,
  text,
});

export const findingSchema = z.strictObject({
  criterionNumber,
  assessment: z.enum(ASSESSMENTS),
  remarks: optionalText,
  requiredSupplements: z.array(requiredSupplementSchema),
});

export const saveProtocolSchema = z.strictObject({
  findings: z
    .array(findingSchema)
    .min(1)
    .refine((findings) => distinct(findings.map((f) => f.criterionNumber)), {
      error: "One finding per criterion",
    })
    .refine((findings) => distinct(findings.flatMap((f) => f.requiredSupplements.map((s) => s.id))), {
      error: "Supplement ids must be distinct",
    }),
});

export const sendProtocolSchema = z.strictObject({
  sentOn: isoDateSchema,
});

export const responseAnswerSchema = z.strictObject({
  supplementId: idSchema,
  text,
  attachmentIds: idList.optional(),
});

export const submitResponseSchema = z.strictObject({
  answers: z.array(responseAnswerSchema).refine((answers) => distinct(answers.map((a) => a.supplementId)), {
    error: "One answer per supplement",
  }),
});

export const recordPhoneMeetingSchema = z.strictObject({
  heldOn: isoDateSchema,
  participants: shortText,
  notes: optionalText,
});

export const recordDecisionBasisSchema = z.strictObject({
  recommendation: z.enum(RECOMMENDATIONS),
  summary: text,
});

export const placeOnAgendaSchema = z.strictObject({
  boardMeetingId: idSchema,
});

export const recordDecisionSchema = z
  .strictObject({
    outcome: z.enum(DECISION_OUTCOMES),
    decidedOn: isoDateSchema,
    motivation: text,
    newResponseDueDate: isoDateSchema.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome === "postponed") {
      if (value.newResponseDueDate === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["newResponseDueDate"],
          message: "A postponement needs a new response due date",
        });
      } else if (value.newResponseDueDate <= value.decidedOn) {
        ctx.addIssue({
          code: "custom",
          path: ["newResponseDueDate"],
          message: "The new response due date must be after the decision date",
        });
      }
    } else if (value.newResponseDueDate !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["newResponseDueDate"],
        message: "A new response due date belongs only to a postponement",
      });
    }
  });

export const meetingMovedSchema = z.strictObject({
  boardMeetingId: idSchema,
  fromDate: isoDateSchema,
  toDate: isoDateSchema,
});

export const meetingCancelledSchema = z.strictObject({
  boardMeetingId: idSchema,
});

export const sendDecisionSchema = z.strictObject({
  sentOn: isoDateSchema,
});

export const recordCeremonySchema = z.strictObject({
  heldOn: isoDateSchema,
  place: shortText,
});

export const skipCeremonySchema = z.strictObject({
  reason: optionalText.optional(),
});

export const grantPostponementSchema = z.strictObject({
  deadline: z.enum(DEADLINE_KINDS),
  newDueDate: isoDateSchema,
  reason: text,
});

export const withdrawCaseSchema = z.strictObject({
  reason: text,
});

export const ACTION_SCHEMAS = {
  recordAnchoring: recordAnchoringSchema,
  recordSteeringGroups: recordSteeringGroupsSchema,
  submitInterest: submitInterestSchema,
  giveFeedback: giveFeedbackSchema,
  saveApplicationDraft: saveApplicationDraftSchema,
  sendToSteeringGroup: sendToSteeringGroupSchema,
  recordSteeringGroupApproval: recordSteeringGroupApprovalSchema,
  submitApplication: submitApplicationSchema,
  assignReviewers: assignReviewersSchema,
  planVisit: planVisitSchema,
  recordVisit: recordVisitSchema,
  saveProtocol: saveProtocolSchema,
  sendProtocol: sendProtocolSchema,
  submitResponse: submitResponseSchema,
  recordPhoneMeeting: recordPhoneMeetingSchema,
  recordDecisionBasis: recordDecisionBasisSchema,
  placeOnAgenda: placeOnAgendaSchema,
  recordDecision: recordDecisionSchema,
  meetingMoved: meetingMovedSchema,
  meetingCancelled: meetingCancelledSchema,
  sendDecision: sendDecisionSchema,
  recordCeremony: recordCeremonySchema,
  skipCeremony: skipCeremonySchema,
  grantPostponement: grantPostponementSchema,
  withdrawCase: withdrawCaseSchema,
} as const satisfies Record<ActionName, z.ZodType>;

/** The validated payload of each action. */
export type ActionPayloads = { [A in ActionName]: z.output<(typeof ACTION_SCHEMAS)[A]> };
/** What a client sends for each action (before trimming). */
export type ActionInputs = { [A in ActionName]: z.input<(typeof ACTION_SCHEMAS)[A]> };

export type ContactPerson = z.output<typeof contactPersonSchema>;
export type ApplicationAnswer = z.output<typeof applicationAnswerSchema>;
export type Finding = z.output<typeof findingSchema>;
export type RequiredSupplement = z.output<typeof requiredSupplementSchema>;
export type ResponseAnswer = z.output<typeof responseAnswerSchema>;

export type PayloadIssue = { path: string; code: string; message: string };

/** Validates a payload for an action; issues carry a dotted path ("findings.0.assessment"). */
export function parseActionPayload<A extends ActionName>(
  action: A,
  payload: unknown,
): { ok: true; payload: ActionPayloads[A] } | { ok: false; issues: PayloadIssue[] } {
  const result = (ACTION_SCHEMAS[action] as z.ZodType).safeParse(payload);
  if (result.success) return { ok: true, payload: result.data as ActionPayloads[A] };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join("."),
      code: issue.code,
      message: issue.message,
    })),
  };
}
