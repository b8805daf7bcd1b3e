import type { Label } from "../certification/steps";

/** Process A — Anslutning: the checklist of DOMAIN.md, in the handbook's order. */
export const JOINING_ITEMS = [
  "anchoring",
  "localSteeringGroup",
  "regionalRepresentation",
  "agreement",
  "politicalDecision",
  "noProviderBranch",
  "certificationStart",
  "qualityPlan",
] as const;
export type JoiningItem = (typeof JOINING_ITEMS)[number];

export const JOINING_STATES = ["open", "completed", "withdrawn"] as const;
export type JoiningState = (typeof JOINING_STATES)[number];

export const JOINING_ITEM_LABELS: Record<JoiningItem, Label> = {
  anchoring: { sv: "Förankra idén hos nyckelpersoner", en: "Anchor the idea with key people" },
  localSteeringGroup: { sv: "Lokal styrgrupp", en: "Local steering group" },
  regionalRepresentation: {
    sv: "Representation i regional styrgrupp",
    en: "Representation in the regional steering group",
  },
  agreement: { sv: "Hängavtal till samverkansavtalet", en: "Addendum to the cooperation agreement" },
  politicalDecision: {
    sv: "Politiskt beslut med ordförandens underskrift",
    en: "Political decision signed by the chair",
  },
  noProviderBranch: {
    sv: "Samverkansavtal (kommun utan egen anordnare)",
    en: "Cooperation agreement (municipality without own provider)",
  },
  certificationStart: {
    sv: "Certifiering av utbildningsanordnaren startad",
    en: "Certification of the provider started",
  },
  qualityPlan: {
    sv: "Plan för kvalitetssäkring mot kriterierna",
    en: "Quality-assurance plan against the criteria",
  },
};

export const JOINING_STATE_LABELS: Record<JoiningState, Label> = {
  open: { sv: "Pågår", en: "In progress" },
  completed: { sv: "Ansluten", en: "Joined" },
  withdrawn: { sv: "Avbruten", en: "Withdrawn" },
};

/** What the joining is about, fixed when the case is opened. */
export interface JoiningConditions {
  partyKind: "municipality" | "provider";
  partyId: string;
  partyName: string;
  /** A municipality that has its own education provider (otherwise it writes a cooperation agreement). */
  hasOwnProvider: boolean;
  /** A provider is to be certified (a linked certification case is opened). */
  certifyProvider: boolean;
  /** A private provider takes no political decision. */
  privateProvider: boolean;
}

/** Conditional items appear only where their condition holds (DOMAIN.md, Process A). */
export function applicableItems(c: JoiningConditions): JoiningItem[] {
  return JOINING_ITEMS.filter((item) => {
    if (item === "noProviderBranch") return c.partyKind === "municipality" && !c.hasOwnProvider;
    if (item === "certificationStart") return c.certifyProvider;
    if (item === "politicalDecision") return !c.privateProvider;
    return true;
  });
}
