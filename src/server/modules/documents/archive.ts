import { createHash } from "node:crypto";
import type { Readable, Writable } from "node:stream";
import { ZipFile } from "yazl";
import {
  CASE_KIND_LABELS,
  type CaseKind,
  type CaseState,
  isFinalState,
  STATE_LABELS,
} from "../../../domain/certification/steps";
import type { Executor } from "../../db/connect";
import { listStream, toHashed } from "../events/event-log";
import {
  CASE_JSON_PATH,
  DATA_PREFIX,
  hrefOf,
  LOG_JSON_PATH,
  MANIFEST_PATH,
  METS_PATH,
  manifestText,
  xmlEscape,
} from "./archive-format";
import { documentErrors } from "./errors";
import { ISSUER } from "./pdf";
import { caseDiarium, caseDocumentsWithVersions, caseWithRecord, criteriaSetOf } from "./repository";
import { type BlobStorage, verifyingStream } from "./storage";

/**
 * Builds the archive package of a closed case (layout: archive-format.ts) as one ZIP, streamed with yazl: the
 * metadata is small and built in memory; the documents stream from the blob store one at a time, each checked
 * against its SHA-256 on the way through. Documents are stored uncompressed (PDF, DOCX, XLSX, PNG and JPEG are
 * compressed already), the metadata deflated.
 */

interface PackageFile {
  path: string;
  sha256: string;
  size: number;
  mime: string;
  created: string;
  id: string;
  group: "metadata" | "data";
  buffer?: Buffer;
}

const sha256Of = (b: Buffer) => createHash("sha256").update(b).digest("hex");

function jsonFile(path: string, value: unknown, created: string, id: string): PackageFile {
  const buffer = Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8");
  return {
    path,
    sha256: sha256Of(buffer),
    size: buffer.length,
    mime: "application/json",
    created,
    id,
    group: "metadata",
    buffer,
  };
}

async function nameOf(
  db: Executor,
  table: "local_colleges" | "education_providers" | "programmes" | "specialisations",
  id: string | null,
) {
  if (!id) return null;
  const r = await db.selectFrom(table).select(["id", "name"]).where("id", "=", id).executeTakeFirst();
  return r ? { id: r.id, name: r.name } : null;
}

/** Loads everything the package describes. */
async function collect(db: Executor, caseId: string, now: Date) {
  const { row, record } = await caseWithRecord(db, caseId);
  const reviewers = await db
    .selectFrom("case_participants")
    .innerJoin("users", "users.id", "case_participants.user_id")
    .select(["users.id", "users.name", "case_participants.role"])
    .where("case_participants.case_id", "=", caseId)
    .execute();
  const { set, criteria } = await criteriaSetOf(db, row.criteria_set_id);
  const meeting = row.board_meeting_id
    ? await db
        .selectFrom("board_meetings")
        .select(["id", "date", "title", "kind"])
        .where("id", "=", row.board_meeting_id)
        .executeTakeFirst()
    : undefined;
  const certifications = await db
    .selectFrom("certifications")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("case_id", "=", caseId),
        eb("ended_by_case_id", "=", caseId),
        ...(row.certification_id ? [eb("id", "=", row.certification_id)] : []),
      ]),
    )
    .orderBy("created_at")
    .execute();
  const documents = await caseDocumentsWithVersions(db, caseId);
  const diarium = await caseDiarium(db, caseId, row.registration_number);
  const streams: { streamType: string; streamId: string }[] = [
    { streamType: "case", streamId: caseId },
    ...documents.map((d) => ({ streamType: "document", streamId: d.id })),
    ...certifications
      .filter((c) => c.case_id === caseId)
      .map((c) => ({ streamType: "certification", streamId: c.id })),
  ];
  const logs = [];
  const actorIds = new Set<string>();
  for (const s of streams) {
    const events = await listStream(db, s.streamType, s.streamId);
    if (events.length === 0) continue;
    for (const e of events) if (e.actor_id) actorIds.add(e.actor_id);
    logs.push({ ...s, events: events.map(toHashed) });
  }
  const actors = actorIds.size
    ? await db
        .selectFrom("users")
        .select(["id", "name", "role"])
        .where("id", "in", [...actorIds])
        .execute()
    : [];
  const [localCollege, provider, programme, specialisation] = await Promise.all([
    nameOf(db, "local_colleges", row.local_college_id),
    nameOf(db, "education_providers", row.provider_id),
    nameOf(db, "programmes", row.programme_id),
    nameOf(db, "specialisations", row.specialisation_id),
  ]);
  const nowIso = now.toISOString();
  const caseJson = {
    format: "spelplan-case/1",
    packageCreatedAt: nowIso,
    registrationNumber: row.registration_number,
    case: {
      id: row.id,
      process: row.process,
      processVersion: row.process_version,
      kind: row.kind,
      kindLabel: CASE_KIND_LABELS[row.kind as CaseKind] ?? null,
      state: row.state,
      stateLabel: STATE_LABELS[row.state as CaseState] ?? null,
      title: row.title,
      criteriaSet: set ? { id: set.id, name: set.name, version: set.version, criteria } : null,
    },
    parties: {
      archiveCreator: ISSUER,
      region: { id: row.region_id, name: row.region_name },
      localCollege,
      provider,
      programme,
      specialisation,
      participants: reviewers.map((r) => ({ id: r.id, name: r.name, role: r.role })),
      boardMeeting: meeting ?? null,
    },
    dates: {
      opened: row.created_at,
      closed: row.closed_at,
      visit: record.visit?.heldOn ?? null,
      protocolSent: record.protocol?.sentOn ?? null,
      responseSubmitted: record.response?.submittedOn ?? null,
      decided: record.decision?.decidedOn ?? null,
      decisionSent: record.decisionSentOn ?? null,
      ceremony: record.ceremony?.held ? record.ceremony.heldOn : null,
    },
    record,
    certifications: certifications.map((c) => ({
      id: c.id,
      caseId: c.case_id,
      subjectKind: c.subject_kind,
      subjectName: c.subject_name,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      status: c.status,
      endedByCaseId: c.ended_by_case_id,
    })),
    diarium: diarium.map(({ document, ...e }) => ({
      ...e,
      document: document ? { id: document.id, title: document.title, version: document.version } : null,
    })),
    documents: [] as unknown[],
  };
  const logJson = {
    format: "spelplan-event-log/1",
    description:
      "Append-only event logs, one hash chain per stream. Each event's hash is the SHA-256 of the JSON array " +
      "[streamType, streamId, seq, type, actorId, actorRole, occurredAt, ip, userAgent, payload, processVersion, " +
      "prevHash]; prevHash is the previous event's hash (null for the first).",
    actors: actors.map((a) => ({ id: a.id, name: a.name, role: a.role })),
    streams: logs,
  };
  return { row, documents, caseJson, logJson };
}

function segment(s: string): string {
  return s.replace(/[/\\]/g, "_");
}

function metsXml(
  row: { id: string; registration_number: string; title: string },
  files: PackageFile[],
  created: string,
): string {
  const caseFile = files.find((f) => f.path === CASE_JSON_PATH)!;
  const logFile = files.find((f) => f.path === LOG_JSON_PATH)!;
  const fileEl = (f: PackageFile) =>
    `      <mets:file ID="${f.id}" MIMETYPE="${xmlEscape(f.mime)}" SIZE="${f.size}" CREATED="${f.created}" ` +
    `CHECKSUM="${f.sha256}" CHECKSUMTYPE="SHA-256">\n` +
    `        <mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="${xmlEscape(hrefOf(f.path))}"/>\n` +
    "      </mets:file>\n";
  const mdRef = (f: PackageFile, type: string) =>
    `    <mets:mdRef LOCTYPE="URL" xlink:type="simple" xlink:href="${xmlEscape(hrefOf(f.path))}" MDTYPE="OTHER" ` +
    `OTHERMDTYPE="${type}" MIMETYPE="${f.mime}" SIZE="${f.size}" CREATED="${f.created}" CHECKSUM="${f.sha256}" ` +
    'CHECKSUMTYPE="SHA-256"/>\n';
  const data = files.filter((f) => f.group === "data");
  const meta = files.filter((f) => f.group === "metadata");
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<mets:mets xmlns:mets="http://www.loc.gov/METS/" xmlns:xlink="http://www.w3.org/1999/xlink" ' +
    'xmlns:csip="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd" ' +
    `OBJID="${xmlEscape(row.registration_number)}" LABEL="${xmlEscape(row.title)}" TYPE="OTHER" ` +
    'csip:OTHERTYPE="Spelplan certifieringsärende" csip:CONTENTINFORMATIONTYPE="OTHER" ' +
    'csip:OTHERCONTENTINFORMATIONTYPE="Spelplan case" PROFILE="https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml">\n' +
    `  <mets:metsHdr CREATEDATE="${created}" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">\n` +
    `    <mets:agent ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>${xmlEscape(ISSUER)}</mets:name></mets:agent>\n` +
    '    <mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><mets:name>Spelplan</mets:name></mets:agent>\n' +
    `    <mets:altRecordID TYPE="DIARIENUMMER">${xmlEscape(row.registration_number)}</mets:altRecordID>\n` +
    `    <mets:altRecordID TYPE="SPELPLAN-CASE-ID">${xmlEscape(row.id)}</mets:altRecordID>\n` +
    "  </mets:metsHdr>\n" +
    `  <mets:dmdSec ID="dmd-case" CREATED="${created}" STATUS="CURRENT">\n` +
    mdRef(caseFile, "SPELPLAN-CASE-JSON") +
    "  </mets:dmdSec>\n" +
    '  <mets:amdSec ID="amd">\n' +
    '    <mets:digiprovMD ID="digiprov-log" STATUS="CURRENT">\n' +
    mdRef(logFile, "SPELPLAN-EVENT-LOG-JSON").replace(/^ {4}/, "      ") +
    "    </mets:digiprovMD>\n" +
    "  </mets:amdSec>\n" +
    '  <mets:fileSec ID="filesec">\n' +
    '    <mets:fileGrp ID="grp-metadata" USE="Metadata">\n' +
    meta.map(fileEl).join("") +
    "    </mets:fileGrp>\n" +
    '    <mets:fileGrp ID="grp-rep1" USE="Representations/rep1/Data">\n' +
    data.map(fileEl).join("") +
    "    </mets:fileGrp>\n" +
    "  </mets:fileSec>\n" +
    '  <mets:structMap ID="structmap" TYPE="PHYSICAL" LABEL="CSIP">\n' +
    `    <mets:div ID="div-root" LABEL="${xmlEscape(row.registration_number)}">\n` +
    '      <mets:div ID="div-metadata" LABEL="Metadata" DMDID="dmd-case" ADMID="digiprov-log">\n' +
    meta.map((f) => `        <mets:fptr FILEID="${f.id}"/>\n`).join("") +
    "      </mets:div>\n" +
    '      <mets:div ID="div-rep1" LABEL="Representations/rep1">\n' +
    data.map((f) => `        <mets:fptr FILEID="${f.id}"/>\n`).join("") +
    "      </mets:div>\n" +
    "    </mets:div>\n" +
    "  </mets:structMap>\n" +
    "</mets:mets>\n"
  );
}

export interface ArchiveSummary {
  registrationNumber: string;
  files: number;
  documents: number;
}

/** Checks that the case may be packaged (final state) and every blob is present, before any byte is sent. */
export async function assertArchivable(db: Executor, storage: BlobStorage, caseId: string): Promise<void> {
  const row = await db.selectFrom("cases").select("state").where("id", "=", caseId).executeTakeFirstOrThrow();
  if (!isFinalState(row.state as CaseState)) throw documentErrors.caseNotFinal();
  const versions = await db
    .selectFrom("document_versions")
    .innerJoin("documents", "documents.id", "document_versions.document_id")
    .select("document_versions.sha256")
    .where("documents.case_id", "=", caseId)
    .execute();
  for (const v of versions) if (!(await storage.has(v.sha256))) throw documentErrors.blobMissing();
}

/**
 * Writes the package of a case into `out` (a file, an HTTP response). Resolves when the ZIP is complete; a
 * damaged or missing blob fails it (and destroys `out`), so a package never silently carries wrong bytes.
 */
export async function writeArchivePackage(
  db: Executor,
  storage: BlobStorage,
  caseId: string,
  now: Date,
  out: Writable,
): Promise<ArchiveSummary> {
  const { row, documents, caseJson, logJson } = await collect(db, caseId, now);
  const created = now.toISOString();
  const dataFiles: PackageFile[] = [];
  const described = [];
  let counter = 0;
  for (const [i, d] of documents.entries()) {
    const folder = `${DATA_PREFIX}${String(i + 1).padStart(2, "0")}-${segment(d.slot)}/`;
    const versions = [...(d.versions ?? [])].sort((a, b) => a.version - b.version);
    described.push({
      id: d.id,
      slot: d.slot,
      slotLabel: d.slotLabel,
      title: d.title,
      createdAt: d.createdAt,
      createdBy: d.createdBy,
      currentVersion: d.currentVersion,
      versions: versions.map((v) => {
        const path = `${folder}v${v.version}-${segment(v.fileName)}`;
        dataFiles.push({
          path,
          sha256: v.sha256,
          size: v.size,
          mime: v.mime,
          created: v.createdAt,
          id: `file-${++counter}`,
          group: "data",
        });
        return {
          version: v.version,
          path,
          sha256: v.sha256,
          size: v.size,
          mime: v.mime,
          fileName: v.fileName,
          originalName: v.originalName,
          generated: v.generated,
          createdAt: v.createdAt,
          createdBy: v.createdBy,
          registrationNumber: v.registrationNumber,
        };
      }),
    });
  }
  caseJson.documents = described;
  const caseFile = jsonFile(CASE_JSON_PATH, caseJson, created, "file-case");
  const logFile = jsonFile(LOG_JSON_PATH, logJson, created, "file-log");
  const listed = [caseFile, logFile, ...dataFiles];
  const mets = Buffer.from(metsXml(row, listed, created), "utf8");
  const metsFile: PackageFile = {
    path: METS_PATH,
    sha256: sha256Of(mets),
    size: mets.length,
    mime: "application/xml",
    created,
    id: "file-mets",
    group: "metadata",
    buffer: mets,
  };
  const manifest = Buffer.from(manifestText([metsFile, ...listed]), "utf8");

  const zip = new ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    const fail = (err: unknown) => {
      reject(err);
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    };
    zip.on("error", fail);
    zip.outputStream.on("error", fail);
    out.on("error", reject);
    out.on("finish", () => resolve());
    (zip.outputStream as Readable).pipe(out);
    for (const f of [metsFile, caseFile, logFile]) {
      zip.addBuffer(f.buffer!, f.path, { mtime: now, compress: true });
    }
    for (const f of dataFiles) {
      zip.addReadStreamLazy(f.path, { mtime: new Date(f.created), compress: false, size: f.size }, (cb) => {
        storage.get(f.sha256).then(
          (blob) => {
            const checked = verifyingStream(f.sha256);
            blob.on("error", fail);
            checked.on("error", fail);
            cb(null, blob.pipe(checked));
          },
          (err) => cb(err, undefined as never),
        );
      });
    }
    zip.addBuffer(manifest, MANIFEST_PATH, { mtime: now, compress: true });
    zip.end();
  });
  await done;
  return {
    registrationNumber: row.registration_number,
    files: listed.length + 2,
    documents: documents.length,
  };
}
