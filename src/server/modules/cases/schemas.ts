import { z } from "zod";
import { ACTION_NAMES, ACTION_SCHEMAS } from "../../../domain/certification/actions";
import { CASE_KINDS, CASE_STATES } from "../../../domain/certification/steps";
import {
  FOLLOW_UP_ACTION_NAMES,
  FOLLOW_UP_ACTION_SCHEMAS,
  FOLLOW_UP_KIND,
  FOLLOW_UP_STATES,
} from "../../../domain/follow-up/actions";
import { JOINING_ACTION_NAMES, JOINING_ACTION_SCHEMAS } from "../../../domain/joining/actions";
import { JOINING_STATES } from "../../../domain/joining/items";

const id = z.string().min(1).max(100);

export const certificationCaseBody = z.object({
  kind: z.enum(CASE_KINDS),
  regionId: id,
  localCollegeId: id.nullable().optional(),
  providerId: id.nullable().optional(),
  programmeId: id.nullable().optional(),
  specialisationId: id.nullable().optional(),
  /** For recertification and decertification: the certification concerned. */
  certificationId: id.nullable().optional(),
});
export type CertificationCaseInput = z.infer<typeof certificationCaseBody>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");

/** A joining case (process A): a municipality or an education provider joins the region. */
export const joiningCaseBody = z
  .object({
    kind: z.literal("joining"),
    regionId: id,
    municipalityCode: z
      .string()
      .regex(/^\d{4}$/)
      .optional(),
    providerId: id.optional(),
    newProvider: z
      .object({
        name: z.string().trim().min(1).max(200),
        kind: z.enum(["public", "private"]).default("public"),
        municipalityCode: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
      })
      .optional(),
    /** For a municipality: does it have its own education provider? Default: whether the registry lists one. */
    hasOwnProvider: z.boolean().optional(),
    /** Is a provider to be certified (opens a linked certification case)? */
    certifyProvider: z.boolean().default(false),
    /** The regional steering group's agreement that starts the case. */
    steeringGroupAgreement: z.object({
      agreedOn: isoDate,
      minutesReference: z.string().trim().min(1).max(200),
    }),
  })
  .refine((b) => [b.municipalityCode, b.providerId, b.newProvider].filter(Boolean).length === 1, {
    message: "name exactly one of municipalityCode, providerId, newProvider",
    path: ["municipalityCode"],
  });
export type JoiningCaseInput = z.infer<typeof joiningCaseBody>;

export const createCaseBody = z.union([joiningCaseBody, certificationCaseBody]);

const boolish = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const listCasesQuery = z.object({
  step: z
    .enum([...new Set([...CASE_STATES, ...JOINING_STATES, ...FOLLOW_UP_STATES])] as [string, ...string[]])
    .optional(),
  kind: z.enum([...CASE_KINDS, "joining", FOLLOW_UP_KIND]).optional(),
  regionId: id.optional(),
  overdue: boolish,
  open: boolish,
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

/** A page of my tasks. */
export const tasksQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const caseIdParam = z.object({ id });

/** The body of every action: the payload (its schema depends on the action) and the version it was based on. */
export const actionBody = z.object({
  expectedVersion: z.number().int().min(1),
  payload: z.unknown().optional(),
});

/** One body schema per action of a process, so the OpenAPI document shows every action's payload. */
function bodiesOf<N extends string>(
  names: readonly N[],
  payloads: Record<N, z.ZodType>,
): Record<N, z.ZodType> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      z.object({ expectedVersion: z.number().int().min(1), payload: payloads[name] }),
    ]),
  ) as unknown as Record<N, z.ZodType>;
}

export const actionBodies = bodiesOf(ACTION_NAMES, ACTION_SCHEMAS);
export const followUpActionBodies = bodiesOf(FOLLOW_UP_ACTION_NAMES, FOLLOW_UP_ACTION_SCHEMAS);
export const joiningActionBodies = bodiesOf(JOINING_ACTION_NAMES, JOINING_ACTION_SCHEMAS);
