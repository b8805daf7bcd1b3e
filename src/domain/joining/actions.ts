import { z } from "zod";
import { idSchema, isoDateSchema } from "../certification/actions";
import type { Label } from "../certification/steps";

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
};

export const JOINING_ACTION_NAMES = Object.keys(
  JOINING_ACTION_SCHEMAS,
) as (keyof typeof JOINING_ACTION_SCHEMAS)[];
export type JoiningActionName = keyof typeof JOINING_ACTION_SCHEMAS;
export type JoiningPayloads = { [A in JoiningActionName]: z.output<(typeof JOINING_ACTION_SCHEMAS)[A]> };

/** The checklist item each action completes. */
export const ITEM_OF_ACTION = {
  completeAnchoring: "anchoring",
  completeLocalSteeringGroup: "localSteeringGroup",
  completeRegionalRepresentation: "regionalRepresentation",
  completeAgreement: "agreement",
  completePoliticalDecision: "politicalDecision",
  completeNoProviderAgreement: "noProviderBranch",
  startCertification: "certificationStart",
  completeQualityPlan: "qualityPlan",
} as const;

export const JOINING_ACTION_LABELS: Record<JoiningActionName, Label> = {
  completeAnchoring: { sv: "Registrera förankring", en: "Record anchoring" },
  completeLocalSteeringGroup: { sv: "Registrera lokal styrgrupp", en: "Record local steering group" },
  completeRegionalRepresentation: {
    sv: "Registrera representant i regional styrgrupp",
    en: "Record regional representative",
  },
  completeAgreement: { sv: "Registrera hängavtal", en: "Record addendum" },
  completePoliticalDecision: { sv: "Registrera politiskt beslut", en: "Record political decision" },
  completeNoProviderAgreement: { sv: "Registrera samverkansavtal", en: "Record cooperation agreement" },
  startCertification: { sv: "Starta certifiering", en: "Start certification" },
  completeQualityPlan: { sv: "Registrera kvalitetsplan", en: "Record quality plan" },
  completeJoining: { sv: "Slutför anslutningen", en: "Complete the joining" },
  reopenJoining: { sv: "Återöppna", en: "Reopen" },
  withdrawJoining: { sv: "Avbryt anslutningen", en: "Withdraw the joining" },
};
