import { z } from "zod";
import { ACTION_NAMES, ACTION_SCHEMAS } from "../../../domain/certification/actions";
import { CASE_KINDS, CASE_STATES } from "../../../domain/certification/steps";

const id = z.string().min(1).max(100);

export const createCaseBody = z.object({
  kind: z.enum(CASE_KINDS),
  regionId: id,
  localCollegeId: id.nullable().optional(),
  providerId: id.nullable().optional(),
  programmeId: id.nullable().optional(),
  specialisationId: id.nullable().optional(),
  /** For recertification and decertification: the certification concerned. */
  certificationId: id.nullable().optional(),
});
export type CreateCaseInput = z.infer<typeof createCaseBody>;

const boolish = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const listCasesQuery = z.object({
  step: z.enum(CASE_STATES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  regionId: id.optional(),
  overdue: boolish,
  open: boolish,
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListCasesQuery = z.infer<typeof listCasesQuery>;

export const caseIdParam = z.object({ id });
export const actionParams = z.object({ id, action: z.enum(ACTION_NAMES) });

/** The body of every action: the payload (its schema depends on the action) and the version it was based on. */
export const actionBody = z.object({
  expectedVersion: z.number().int().min(1),
  payload: z.unknown().optional(),
});

/** One body schema per action, so the OpenAPI document shows every action's payload. */
export const actionBodies = Object.fromEntries(
  ACTION_NAMES.map((name) => [
    name,
    z.object({ expectedVersion: z.number().int().min(1), payload: ACTION_SCHEMAS[name] }),
  ]),
) as unknown as Record<(typeof ACTION_NAMES)[number], z.ZodType>;
