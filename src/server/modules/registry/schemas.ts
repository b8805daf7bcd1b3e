import { z } from "zod";
import { indicatorKey } from "../../../domain/follow-up/actions";
import {
  ADDENDUM_PARTY_KINDS,
  MEMBER_KINDS,
  PROVIDER_KINDS,
  STEERING_GROUP_LEVELS,
} from "../../../shared/roles";

/** Request bodies of the registry API. The single source of validation, types and OpenAPI docs. */

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, "not a real date");

const name = z.string().trim().min(1).max(200);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const nullableText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === "" ? null : v))
    .optional();
const id = z.string().min(1).max(100);
export const municipalityCode = z.string().regex(/^\d{4}$/, "four digits (SCB kommunkod)");
const orgNumber = z
  .string()
  .trim()
  .regex(/^(\d{6}-?\d{4})?$/, "organisationsnummer NNNNNN-NNNN")
  .nullable()
  .transform((v) => (v === "" ? null : v))
  .optional();

export const expectedVersion = z.object({ expectedVersion: z.number().int().min(1) });
export const idParam = z.object({ id });
export const regionMunicipalityParams = z.object({ id, code: municipalityCode });

export const createRegionBody = z.object({
  name,
  description: optionalText(5000),
  website: nullableText(500),
  municipalityCodes: z.array(municipalityCode).max(290).optional(),
});
export const updateRegionBody = expectedVersion.extend({
  name: name.optional(),
  description: optionalText(5000),
  website: nullableText(500),
});

export const putRegionMunicipalityBody = z.object({
  localCollegeId: id.nullable().optional(),
  joinedOn: isoDate.optional(),
});

export const createLocalCollegeBody = z.object({ name });
export const updateLocalCollegeBody = expectedVersion.extend({ name: name.optional() });

export const createProviderBody = z.object({
  regionId: id.nullable(),
  localCollegeId: id.nullable().optional(),
  name,
  kind: z.enum(PROVIDER_KINDS).default("public"),
  orgNumber,
  municipalityCode: municipalityCode.nullable().optional(),
});
export const updateProviderBody = expectedVersion.extend({
  localCollegeId: id.nullable().optional(),
  name: name.optional(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  orgNumber,
  municipalityCode: municipalityCode.nullable().optional(),
});
export const createProgrammeBody = z.object({ name, code: nullableText(20) });
export const updateProgrammeBody = z.object({
  name: name.optional(),
  code: nullableText(20),
  status: z.enum(["active", "archived"]).optional(),
});
export const createSpecialisationBody = z.object({ name });

export const createCompanyBody = z.object({
  regionId: id,
  localCollegeId: id.nullable().optional(),
  name,
  orgNumber,
  municipalityCode: municipalityCode.nullable().optional(),
  letterOfIntentOn: isoDate.nullable().optional(),
});
export const updateCompanyBody = expectedVersion.extend({
  localCollegeId: id.nullable().optional(),
  name: name.optional(),
  orgNumber,
  municipalityCode: municipalityCode.nullable().optional(),
  letterOfIntentOn: isoDate.nullable().optional(),
});

export const memberInput = z.object({
  name,
  email: z
    .email()
    .max(320)
    .nullable()
    .optional()
    .or(z.literal("").transform(() => null)),
  title: nullableText(200),
  representsKind: z.enum(MEMBER_KINDS),
  representsId: id.nullable().optional(),
  representsName: name,
  isChair: z.boolean().default(false),
});
export type MemberInput = z.infer<typeof memberInput>;

export const createSteeringGroupBody = z.object({
  regionId: id,
  level: z.enum(STEERING_GROUP_LEVELS),
  localCollegeId: id.nullable().optional(),
  name,
  members: z.array(memberInput).max(100).default([]),
});
export const updateSteeringGroupBody = expectedVersion.extend({
  name,
  members: z.array(memberInput).max(100),
});

const agreementFields = {
  title: name,
  validFrom: isoDate,
  validTo: isoDate.nullable().optional(),
  signedOn: isoDate.nullable().optional(),
};
export const createAgreementBody = z
  .object({ regionId: id, ...agreementFields })
  .refine((a) => !a.validTo || a.validTo >= a.validFrom, {
    message: "validTo before validFrom",
    path: ["validTo"],
  });
export const updateAgreementBody = expectedVersion
  .extend({
    title: name.optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.nullable().optional(),
    signedOn: isoDate.nullable().optional(),
  })
  .refine((a) => !a.validTo || !a.validFrom || a.validTo >= a.validFrom, {
    message: "validTo before validFrom",
    path: ["validTo"],
  });
export const createAddendumBody = z.object({
  partyKind: z.enum(ADDENDUM_PARTY_KINDS),
  partyId: id,
  partyName: name.optional(),
  signedOn: isoDate,
  note: optionalText(2000),
});

export const createCriteriaSetBody = z.object({
  name,
  validFrom: isoDate,
  criteria: z
    .array(
      z.object({ number: z.number().int().min(1).max(99), title: name, description: optionalText(5000) }),
    )
    .min(1)
    .max(50)
    .refine((c) => new Set(c.map((x) => x.number)).size === c.length, "criterion numbers must be unique"),
  /** The numbers its yearly follow-ups report; left out, the default indicators (domain/follow-up/labels.ts). */
  indicators: z
    .array(z.object({ key: indicatorKey, label: z.object({ sv: name, en: name }) }))
    .min(1)
    .max(20)
    .refine((i) => new Set(i.map((x) => x.key)).size === i.length, "indicator keys must be unique")
    .optional(),
});
