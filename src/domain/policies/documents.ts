import { inRegionScope, managesRegion, type Principal } from "../access";

/**
 * Documents and the diarium: the slots a document fills, the directions of a registration, and who may do what.
 * Pure: the caller has already decided whether the principal sees the owner (a case through `seesCase`, an
 * agreement through its region) and passes that in. Not seeing the owner → null (the server answers 404).
 */

export type Label = { sv: string; en: string };

export const DOCUMENT_SLOTS = [
  "application",
  "selfAssessment",
  "actionPlan",
  "businessPlan",
  "contactList",
  "agreement",
  "addendum",
  "politicalDecision",
  "protocol",
  "supplement",
  "decisionBasis",
  "decision",
  "certificate",
  "other",
] as const;
export type DocumentSlot = (typeof DOCUMENT_SLOTS)[number];

export const DOCUMENT_SLOT_LABELS: Record<DocumentSlot, Label> = {
  application: { sv: "Ansökan", en: "Application" },
  selfAssessment: { sv: "Självvärdering", en: "Self-assessment" },
  actionPlan: { sv: "Handlingsplan", en: "Action plan" },
  businessPlan: { sv: "Verksamhetsplan", en: "Business plan" },
  contactList: { sv: "Kontaktlista styrgrupp", en: "Steering-group contact list" },
  agreement: { sv: "Samverkansavtal", en: "Cooperation agreement" },
  addendum: { sv: "Hängavtal", en: "Addendum" },
  politicalDecision: { sv: "Politiskt beslut", en: "Political decision" },
  protocol: { sv: "Protokoll", en: "Protocol" },
  supplement: { sv: "Komplettering", en: "Supplement" },
  decisionBasis: { sv: "Beslutsunderlag", en: "Decision basis" },
  decision: { sv: "Beslut", en: "Decision" },
  certificate: { sv: "Certifikat", en: "Certificate" },
  other: { sv: "Övrigt", en: "Other" },
};

export const DOCUMENT_OWNER_TYPES = ["case", "agreement", "addendum", "region"] as const;
export type DocumentOwnerType = (typeof DOCUMENT_OWNER_TYPES)[number];

export const REGISTRATION_DIRECTIONS = ["incoming", "outgoing", "internal"] as const;
export type RegistrationDirection = (typeof REGISTRATION_DIRECTIONS)[number];

export const DIRECTION_LABELS: Record<RegistrationDirection, Label> = {
  incoming: { sv: "Inkommande", en: "Incoming" },
  outgoing: { sv: "Utgående", en: "Outgoing" },
  internal: { sv: "Upprättad", en: "Internal" },
};

/** The documents Spelplan writes itself (pdfmake): slot and the case data each needs first. */
export const GENERATED_KINDS = ["protocol", "decision", "certificate"] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

/** Slots of documents about a registry item (agreement, addendum, a municipality's political decision). */
export const REGISTRY_ITEM_SLOTS = [
  "agreement",
  "addendum",
  "politicalDecision",
  "other",
] as const satisfies readonly DocumentSlot[];

/** What the applicant side (regionLead, localLead) hands in. */
const APPLICANT_SLOTS: readonly DocumentSlot[] = [
  "application",
  "selfAssessment",
  "actionPlan",
  "businessPlan",
  "contactList",
  "agreement",
  "addendum",
  "politicalDecision",
  "supplement",
  "other",
];
/** What the review committee writes: the protocol and the decision basis, with the secretariat. */
const REVIEWER_SLOTS: readonly DocumentSlot[] = ["protocol", "decisionBasis", "other"];

/** The slots the principal may upload to a case they see. The board and admins upload nothing. */
export function caseUploadSlots(p: Principal): readonly DocumentSlot[] {
  switch (p.role) {
    case "secretariat":
      return DOCUMENT_SLOTS;
    case "regionLead":
    case "localLead":
      return APPLICANT_SLOTS;
    case "reviewer":
      return REVIEWER_SLOTS;
    default:
      return [];
  }
}

/**
 * The directions the principal may register an upload with. Uploads are incoming by default (the region hands
 * something in to RTS); the secretariat also registers outgoing and internal documents, the review committee
 * internal ones (its own working papers).
 */
export function uploadDirections(p: Principal): readonly RegistrationDirection[] {
  switch (p.role) {
    case "secretariat":
      return REGISTRATION_DIRECTIONS;
    case "reviewer":
      return ["incoming", "internal"];
    case "regionLead":
    case "localLead":
      return ["incoming"];
    default:
      return [];
  }
}

export const DEFAULT_DIRECTION: RegistrationDirection = "incoming";

/**
 * What the principal may do with the documents of a case: null when they do not see the case (404).
 * `download` and reading the diarium for everyone who sees it; `upload` for all but the board and admins;
 * `generate` (protocol, decision, certificate PDFs) and `archive` for the secretariat.
 */
export function caseDocumentActions(p: Principal, seesCase: boolean): string[] | null {
  if (!seesCase) return null;
  const actions = ["download"];
  if (caseUploadSlots(p).length > 0) actions.push("upload");
  if (p.role === "secretariat") actions.push("generate", "archive");
  return actions;
}

export function mayUploadToCase(p: Principal, slot: DocumentSlot): boolean {
  return caseUploadSlots(p).includes(slot);
}

export function mayGenerateCaseDocument(p: Principal): boolean {
  return p.role === "secretariat";
}

/** Only a case in a final state (closed, rejected, withdrawn) is packaged for the archive, by the secretariat. */
export function mayArchiveCase(p: Principal): boolean {
  return p.role === "secretariat";
}

/**
 * Documents of a registry item (agreement, addendum, political decision) follow the region: whoever sees the
 * region reads them; whoever manages it (secretariat, the region's regionLead) uploads.
 */
export function registryDocumentActions(p: Principal, regionId: string): string[] | null {
  if (!inRegionScope(p, regionId)) return null;
  return managesRegion(p, regionId) ? ["download", "upload"] : ["download"];
}

/**
 * A region's certification history (its cases and certifications) is case content: admins do not see it; the
 * others see it for regions in their scope (the case rows themselves are filtered by the case scope).
 */
export function seesRegionHistory(p: Principal, regionId: string): boolean {
  return p.role !== "admin" && inRegionScope(p, regionId);
}

export function isDocumentSlot(value: unknown): value is DocumentSlot {
  return typeof value === "string" && (DOCUMENT_SLOTS as readonly string[]).includes(value);
}
