import { z } from "zod";
import { idSchema, isoDateSchema } from "../certification/actions";
import type { JoiningActionName } from "./action-labels";

export {
  ITEM_OF_ACTION,
  JOINING_ACTION_LABELS,
  JOINING_ACTION_NAMES,
  type JoiningActionName,
} from "./action-labels";

const text = z.string().trim().min(1).max(5000);
const optionalText = z.string().trim().max(5000).optional();
const documentIds = z.array(idSchema).max(20).optional();

const member = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  title: z.string().trim().max(200).optional(),
  representsKind: z.enum(["company", "municipality", "provider", "other"]),
  representsName: z.string().trim().min(1).max(200),
  isChair: z.boolean().default(false),
});

export const JOINING_ACTION_SCHEMAS = {
  completeAnchoring: z.strictObject({
    regionContacts: text,
    existingMunicipalitiesContacts: text,
    newPartyContacts: text,
    completedOn: isoDateSchema,
    note: optionalText,
    documentIds,
  }),
  completeLocalSteeringGroup: z.discriminatedUnion("mode", [
    z.strictObject({
      mode: z.literal("new"),
      name: z.string().trim().min(1).max(200),
      /** An existing local college, or the name of a new one. */
      localCollegeId: idSchema.optional(),
      newLocalCollegeName: z.string().trim().min(1).max(200).optional(),
      members: z.array(member).min(1).max(50),
      note: optionalText,
    }),
    z.strictObject({ mode: z.literal("existing"), steeringGroupId: idSchema, note: optionalText }),
  ]),
  completeRegionalRepresentation: z.strictObject({
    representative: member.omit({ isChair: true }),
    note: optionalText,
  }),
  completeAgreement: z.discriminatedUnion("mode", [
    z.strictObject({
      mode: z.literal("addendum"),
      agreementId: idSchema,
      signedOn: isoDateSchema,
      parties: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
      note: optionalText,
      documentIds,
    }),
    z.strictObject({
      mode: z.literal("updated"),
      title: z.string().trim().min(1).max(200),
      validFrom: isoDateSchema,
      validTo: isoDateSchema.optional(),
      signedOn: isoDateSchema,
      parties: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
      note: optionalText,
      documentIds,
    }),
  ]),
  completePoliticalDecision: z.strictObject({
    decidedOn: isoDateSchema,
    body: z.string().trim().min(1).max(200),
    signatoryName: z.string().trim().min(1).max(200),
    signedOn: isoDateSchema,
    note: optionalText,
    documentIds,
  }),
  completeNoProviderAgreement: z.strictObject({
    cooperatesWith: z.string().trim().min(1).max(200),
    signedOn: isoDateSchema,
    note: optionalText,
    documentIds,
  }),
  startCertification: z.strictObject({
    /** The provider to certify (for a municipality with its own provider); defaults to the joining provider. */
    providerId: idSchema.optional(),
  }),
  completeQualityPlan: z.strictObject({
    regionalPlan: text,
    localPlan: text,
    perCriterion: z
      .array(z.strictObject({ criterionNumber: z.number().int().min(1).max(99), text }))
      .max(50)
      .default([]),
    documentIds,
  }),
  completeJoining: z.strictObject({}),
  reopenJoining: z.strictObject({ reason: text }),
  withdrawJoining: z.strictObject({ reason: text }),
} satisfies Record<JoiningActionName, z.ZodType>;

export type JoiningPayloads = { [A in JoiningActionName]: z.output<(typeof JOINING_ACTION_SCHEMAS)[A]> };
