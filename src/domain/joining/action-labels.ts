/**
 * The names and button texts of process A's actions, without their payload schemas (actions.ts), so the web app
 * can show buttons without loading zod.
 */
import type { Label } from "../certification/steps";

export const JOINING_ACTION_NAMES = [
  "completeAnchoring",
  "completeLocalSteeringGroup",
  "completeRegionalRepresentation",
  "completeAgreement",
  "completePoliticalDecision",
  "completeNoProviderAgreement",
  "startCertification",
  "completeQualityPlan",
  "completeJoining",
  "reopenJoining",
  "withdrawJoining",
] as const;
export type JoiningActionName = (typeof JOINING_ACTION_NAMES)[number];

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
