import { Readable } from "node:stream";
import { addCalendarMonths } from "../../../domain/certification/deadlines";
import {
  ASSESSMENT_LABELS,
  CASE_KIND_LABELS,
  type CaseKind,
  DECISION_OUTCOME_LABELS,
} from "../../../domain/certification/steps";
import type { GeneratedKind } from "../../../domain/policies/documents";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { documentErrors } from "./errors";
import { safeFileName } from "./file-names";
import {
  type CertificateData,
  certificateDefinition,
  type DecisionData,
  type DocDefinition,
  decisionDefinition,
  type ProtocolData,
  protocolDefinition,
  renderPdf,
} from "./pdf";
import { caseWithRecord, criteriaSetOf } from "./repository";
import type { BlobStorage } from "./storage";
import { type AddedDocumentVersion, addDocumentVersion, lockCase } from "./use-cases";

/**
 * Generated documents: the protocol, the decision letter and the certificate of a case, as PDFs written from the
 * case record. Each generation is a new version of the case's generated document of that slot, registered in
 * the diarium as outgoing (to the region).
 */

const TITLES: Record<GeneratedKind, string> = {
  protocol: "Protokoll",
  decision: "Beslut",
  certificate: "Certifikat",
};

const DESCRIPTIONS: Record<GeneratedKind, string> = {
  protocol: "Protokoll från granskningsbesök",
  decision: "Beslut om certifiering",
  certificate: "Certifikat (diplom) till certifieringsceremonin",
};

const SUBJECT_KIND_LABELS: Record<string, string> = {
  region: "Teknikcollegeregion",
  provider: "Utbildningsanordnare",
  programme: "Utbildning",
  specialisation: "Inriktning",
};

async function names(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function subjectOf(db: Executor, row: Row<"cases">, regionName: string) {
  const cert = await db
    .selectFrom("certifications")
    .selectAll()
    .where("case_id", "=", row.id)
    .orderBy("created_at", "desc")
    .executeTakeFirst();
  if (cert) return { name: cert.subject_name, kind: cert.subject_kind, certification: cert };
  const pick = async (table: "specialisations" | "programmes" | "education_providers", id: string | null) =>
    id
      ? (await db.selectFrom(table).select("name").where("id", "=", id).executeTakeFirst())?.name
      : undefined;
  if (row.certification_id) {
    const old = await db
      .selectFrom("certifications")
      .selectAll()
      .where("id", "=", row.certification_id)
      .executeTakeFirst();
    if (old) return { name: old.subject_name, kind: old.subject_kind, certification: undefined };
  }
  const spec = await pick("specialisations", row.specialisation_id);
  if (spec) return { name: spec, kind: "specialisation", certification: undefined };
  const prog = await pick("programmes", row.programme_id);
  if (prog) return { name: prog, kind: "programme", certification: undefined };
  const prov = await pick("education_providers", row.provider_id);
  if (prov) return { name: prov, kind: "provider", certification: undefined };
  return { name: regionName, kind: "region", certification: undefined };
}

/** The document definition of a generated document, or 409 `document.not_ready` when its data is missing. */
export async function buildDefinition(
  db: Executor,
  caseId: string,
  kind: GeneratedKind,
  now: Date,
): Promise<{ definition: DocDefinition; registrationNumber: string; regionName: string }> {
  const { row, record } = await caseWithRecord(db, caseId);
  const kindLabel = CASE_KIND_LABELS[row.kind as CaseKind]?.sv ?? row.kind;
  const base = { registrationNumber: row.registration_number, regionName: row.region_name };

  if (kind === "protocol") {
    const protocol = record.protocol;
    if (!protocol || protocol.findings.length === 0) throw documentErrors.notReady(kind);
    const { set, criteria } = await criteriaSetOf(db, row.criteria_set_id);
    const titles = new Map(criteria.map((c) => [c.number, c.title]));
    const reviewerIds = record.reviewerIds ?? [];
    const participantIds = record.visit?.participantIds ?? [];
    const who = await names(db, [...reviewerIds, ...participantIds]);
    const data: ProtocolData = {
      ...base,
      caseTitle: row.title,
      kindLabel,
      criteriaSetName: set ? `${set.name} (version ${set.version})` : "–",
      visit: record.visit ? { heldOn: record.visit.heldOn, place: record.visit.place } : null,
      reviewers: reviewerIds.map((id) => who.get(id) ?? "okänd"),
      participants: participantIds.map((id) => who.get(id) ?? "okänd"),
      sentOn: protocol.sentOn ?? null,
      responseDueDate: record.deadlines.response?.dueDate ?? null,
      findings: [...protocol.findings]
        .sort((a, b) => a.criterionNumber - b.criterionNumber)
        .map((f) => ({
          number: f.criterionNumber,
          title: titles.get(f.criterionNumber) ?? `Kriterium ${f.criterionNumber}`,
          assessmentLabel: ASSESSMENT_LABELS[f.assessment].sv,
          remarks: f.remarks,
          requiredSupplements: f.requiredSupplements.map((s) => s.text),
        })),
      now,
    };
    return { ...base, definition: protocolDefinition(data) };
  }

  const decision = record.decision ?? record.previousRounds.at(-1)?.decision;
  if (!decision) throw documentErrors.notReady(kind);
  const subject = await subjectOf(db, row, row.region_name);
  const years = row.kind === "recertification" ? 5 : 3;
  const validity =
    subject.certification && subject.certification.case_id === row.id
      ? { from: subject.certification.valid_from, to: subject.certification.valid_to }
      : { from: decision.decidedOn, to: addCalendarMonths(decision.decidedOn, years * 12) };

  if (kind === "decision") {
    const meetingDate =
      record.agenda?.meetingDate ??
      (row.board_meeting_id
        ? ((
            await db
              .selectFrom("board_meetings")
              .select("date")
              .where("id", "=", row.board_meeting_id)
              .executeTakeFirst()
          )?.date ?? null)
        : null);
    const basis = record.decisionBasis;
    const data: DecisionData = {
      ...base,
      caseTitle: row.title,
      subjectName: subject.name,
      outcome: decision.outcome,
      outcomeLabel: DECISION_OUTCOME_LABELS[decision.outcome].sv,
      decidedOn: decision.decidedOn,
      motivation: decision.motivation,
      meetingDate,
      recommendationLabel: basis ? DECISION_OUTCOME_LABELS[basis.recommendation].sv : null,
      validity: decision.outcome === "approved" ? validity : null,
      newResponseDueDate: decision.newResponseDueDate ?? null,
      decertification: row.kind === "decertification",
      now,
    };
    return { ...base, definition: decisionDefinition(data) };
  }

  // certificate: only for an approved certification (not a decertification).
  if (decision.outcome !== "approved" || row.kind === "decertification") throw documentErrors.notReady(kind);
  const data: CertificateData = {
    ...base,
    subjectName: subject.name,
    subjectKindLabel: SUBJECT_KIND_LABELS[subject.kind] ?? subject.kind,
    validity,
    ceremony: record.ceremony?.held ? { heldOn: record.ceremony.heldOn, place: record.ceremony.place } : null,
    decidedOn: decision.decidedOn,
    now,
  };
  return { ...base, definition: certificateDefinition(data) };
}

/**
 * Renders a generated document and stores it as a new version (generated) of the case's document of that slot,
 * registered as outgoing to the region. Reads and renders outside the transaction; `write` runs the database
 * part in one.
 */
export async function generateCaseDocument(
  db: Executor,
  storage: BlobStorage,
  input: { caseId: string; kind: GeneratedKind; now: Date },
  write: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
): Promise<AddedDocumentVersion> {
  const built = await buildDefinition(db, input.caseId, input.kind, input.now);
  const pdf = await renderPdf(built.definition);
  const blob = await storage.put(Readable.from([pdf]));
  const title = `${TITLES[input.kind]} ${built.registrationNumber}`;
  return write(async (ctx) => {
    // Two generations at once must not both create "the" generated document of the slot.
    await lockCase(ctx, input.caseId);
    const existing = await ctx.db
      .selectFrom("documents")
      .select("documents.id")
      .where("documents.case_id", "=", input.caseId)
      .where("documents.slot", "=", input.kind)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("document_versions")
            .select("document_versions.id")
            .whereRef("document_versions.document_id", "=", "documents.id")
            .where("document_versions.generated", "=", 1),
        ),
      )
      .orderBy("documents.created_at")
      .executeTakeFirst();
    return addDocumentVersion(ctx, {
      owner: { type: "case", caseId: input.caseId },
      documentId: existing?.id ?? null,
      slot: input.kind,
      title,
      file: {
        sha256: blob.sha256,
        size: blob.size,
        mime: "application/pdf",
        originalName: `${title}.pdf`,
        safeName: safeFileName(`${title.replace("/", "-")}.pdf`, "pdf"),
      },
      generated: true,
      registration: {
        direction: "outgoing",
        counterpart: built.regionName,
        description: `${DESCRIPTIONS[input.kind]} (genererat)`,
      },
    });
  });
}
