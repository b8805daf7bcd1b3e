import { z } from "zod";
import {
  DOCUMENT_SLOTS,
  GENERATED_KINDS,
  REGISTRATION_DIRECTIONS,
  REGISTRY_ITEM_SLOTS,
} from "../../../domain/policies/documents";
import { listCasesQuery } from "../cases/schemas";
import { documentErrors } from "./errors";

const id = z.string().min(1).max(100);
/** Form fields arrive as strings; an empty field counts as absent. */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().max(max).optional(),
  );
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The text fields of `POST /api/cases/{id}/documents` (multipart, beside the `file`). */
export const caseUploadFields = z.object({
  slot: optional(z.enum(DOCUMENT_SLOTS)),
  title: optionalText(300),
  direction: optional(z.enum(REGISTRATION_DIRECTIONS)),
  counterpart: optionalText(300),
  description: optionalText(1000),
  documentId: optional(id),
});

/** The text fields of `POST /api/agreements/{id}/documents`. */
export const registryUploadFields = z.object({
  slot: optional(z.enum(REGISTRY_ITEM_SLOTS)),
  title: optionalText(300),
  documentId: optional(id),
  addendumId: optional(id),
});

export function parseFields<T extends z.ZodType>(schema: T, fields: Record<string, string>): z.infer<T> {
  const result = schema.safeParse(fields);
  if (!result.success) {
    throw documentErrors.invalidFields(
      result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  return result.data;
}

export const idParam = z.object({ id });
export const versionParams = z.object({ id, n: z.coerce.number().int().min(1).max(1_000_000) });
export const generateParams = z.object({ id, kind: z.enum(GENERATED_KINDS) });
export const downloadQuery = z.object({
  inline: z
    .enum(["true", "false", "1", "0"])
    .transform((v) => v === "true" || v === "1")
    .optional(),
});
export const exportQuery = listCasesQuery.omit({ page: true, pageSize: true });
