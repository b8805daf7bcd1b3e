import { normalizeCaseRecord } from "../../../domain/certification/record";
import {
  DIRECTION_LABELS,
  DOCUMENT_SLOT_LABELS,
  type DocumentSlot,
  type RegistrationDirection,
} from "../../../domain/policies/documents";
import type { Executor } from "../../db/connect";
import { prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import type * as dto from "./dto";

/**
 * Reading documents, their versions and the diarium. (Imported by the cases repository for the case page, so
 * it imports nothing from the cases module.)
 */

/** The diarium number of an entry: the case's registration number and the running number, "TC 2027/0042-3". */
export function diariumNumber(registrationNumber: string, seq: number): string {
  return `${registrationNumber}-${seq}`;
}

export function downloadUrl(documentId: string, version: number): string {
  return `/api/documents/${encodeURIComponent(documentId)}/versions/${version}/download`;
}

type VersionRow = Row<"document_versions"> & { creator_name: string | null };
type DocumentRow = Row<"documents"> & { creator_name: string | null };

function presentVersion(v: VersionRow, registrationNumber: string | null): dto.DocumentVersion {
  return {
    version: v.version,
    sha256: v.sha256,
    size: v.size,
    mime: v.mime,
    fileName: v.safe_name,
    originalName: v.original_name,
    createdAt: v.created_at,
    createdBy: v.created_by ? { id: v.created_by, name: v.creator_name ?? "" } : null,
    generated: v.generated === 1,
    registrationNumber,
    downloadUrl: downloadUrl(v.document_id, v.version),
  };
}

function presentDocument(d: DocumentRow, current: dto.DocumentVersion): dto.Document {
  return {
    id: d.id,
    ownerType: d.owner_type as dto.Document["ownerType"],
    ownerId: d.owner_id,
    caseId: d.case_id,
    slot: d.slot,
    slotLabel: DOCUMENT_SLOT_LABELS[d.slot as DocumentSlot] ?? { sv: d.slot, en: d.slot },
    title: d.title,
    createdAt: d.created_at,
    createdBy: d.created_by ? { id: d.created_by, name: d.creator_name ?? "" } : null,
    currentVersion: d.current_version,
    current,
  };
}

/** Documents with every version, in slot order, then oldest first. */
async function presentDocuments(db: Executor, docs: DocumentRow[]): Promise<dto.Document[]> {
  if (docs.length === 0) return [];
  const ids = docs.map((d) => d.id);
  const versions = await db
    .selectFrom("document_versions")
    .leftJoin("users", "users.id", "document_versions.created_by")
    .selectAll("document_versions")
    .select("users.name as creator_name")
    .where("document_versions.document_id", "in", ids)
    .orderBy("document_versions.version", "desc")
    .execute();
  const entries = await db
    .selectFrom("registry_entries")
    .innerJoin("cases", "cases.id", "registry_entries.case_id")
    .select([
      "registry_entries.document_id",
      "registry_entries.document_version",
      "registry_entries.seq",
      "cases.registration_number",
    ])
    .where("registry_entries.document_id", "in", ids)
    .execute();
  const numbers = new Map(
    entries.map((e) => [
      `${e.document_id}/${e.document_version}`,
      diariumNumber(e.registration_number, e.seq),
    ]),
  );
  const byDoc = new Map<string, dto.DocumentVersion[]>();
  for (const v of versions) {
    const list = byDoc.get(v.document_id) ?? [];
    list.push(presentVersion(v, numbers.get(`${v.document_id}/${v.version}`) ?? null));
    byDoc.set(v.document_id, list);
  }
  const result: dto.Document[] = [];
  for (const d of docs) {
    const list = byDoc.get(d.id) ?? [];
    const current = list.find((v) => v.version === d.current_version);
    if (!current) continue; // a document row always has its current version; skip a torn read defensively
    result.push({ ...presentDocument(d, current), versions: list });
  }
  return result;
}

/** The order every document list shows: oldest first, then by slot, title and id. */
const DOCUMENT_ORDER = ["documents.created_at", "documents.slot", "documents.title", "documents.id"] as const;

function inDocumentOrder<Q extends { orderBy(column: (typeof DOCUMENT_ORDER)[number]): Q }>(q: Q): Q {
  return DOCUMENT_ORDER.reduce((ordered, column) => ordered.orderBy(column), q);
}

function documentsQuery(db: Executor) {
  return db
    .selectFrom("documents")
    .leftJoin("users", "users.id", "documents.created_by")
    .selectAll("documents")
    .select("users.name as creator_name");
}

type CurrentDocumentRow = DocumentRow & {
  v_id: string;
  v_sha256: string;
  v_size: number;
  v_mime: string;
  v_original_name: string;
  v_safe_name: string;
  v_created_at: string;
  v_created_by: string | null;
  v_creator_name: string | null;
  v_generated: number;
  registry_seq: number | null;
  registry_case_number: string | null;
};

/**
 * The case page's documents: each with its current version, its creators and its diarium number, in one
 * statement built once (the case page is the most read page; the documents were three statements built per call).
 * A version is registered at most once (a unique index, migration 0010), so the registry join adds no rows.
 */
const currentDocumentsOfCase = prepared<{ caseId: string }, CurrentDocumentRow, Database>((db, a) =>
  db
    .selectFrom("documents")
    .innerJoin("document_versions as v", (j) =>
      j.onRef("v.document_id", "=", "documents.id").onRef("v.version", "=", "documents.current_version"),
    )
    .leftJoin("users as du", "du.id", "documents.created_by")
    .leftJoin("users as vu", "vu.id", "v.created_by")
    .leftJoin("registry_entries as re", (j) =>
      j
        .onRef("re.document_id", "=", "documents.id")
        .onRef("re.document_version", "=", "documents.current_version"),
    )
    .leftJoin("cases as rc", "rc.id", "re.case_id")
    .selectAll("documents")
    .select([
      "du.name as creator_name",
      "v.id as v_id",
      "v.sha256 as v_sha256",
      "v.size as v_size",
      "v.mime as v_mime",
      "v.original_name as v_original_name",
      "v.safe_name as v_safe_name",
      "v.created_at as v_created_at",
      "v.created_by as v_created_by",
      "vu.name as v_creator_name",
      "v.generated as v_generated",
      "re.seq as registry_seq",
      "rc.registration_number as registry_case_number",
    ])
    .where("documents.case_id", "=", a.caseId)
    .$call(inDocumentOrder),
);

/** The documents of a case with their current version (the case page's `documents`). */
export async function caseDocuments(db: Executor, caseId: string): Promise<dto.Document[]> {
  const rows = await currentDocumentsOfCase.all(db, { caseId });
  return rows.map((r) =>
    presentDocument(
      r,
      presentVersion(
        {
          id: r.v_id,
          document_id: r.id,
          version: r.current_version,
          sha256: r.v_sha256,
          size: r.v_size,
          mime: r.v_mime,
          original_name: r.v_original_name,
          safe_name: r.v_safe_name,
          created_at: r.v_created_at,
          created_by: r.v_created_by,
          creator_name: r.v_creator_name,
          generated: r.v_generated,
        },
        r.registry_seq !== null && r.registry_case_number !== null
          ? diariumNumber(r.registry_case_number, r.registry_seq)
          : null,
      ),
    ),
  );
}

/** The documents of a case with every version. */
export async function caseDocumentsWithVersions(db: Executor, caseId: string): Promise<dto.Document[]> {
  const docs = await documentsQuery(db)
    .where("documents.case_id", "=", caseId)
    .$call(inDocumentOrder)
    .execute();
  return presentDocuments(db, docs);
}

/** The documents of an agreement and of its addenda, with every version. */
export async function agreementDocuments(db: Executor, agreementId: string): Promise<dto.Document[]> {
  const addenda = await db
    .selectFrom("agreement_addenda")
    .select("id")
    .where("agreement_id", "=", agreementId)
    .execute();
  const docs = await documentsQuery(db)
    .where((eb) =>
      eb.or([
        eb.and([eb("documents.owner_type", "=", "agreement"), eb("documents.owner_id", "=", agreementId)]),
        ...(addenda.length
          ? [
              eb.and([
                eb("documents.owner_type", "=", "addendum"),
                eb(
                  "documents.owner_id",
                  "in",
                  addenda.map((a) => a.id),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .$call(inDocumentOrder)
    .execute();
  return presentDocuments(db, docs);
}

export async function documentById(db: Executor, id: string): Promise<dto.Document | undefined> {
  const docs = await documentsQuery(db).where("documents.id", "=", id).execute();
  return (await presentDocuments(db, docs))[0];
}

export async function findDocumentRow(db: Executor, id: string) {
  return db.selectFrom("documents").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function findVersionRow(db: Executor, documentId: string, version: number) {
  return db
    .selectFrom("document_versions")
    .selectAll()
    .where("document_id", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirst();
}

/** The region an agreement or addendum document belongs to (for its policy), or undefined. */
export async function registryOwnerRegion(
  db: Executor,
  ownerType: string,
  ownerId: string,
): Promise<{ regionId: string; agreementId: string } | undefined> {
  if (ownerType === "agreement") {
    const a = await db
      .selectFrom("cooperation_agreements")
      .select(["id", "region_id"])
      .where("id", "=", ownerId)
      .executeTakeFirst();
    return a ? { regionId: a.region_id, agreementId: a.id } : undefined;
  }
  if (ownerType === "addendum") {
    const a = await db
      .selectFrom("agreement_addenda")
      .innerJoin("cooperation_agreements", "cooperation_agreements.id", "agreement_addenda.agreement_id")
      .select(["cooperation_agreements.id", "cooperation_agreements.region_id"])
      .where("agreement_addenda.id", "=", ownerId)
      .executeTakeFirst();
    return a ? { regionId: a.region_id, agreementId: a.id } : undefined;
  }
  return undefined;
}

/** The diarium of a case: every registered document version, by running number. */
export async function caseDiarium(
  db: Executor,
  caseId: string,
  registrationNumber: string,
): Promise<dto.DiariumEntry[]> {
  const rows = await db
    .selectFrom("registry_entries")
    .leftJoin("documents", "documents.id", "registry_entries.document_id")
    .selectAll("registry_entries")
    .select("documents.title as document_title")
    .where("registry_entries.case_id", "=", caseId)
    .orderBy("registry_entries.seq")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: diariumNumber(registrationNumber, r.seq),
    seq: r.seq,
    registeredOn: r.registered_on,
    direction: r.direction as RegistrationDirection,
    directionLabel: DIRECTION_LABELS[r.direction as RegistrationDirection],
    counterpart: r.counterpart,
    description: r.description,
    document:
      r.document_id && r.document_version
        ? {
            id: r.document_id,
            title: r.document_title ?? "",
            version: r.document_version,
            downloadUrl: downloadUrl(r.document_id, r.document_version),
          }
        : null,
    createdAt: r.created_at,
  }));
}

/** A case a document is made from: its row with its region's name, and its record. */
export async function caseWithRecord(db: Executor, caseId: string) {
  const row = await db
    .selectFrom("cases")
    .innerJoin("regions", "regions.id", "cases.region_id")
    .selectAll("cases")
    .select("regions.name as region_name")
    .where("cases.id", "=", caseId)
    .executeTakeFirstOrThrow();
  return { row, record: normalizeCaseRecord(JSON.parse(row.record)) };
}

/** A case's criteria set and its criteria by number (none when the case has no set). */
export async function criteriaSetOf(db: Executor, setId: string | null) {
  if (!setId) return { set: undefined, criteria: [] };
  const set = await db.selectFrom("criteria_sets").selectAll().where("id", "=", setId).executeTakeFirst();
  return { set, criteria: await criteriaOfSet(db, setId) };
}

/** The numbers and titles of a criteria set's criteria, by number (none without a set). */
export async function criteriaOfSet(
  db: Executor,
  setId: string | null,
): Promise<{ number: number; title: string }[]> {
  if (!setId) return [];
  return db
    .selectFrom("criteria")
    .select(["number", "title"])
    .where("criteria_set_id", "=", setId)
    .orderBy("number")
    .execute();
}
