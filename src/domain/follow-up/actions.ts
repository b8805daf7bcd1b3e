import { z } from "zod";
import { idSchema, isoDateSchema } from "../certification/actions";
import { CRITERION_STATUSES, type FollowUpActionName } from "./labels";

export * from "./labels";

const text = z.string().trim().min(1).max(5000);
const optionalText = z.string().trim().max(5000).optional();
const criterionNumber = z.number().int().min(1).max(99);
/** An indicator's key: a criteria set names its indicators with these, a self-assessment reports by them. */
export const indicatorKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/)
  .describe("An indicator key of the case's criteria set");

const plannedAction = z.strictObject({
  action: z.string().trim().min(1).max(1000),
  owner: z.string().trim().min(1).max(200),
  dueDate: isoDateSchema,
});

/** One criterion of the self-assessment; what is left out keeps its saved value. */
const criterionEntry = z.strictObject({
  criterionNumber,
  status: z.enum(CRITERION_STATUSES).optional(),
  /** What was done this year against the quality plan's item for the criterion. */
  done: optionalText,
  plannedActions: z.array(plannedAction).max(30).optional(),
  documentIds: z.array(idSchema).max(20).optional(),
  /** The answer to the secretariat's supplement request for this criterion (only while one is open). */
  supplementAnswer: optionalText,
});

export const FOLLOW_UP_ACTION_SCHEMAS = {
  saveSelfAssessment: z.strictObject({
    criteria: z.array(criterionEntry).max(50).default([]),
    /** Indicator values by key; null clears one. */
    indicators: z.record(indicatorKey, z.number().min(0).max(1e9).nullable()).optional(),
  }),
  addLocalContribution: z.strictObject({ criterionNumber, text }),
  submitSelfAssessment: z.strictObject({ note: optionalText }),
  assignFollowUpReviewer: z.strictObject({ reviewerId: idSchema }),
  recordReviewNote: z.strictObject({ criterionNumber: criterionNumber.optional(), note: text }),
  requestFollowUpSupplement: z.strictObject({
    items: z
      .array(z.strictObject({ criterionNumber, request: text }))
      .min(1)
      .max(50),
    /** Default: one month from today. */
    dueDate: isoDateSchema.optional(),
  }),
  acceptFollowUp: z.strictObject({ summary: optionalText }),
  flagCertification: z.strictObject({ reason: text, summary: optionalText }),
  postponeFollowUp: z.strictObject({ newDueDate: isoDateSchema, reason: text }),
  withdrawFollowUp: z.strictObject({ reason: text }),
} satisfies Record<FollowUpActionName, z.ZodType>;

export type FollowUpPayloads = { [A in FollowUpActionName]: z.output<(typeof FOLLOW_UP_ACTION_SCHEMAS)[A]> };
