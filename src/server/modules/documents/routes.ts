import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Principal } from "../../../domain/access";
import { inRegionScope } from "../../../domain/access";
import { stockholmDate } from "../../../domain/certification/deadlines";
import {
  caseDocumentActions,
  caseUploadSlots,
  DEFAULT_DIRECTION,
  DOCUMENT_SLOT_LABELS,
  type DocumentSlot,
  mayArchiveCase,
  mayGenerateCaseDocument,
  mayUploadToCase,
  REGISTRY_ITEM_SLOTS,
  type RegistrationDirection,
  registryDocumentActions,
  seesRegionHistory,
  uploadDirections,
} from "../../../domain/policies/documents";
import type { Executor } from "../../db/connect";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { rawParam } from "../../http/route-access";
import { findCaseForPrincipal, regionSeenBy } from "../cases/repository";
import { assertArchivable, writeArchivePackage } from "./archive";
import { verifyArchivePackage } from "./archive-verify";
import type * as dto from "./dto";
import { documentErrors } from "./errors";
import { casesCsv, regionHistoryCsv, writeCasesXlsx } from "./exports";
import { contentDisposition } from "./file-names";
import { generateCaseDocument } from "./generate";
import {
  agreementDocuments,
  caseDiarium,
  caseDocumentsWithVersions,
  documentById,
  findDocumentRow,
  findVersionRow,
  registryOwnerRegion,
} from "./repository";
import {
  caseUploadFields,
  downloadQuery,
  exportQuery,
  generateParams,
  idParam,
  parseFields,
  registryUploadFields,
  versionParams,
} from "./schemas";
import { filesRoot, maxUploadBytes } from "./settings";
import { type BlobStorage, FsBlobStorage } from "./storage";
import { receiveUpload } from "./upload";
import { addDocumentVersion, type DocumentOwner, recordArchivePackage, recordDownload } from "./use-cases";
import { sendWorkbook } from "./workbook";

/** Types a browser may show in place (`?inline=true`); everything else is always an attachment. */
const INLINE_TYPES = new Set(["application/pdf", "image/png", "image/jpeg"]);

export interface DocumentRoutesOptions {
  /** The blob store; default: the filesystem under `${dataDir}/files`. */
  storage?: BlobStorage;
}

/** Who a registration names when the uploader does not: the region for incoming and outgoing mail. */
function defaultCounterpart(p: Principal, direction: RegistrationDirection, regionName: string): string {
  if (direction === "internal") return p.role === "reviewer" ? "Granskningskommittén" : "RTS kansli";
  if (direction === "incoming" && p.role === "reviewer") return "Granskningskommittén";
  return regionName;
}

async function seesDocument(
  db: Executor,
  p: Principal,
  doc: { case_id: string | null; owner_type: string; owner_id: string },
): Promise<boolean> {
  if (doc.case_id) return (await findCaseForPrincipal(db, p, doc.case_id)) !== undefined;
  if (doc.owner_type === "region") return inRegionScope(p, doc.owner_id);
  const owner = await registryOwnerRegion(db, doc.owner_type, doc.owner_id);
  return owner !== undefined && registryDocumentActions(p, owner.regionId) !== null;
}

export async function documentRoutes(app: FastifyInstance, opts: DocumentRoutesOptions = {}) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["documents"];
  const db = app.deps.db;
  const storage = opts.storage ?? new FsBlobStorage(filesRoot(app.deps.config.dataDir));
  const maxBytes = maxUploadBytes();

  async function loadCase(req: FastifyRequest, id: string) {
    const p = requireUser(req);
    const row = await findCaseForPrincipal(db, p, id);
    if (!row) throw errors.notFound("case");
    return { p, row, actions: caseDocumentActions(p, true) ?? [] };
  }

  // Before the kind is validated: the case visible (404), generating the secretariat's (403).
  const generateAccess: RouteAccess = async (req) => {
    const { p } = await loadCase(req, rawParam(req));
    if (!mayGenerateCaseDocument(p)) throw errors.forbidden("document");
  };

  /** The answer to a case upload or generation: the document, and the diarium entry the version was registered as. */
  async function caseUploadResult(
    row: { id: string; registration_number: string },
    added: { documentId: string; registration?: { seq: number } | null },
  ): Promise<dto.UploadResult> {
    const seq = added.registration?.seq;
    return {
      document: (await documentById(db, added.documentId))!,
      registration:
        seq === undefined
          ? null
          : ((await caseDiarium(db, row.id, row.registration_number)).find((e) => e.seq === seq) ?? null),
    };
  }

  // ---- case documents ---------------------------------------------------------------------------------

  r.get(
    "/api/cases/:id/documents",
    {
      schema: {
        tags,
        summary: "The documents of a case, every version, and what the caller may do",
        params: idParam,
      },
    },
    async (req): Promise<dto.DocumentList> => {
      const { p, row, actions } = await loadCase(req, req.params.id);
      return {
        items: await caseDocumentsWithVersions(db, row.id),
        actions,
        uploadSlots: [...caseUploadSlots(p)],
        directions: [...uploadDirections(p)],
      };
    },
  );

  r.post(
    "/api/cases/:id/documents",
    {
      schema: {
        tags,
        summary: "Upload a document (or a new version of one) to a case; registers it in the diarium",
        description:
          "multipart/form-data: `file` (PDF, DOCX, ODT, XLSX, PNG or JPEG, judged by content; at most " +
          "SPELPLAN_MAX_UPLOAD_MB), `slot` (required for a new document), `title`, `direction` " +
          "(incoming|outgoing|internal, default incoming), `counterpart`, `description`, `documentId` (adds a version). " +
          "Errors: 400 document.empty / document.no_file / document.invalid_fields, 403 document.slot_not_allowed, " +
          "413 document.too_large, 415 document.type_not_allowed.",
        params: idParam,
        consumes: ["multipart/form-data"],
      },
    },
    async (req, reply) => {
      const { p, row, actions } = await loadCase(req, req.params.id);
      if (!actions.includes("upload")) throw errors.forbidden("document");
      const { fields, file } = await receiveUpload(req, storage, maxBytes);
      const input = parseFields(caseUploadFields, fields);
      let slot: DocumentSlot;
      let title: string;
      if (input.documentId) {
        const doc = await findDocumentRow(db, input.documentId);
        if (!doc || doc.case_id !== row.id) throw errors.notFound("document");
        slot = doc.slot as DocumentSlot;
        title = doc.title;
      } else {
        if (!input.slot) throw documentErrors.invalidFields([{ path: "slot", message: "Required" }]);
        slot = input.slot;
        title = input.title ?? DOCUMENT_SLOT_LABELS[slot].sv;
      }
      if (!mayUploadToCase(p, slot)) throw documentErrors.slotNotAllowed();
      const direction = input.direction ?? DEFAULT_DIRECTION;
      if (!uploadDirections(p).includes(direction)) throw documentErrors.directionNotAllowed();
      const added = await inTransaction(req, (ctx) =>
        addDocumentVersion(ctx, {
          owner: { type: "case", caseId: row.id },
          documentId: input.documentId ?? null,
          slot,
          title,
          file,
          registration: {
            direction,
            counterpart: input.counterpart ?? defaultCounterpart(p, direction, row.region_name),
            description: input.description ?? (input.documentId ? `${title} (ny version)` : title),
          },
        }),
      );
      return reply.status(201).send(await caseUploadResult(row, added));
    },
  );

  r.get(
    "/api/cases/:id/diarium",
    {
      schema: {
        tags,
        summary: "The case's diarium: every registered document with date, number, direction, counterpart",
        params: idParam,
      },
    },
    async (req): Promise<{ items: dto.DiariumEntry[] }> => {
      const { row } = await loadCase(req, req.params.id);
      return { items: await caseDiarium(db, row.id, row.registration_number) };
    },
  );

  r.post(
    "/api/cases/:id/generate/:kind",
    {
      config: { access: generateAccess },
      schema: {
        tags,
        summary: "Generate the protocol, decision letter or certificate as a PDF (secretariat)",
        description:
          "Stores the PDF as a new version of the case's generated document of that slot and registers it as " +
          "outgoing. 409 document.not_ready when the case has no protocol / decision / approval yet.",
        params: generateParams,
      },
    },
    async (req, reply) => {
      const { p, row } = await loadCase(req, req.params.id);
      if (!mayGenerateCaseDocument(p)) throw errors.forbidden("document");
      const added = await generateCaseDocument(
        db,
        storage,
        { caseId: row.id, kind: req.params.kind, now: app.deps.clock() },
        (fn) => inTransaction(req, fn),
      );
      return reply.status(201).send(await caseUploadResult(row, added));
    },
  );

  r.post(
    "/api/archive/verify",
    {
      schema: {
        tags,
        summary:
          "Verify an archive package (multipart field `file`): checksums, METS and the log's hash chain",
        description: "Secretariat and admin. The same checks as `npm run spelplan -- archive:verify`.",
      },
    },
    async (req) => {
      const p = requireUser(req);
      if (p.role !== "secretariat" && p.role !== "admin") throw errors.notFound("route");
      const part = await req.file();
      if (!part) throw documentErrors.empty();
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "spelplan-verify-"));
      try {
        const file = path.join(dir, "package.zip");
        await pipeline(part.file, fs.createWriteStream(file));
        if (part.file.truncated) throw documentErrors.tooLarge(maxUploadBytes());
        return await verifyArchivePackage(file);
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
  );

  r.post(
    "/api/cases/:id/archive",
    {
      schema: {
        tags,
        summary: "The archive package (E-ARK SIP style ZIP) of a closed case (secretariat)",
        description:
          "409 case.not_final unless the case is closed, rejected or withdrawn. See docs/documents.md.",
        params: idParam,
      },
    },
    async (req, reply) => {
      const { p, row } = await loadCase(req, req.params.id);
      if (!mayArchiveCase(p)) throw errors.forbidden("case");
      await assertArchivable(db, storage, row.id);
      await inTransaction(req, (ctx) => recordArchivePackage(ctx, row.id));
      const out = new PassThrough();
      writeArchivePackage(db, storage, row.id, app.deps.clock(), out).catch((err) =>
        req.log.error({ err }, "archive package failed"),
      );
      return reply
        .header("content-type", "application/zip")
        .header(
          "content-disposition",
          contentDisposition(`arkiv ${row.registration_number.replace("/", "-")}.zip`),
        )
        .header("cache-control", "no-store")
        .send(out);
    },
  );

  // ---- registry documents (agreements, addenda, political decisions) ----------------------------------

  async function loadAgreement(req: FastifyRequest, id: string) {
    const p = requireUser(req);
    const a = await db
      .selectFrom("cooperation_agreements")
      .select(["id", "region_id"])
      .where("id", "=", id)
      .executeTakeFirst();
    const actions = a ? registryDocumentActions(p, a.region_id) : null;
    if (!a || !actions) throw errors.notFound("agreement");
    return { p, agreement: a, actions };
  }

  r.get(
    "/api/agreements/:id/documents",
    {
      schema: {
        tags,
        summary: "Documents of a cooperation agreement and its addenda (political decisions included)",
        params: idParam,
      },
    },
    async (req): Promise<dto.DocumentList> => {
      const { agreement, actions } = await loadAgreement(req, req.params.id);
      return {
        items: await agreementDocuments(db, agreement.id),
        actions,
        uploadSlots: actions.includes("upload") ? [...REGISTRY_ITEM_SLOTS] : [],
        directions: [],
      };
    },
  );

  r.post(
    "/api/agreements/:id/documents",
    {
      schema: {
        tags,
        summary: "Upload an agreement, addendum or political decision (or a new version of one)",
        description:
          "multipart/form-data: `file`, `slot` (agreement|addendum|politicalDecision|other), `title`, " +
          "`addendumId` (the document belongs to that addendum), `documentId` (adds a version). Logged on the " +
          "agreement's event stream; registry documents are not part of a case's diarium.",
        params: idParam,
        consumes: ["multipart/form-data"],
      },
    },
    async (req, reply) => {
      const { agreement, actions } = await loadAgreement(req, req.params.id);
      if (!actions.includes("upload")) throw errors.forbidden("document");
      const { fields, file } = await receiveUpload(req, storage, maxBytes);
      const input = parseFields(registryUploadFields, fields);
      let owner: DocumentOwner;
      let slot: DocumentSlot;
      let title: string;
      if (input.documentId) {
        const doc = await findDocumentRow(db, input.documentId);
        const docOwner = doc && (await registryOwnerRegion(db, doc.owner_type, doc.owner_id));
        if (!doc || !docOwner || docOwner.agreementId !== agreement.id) throw errors.notFound("document");
        owner = {
          type: doc.owner_type as "agreement" | "addendum",
          id: doc.owner_id,
          agreementId: agreement.id,
        };
        slot = doc.slot as DocumentSlot;
        title = doc.title;
      } else {
        if (!input.slot) throw documentErrors.invalidFields([{ path: "slot", message: "Required" }]);
        if (input.addendumId) {
          const ad = await registryOwnerRegion(db, "addendum", input.addendumId);
          if (!ad || ad.agreementId !== agreement.id) throw errors.notFound("addendum");
          owner = { type: "addendum", id: input.addendumId, agreementId: agreement.id };
        } else {
          owner = { type: "agreement", id: agreement.id, agreementId: agreement.id };
        }
        slot = input.slot;
        title = input.title ?? DOCUMENT_SLOT_LABELS[slot].sv;
      }
      const added = await inTransaction(req, (ctx) =>
        addDocumentVersion(ctx, { owner, documentId: input.documentId ?? null, slot, title, file }),
      );
      const result: dto.UploadResult = {
        document: (await documentById(db, added.documentId))!,
        registration: null,
      };
      return reply.status(201).send(result);
    },
  );

  // ---- any document -----------------------------------------------------------------------------------

  async function loadDocument(req: FastifyRequest, id: string) {
    const p = requireUser(req);
    const doc = await findDocumentRow(db, id);
    if (!doc || !(await seesDocument(db, p, doc))) throw errors.notFound("document");
    return doc;
  }

  r.get(
    "/api/documents/:id",
    { schema: { tags, summary: "A document with every version", params: idParam } },
    async (req): Promise<dto.Document> => {
      const doc = await loadDocument(req, req.params.id);
      return (await documentById(db, doc.id))!;
    },
  );

  r.get(
    "/api/documents/:id/versions/:n/download",
    {
      schema: {
        tags,
        summary: "Download one version of a document (logged)",
        description:
          "Streams the file with a safe file name (Content-Disposition with filename*). Every download is " +
          "logged as a `document.downloaded` event on the document's stream. `?inline=true` shows PDF, PNG " +
          "and JPEG in the browser.",
        params: versionParams,
        querystring: downloadQuery,
      },
    },
    async (req, reply) => {
      const doc = await loadDocument(req, req.params.id);
      const v = await findVersionRow(db, doc.id, req.params.n);
      if (!v) throw errors.notFound("document");
      if (!(await storage.has(v.sha256))) throw documentErrors.blobMissing();
      if (req.method !== "HEAD") {
        await inTransaction(req, (ctx) =>
          recordDownload(ctx, {
            documentId: doc.id,
            version: v.version,
            sha256: v.sha256,
            caseId: doc.case_id,
          }),
        );
      }
      const inline = req.query.inline === true && INLINE_TYPES.has(v.mime);
      const body = await storage.get(v.sha256);
      return reply
        .header("content-type", v.mime)
        .header("content-length", String(v.size))
        .header("content-disposition", contentDisposition(v.safe_name, inline ? "inline" : "attachment"))
        .header("cache-control", "private, no-store")
        .header("etag", `"${v.sha256}"`)
        .send(body);
    },
  );

  // ---- exports ------------------------------------------------------------------------------------------

  r.get(
    "/api/cases/export.csv",
    {
      schema: {
        tags: ["exports"],
        summary: "The case list as CSV (same filters and scope as GET /api/cases, all pages)",
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const now = app.deps.clock();
      return sendCsv(reply, `ärenden ${stockholmDate(now)}.csv`, casesCsv(db, p, req.query, now));
    },
  );

  r.get(
    "/api/cases/export.xlsx",
    {
      schema: {
        tags: ["exports"],
        summary: "The case list as an Excel workbook (same filters and scope as GET /api/cases)",
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const now = app.deps.clock();
      return sendWorkbook(reply, req.log, `ärenden ${stockholmDate(now)}.xlsx`, (out) =>
        writeCasesXlsx(db, p, req.query, now, out),
      );
    },
  );

  r.get(
    "/api/regions/:id/certification-history.csv",
    {
      schema: {
        tags: ["exports"],
        summary: "A region's cases and certifications as CSV",
        params: idParam,
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const region = await regionSeenBy(db, p, req.params.id, seesRegionHistory);
      return sendCsv(reply, `certifieringshistorik ${region.name}.csv`, regionHistoryCsv(db, p, region.id));
    },
  );
}

/** Answers with a CSV export, streamed line by line as `lines` yields them. */
function sendCsv(reply: FastifyReply, fileName: string, lines: AsyncIterable<string>): FastifyReply {
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header("content-disposition", contentDisposition(fileName))
    .header("cache-control", "no-store")
    .send(Readable.from(lines));
}
