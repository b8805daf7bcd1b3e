import { sql } from "kysely";
import { stockholmDate } from "../../../domain/certification/deadlines";
import type { DocumentSlot, RegistrationDirection } from "../../../domain/policies/documents";
import type { Ctx } from "../../context";
import { isPostgres } from "../../db/dialect";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { diariumNumber } from "./repository";
import type { StoredUpload } from "./upload";

/**
 * The documents use cases. Each runs inside the caller's transaction: the document row, its version, the
 * diarium entry and the log event commit together or not at all. The blob is stored before the transaction
 * (content-addressed: a blob nobody refers to after a rollback is harmless).
 */

export type DocumentOwner =
  | { type: "case"; caseId: string }
  | { type: "agreement" | "addendum"; id: string; agreementId: string };

export interface AddDocumentVersion {
  owner: DocumentOwner;
  /** Add a version to this document (of the same owner); omitted: a new document. */
  documentId?: string | null;
  slot: DocumentSlot;
  title: string;
  file: StoredUpload;
  generated?: boolean;
  /** Case documents are registered in the case's diarium. */
  registration?: { direction: RegistrationDirection; counterpart: string; description: string };
}

export interface AddedDocumentVersion {
  documentId: string;
  version: number;
  registration: { seq: number; number: string } | null;
}

/**
 * Serialises writers of one owner (case or agreement) for the rest of the transaction, so the diarium's running
 * number and the owner's log get one writer at a time. PostgreSQL: a row lock; SQLite runs one write
 * transaction at a time anyway.
 */
async function lockRow(ctx: Ctx, table: "cases" | "cooperation_agreements" | "documents", id: string) {
  const q = ctx.db
    .selectFrom(table as "cases")
    .select("id")
    .where("id", "=", id);
  return isPostgres(ctx.db) ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

const notFound = () => errors.notFound("document");

/** Takes the case's turn (see lockRow) before reading what a write depends on; 404 when it is gone. */
export async function lockCase(ctx: Ctx, caseId: string): Promise<void> {
  if (!(await lockRow(ctx, "cases", caseId))) throw errors.notFound("case");
}

export async function addDocumentVersion(ctx: Ctx, input: AddDocumentVersion): Promise<AddedDocumentVersion> {
  if (!ctx.actor) throw errors.unauthenticated();
  const now = ctx.now.toISOString();
  const owner = input.owner;
  let registrationNumber: string | null = null;
  if (owner.type === "case") {
    await lockCase(ctx, owner.caseId);
    const c = await ctx.db
      .selectFrom("cases")
      .select("registration_number")
      .where("id", "=", owner.caseId)
      .executeTakeFirstOrThrow();
    registrationNumber = c.registration_number;
  } else if (!(await lockRow(ctx, "cooperation_agreements", owner.agreementId))) {
    throw errors.notFound("agreement");
  }
  const ownerType = owner.type;
  const ownerId = owner.type === "case" ? owner.caseId : owner.id;

  let documentId: string;
  let version: number;
  let slot = input.slot;
  let title = input.title;
  if (input.documentId) {
    const doc = await ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", input.documentId)
      .executeTakeFirst();
    if (!doc) throw notFound();
    const sameOwner =
      owner.type === "case"
        ? doc.case_id === owner.caseId
        : doc.owner_type === owner.type && doc.owner_id === owner.id;
    if (!sameOwner) throw notFound();
    const bumped = await ctx.db
      .updateTable("documents")
      .set({ current_version: sql`current_version + 1` })
      .where("id", "=", doc.id)
      .returning("current_version")
      .executeTakeFirstOrThrow();
    documentId = doc.id;
    version = bumped.current_version;
    slot = doc.slot as DocumentSlot;
    title = doc.title;
  } else {
    documentId = ctx.newId();
    version = 1;
    await ctx.db
      .insertInto("documents")
      .values({
        id: documentId,
        owner_type: ownerType,
        owner_id: ownerId,
        case_id: owner.type === "case" ? owner.caseId : null,
        slot,
        title,
        created_at: now,
        created_by: ctx.actor.id,
        current_version: 1,
      })
      .execute();
  }
  await ctx.db
    .insertInto("document_versions")
    .values({
      id: ctx.newId(),
      document_id: documentId,
      version,
      sha256: input.file.sha256,
      size: input.file.size,
      mime: input.file.mime,
      original_name: input.file.originalName,
      safe_name: input.file.safeName,
      created_at: now,
      created_by: ctx.actor.id,
      generated: input.generated ? 1 : 0,
    })
    .execute();

  let registration: AddedDocumentVersion["registration"] = null;
  if (owner.type === "case" && input.registration && registrationNumber) {
    const last = await ctx.db
      .selectFrom("registry_entries")
      .select((eb) => eb.fn.max("seq").as("last"))
      .where("case_id", "=", owner.caseId)
      .executeTakeFirst();
    const seq = Number(last?.last ?? 0) + 1;
    await ctx.db
      .insertInto("registry_entries")
      .values({
        id: ctx.newId(),
        case_id: owner.caseId,
        seq,
        registered_on: stockholmDate(ctx.now),
        direction: input.registration.direction,
        counterpart: input.registration.counterpart,
        description: input.registration.description,
        document_id: documentId,
        document_version: version,
        created_at: now,
      })
      .execute();
    registration = { seq, number: diariumNumber(registrationNumber, seq) };
  }

  const payload = {
    documentId,
    version,
    slot,
    title,
    sha256: input.file.sha256,
    size: input.file.size,
    mime: input.file.mime,
    fileName: input.file.safeName,
    generated: input.generated === true,
    ...(registration && input.registration
      ? {
          registration: registration.number,
          direction: input.registration.direction,
          counterpart: input.registration.counterpart,
        }
      : {}),
  };
  if (owner.type === "case") {
    await appendEvent(ctx, {
      streamType: "case",
      streamId: owner.caseId,
      type: "case.documentAdded",
      payload,
    });
  } else {
    await appendEvent(ctx, {
      streamType: "agreement",
      streamId: owner.agreementId,
      type: "agreement.documentAdded",
      payload: { ...payload, ownerType, ownerId },
    });
  }
  return { documentId, version, registration };
}

/** Logs a download on the document's own stream ("document"), before the bytes go out. */
export async function recordDownload(
  ctx: Ctx,
  input: { documentId: string; version: number; sha256: string; caseId: string | null },
): Promise<void> {
  // Concurrent downloads of one document append to one chain: take turns.
  if (!(await lockRow(ctx, "documents", input.documentId))) throw notFound();
  await appendEvent(ctx, {
    streamType: "document",
    streamId: input.documentId,
    type: "document.downloaded",
    payload: { version: input.version, sha256: input.sha256, caseId: input.caseId },
  });
}

/** Logs that an archive package of a closed case was built, on the case's log (so the package carries it). */
export async function recordArchivePackage(ctx: Ctx, caseId: string): Promise<void> {
  if (!(await lockRow(ctx, "cases", caseId))) throw errors.notFound("case");
  await appendEvent(ctx, {
    streamType: "case",
    streamId: caseId,
    type: "case.archivePackageBuilt",
    payload: { format: "E-ARK SIP (FGS Paketstruktur 2.0 inspired)" },
  });
}
