import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { DiariumEntry, DocumentList, UploadResult } from "../../src/server/modules/documents/dto";
import { verifyAllStreams } from "../../src/server/modules/events/event-log";
import type { CaseDetail } from "../../src/shared/dto";
import { loginAll, type Session, testApp } from "../support/app";
import { insertBoardMeeting, openNewRegionCase } from "../support/cases";
import { describeEachEngine, freshDb, loggedPayloads, type TestDb } from "../support/db";
import { exeFile, type FilePart, multipart, pdfFile } from "../support/documents";
import { makeLocalCollege, makeRegion, makeUser, testClock } from "../support/factories";

describeEachEngine("documents over HTTP", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let dataDir: string;
  let s: Record<
    "secretariat" | "regionLead" | "localLead" | "reviewer" | "board" | "admin" | "otherRegionLead",
    Session
  >;
  let caseId: string;
  let regionId: string;
  let agreementId: string;
  let regionLeadId: string;

  beforeEach(async () => {
    // 50 KB, so the oversized upload stays small.
    vi.stubEnv("SPELPLAN_MAX_UPLOAD_MB", "0.05");
    t = await freshDb(engine);
    dataDir = await mkdtemp(path.join(os.tmpdir(), "spelplan-docs-"));
    app = await testApp(t.db, testClock("2027-03-01T09:00:00Z"), { dataDir });
    regionId = await makeRegion(t.db, "Teknikcollege Skaraborg", ["1496"]);
    const otherRegion = await makeRegion(t.db, "Teknikcollege Annan", ["0680"]);
    const college = await makeLocalCollege(t.db, regionId, "Teknikcollege Skövde");
    const users = {
      secretariat: await makeUser(t.db, "secretariat"),
      regionLead: await makeUser(t.db, "regionLead", { regionId }),
      localLead: await makeUser(t.db, "localLead", { regionId, localCollegeId: college }),
      reviewer: await makeUser(t.db, "reviewer"),
      board: await makeUser(t.db, "board"),
      admin: await makeUser(t.db, "admin"),
      otherRegionLead: await makeUser(t.db, "regionLead", { regionId: otherRegion }),
    };
    regionLeadId = users.regionLead.id;
    s = await loginAll(app, users);
    caseId = (await openNewRegionCase(s.regionLead, regionId)).id;
    const agreement = await s.secretariat.request({
      method: "POST",
      url: "/api/agreements",
      payload: { regionId, title: "Samverkansavtal Skaraborg 2027–2030", validFrom: "2027-01-01" },
    });
    expect(agreement.statusCode, agreement.body).toBe(201);
    agreementId = agreement.json().id;
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await app?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function upload(session: Session, fields: Record<string, string>, file?: FilePart, url?: string) {
    const body = await multipart(fields, file);
    return session.request({
      method: "POST",
      url: url ?? `/api/cases/${caseId}/documents`,
      payload: body.payload,
      headers: body.headers,
    });
  }

  async function storedFiles(): Promise<string[]> {
    const root = path.join(dataDir, "files");
    const found: string[] = [];
    async function walk(dir: string) {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (e.isDirectory()) await walk(path.join(dir, e.name));
        else found.push(path.relative(root, path.join(dir, e.name)));
      }
    }
    await walk(root);
    return found;
  }

  it("uploads a PDF: a document, a diarium entry TC …-1, an event on the case log, and the case page lists it", async () => {
    const res = await upload(
      s.regionLead,
      { slot: "application", title: "Ansökan om certifiering", counterpart: "Skövde kommun" },
      { name: "Ansökan.pdf", data: pdfFile(), type: "application/pdf" },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as UploadResult;
    expect(body.document).toMatchObject({
      slot: "application",
      slotLabel: { sv: "Ansökan", en: "Application" },
      title: "Ansökan om certifiering",
      currentVersion: 1,
      current: { version: 1, mime: "application/pdf", fileName: "Ansökan.pdf", generated: false },
    });
    expect(body.registration).toMatchObject({
      number: "TC 2027/0001-1",
      seq: 1,
      registeredOn: "2027-03-01",
      direction: "incoming",
      counterpart: "Skövde kommun",
      description: "Ansökan om certifiering",
    });
    expect(body.document.current.registrationNumber).toBe("TC 2027/0001-1");
    // The blob lives at files/ab/cd/<sha256>.
    const sha = body.document.current.sha256;
    expect(await storedFiles()).toContain(path.join(sha.slice(0, 2), sha.slice(2, 4), sha));

    const detail = (await s.regionLead.request({ url: `/api/cases/${caseId}` })).json() as CaseDetail;
    expect(detail.documents).toHaveLength(1);
    expect(detail.documents[0]).toMatchObject({ id: body.document.id, currentVersion: 1 });

    const diarium = (await s.secretariat.request({ url: `/api/cases/${caseId}/diarium` })).json()
      .items as DiariumEntry[];
    expect(diarium).toEqual([expect.objectContaining({ number: "TC 2027/0001-1", direction: "incoming" })]);

    const log = (await s.secretariat.request({ url: `/api/cases/${caseId}/log` })).json();
    expect(log.at(-1)).toMatchObject({
      type: "case.documentAdded",
      actor: { id: regionLeadId },
      payload: { documentId: body.document.id, version: 1, registration: "TC 2027/0001-1", sha256: sha },
    });
    expect((await verifyAllStreams(t.db)).broken).toEqual([]);
  });

  it("judges the type by content: a renamed executable is refused (415), a PDF named .exe is a PDF", async () => {
    const exe = await upload(s.regionLead, { slot: "application" }, { name: "ansokan.pdf", data: exeFile() });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error).toMatchObject({
      code: "document.type_not_allowed",
      details: { detected: "application/x-msdownload" },
    });
    expect(exe.json().error.message).toContain("Filtypen är inte tillåten");
    const text = await upload(
      s.regionLead,
      { slot: "other" },
      { name: "notes.pdf", data: Buffer.from("just text") },
    );
    expect(text.statusCode).toBe(415);
    // Nothing refused is stored, nothing registered.
    expect(await storedFiles()).toEqual([]);
    expect((await s.secretariat.request({ url: `/api/cases/${caseId}/diarium` })).json().items).toEqual([]);

    const pdf = await upload(s.regionLead, { slot: "other" }, { name: "bilaga.exe", data: pdfFile() });
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().document.current).toMatchObject({
      mime: "application/pdf",
      fileName: "bilaga.exe.pdf",
      originalName: "bilaga.exe",
    });
  });

  it("refuses an empty file (400) and an oversized one (413) with clear codes, and a request without a file", async () => {
    const empty = await upload(
      s.regionLead,
      { slot: "application" },
      { name: "tom.pdf", data: Buffer.alloc(0) },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: "document.empty", message: "Filen är tom." });

    const big = Buffer.concat([pdfFile(), Buffer.alloc(60 * 1024, 0x20)]);
    const tooLarge = await upload(s.regionLead, { slot: "application" }, { name: "stor.pdf", data: big });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe("document.too_large");
    expect(tooLarge.json().error.message).toContain("Filen är för stor");
    const en = await (async () => {
      const body = await multipart({ slot: "application" }, { name: "stor.pdf", data: big });
      return s.regionLead.request({
        method: "POST",
        url: `/api/cases/${caseId}/documents`,
        payload: body.payload,
        headers: { ...body.headers, "accept-language": "en" },
      });
    })();
    expect(en.json().error.message).toBe("The file is too large. The largest allowed size is 0.05 MB.");

    const none = await upload(s.regionLead, { slot: "application" });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe("document.no_file");
    const json = await s.regionLead.request({
      method: "POST",
      url: `/api/cases/${caseId}/documents`,
      payload: { slot: "application" },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe("document.not_multipart");
    const noSlot = await upload(s.regionLead, {}, { name: "a.pdf", data: pdfFile() });
    expect(noSlot.statusCode).toBe(400);
    expect(noSlot.json().error.code).toBe("document.invalid_fields");
    expect(await storedFiles()).toHaveLength(1); // only the last, valid file; no rows refer to it
    expect((await s.secretariat.request({ url: `/api/cases/${caseId}/documents` })).json().items).toEqual([]);
  });

  it("neutralises a path-traversal name and serves it with a safe Content-Disposition", async () => {
    const res = await upload(
      s.regionLead,
      { slot: "supplement" },
      { name: "../../../../etc/Självvärdering åäö.pdf", data: pdfFile() },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = (res.json() as UploadResult).document;
    expect(doc.current.fileName).toBe("Självvärdering åäö.pdf");
    // The blob is inside the store, named by its hash; nothing was written elsewhere.
    expect(await storedFiles()).toEqual([
      path.join(doc.current.sha256.slice(0, 2), doc.current.sha256.slice(2, 4), doc.current.sha256),
    ]);
    const dl = await s.regionLead.request({ url: doc.current.downloadUrl });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["content-disposition"]).toBe(
      "attachment; filename=\"Sjalvvardering aao.pdf\"; filename*=UTF-8''Sj%C3%A4lvv%C3%A4rdering%20%C3%A5%C3%A4%C3%B6.pdf",
    );
    expect(dl.headers["content-type"]).toBe("application/pdf");
    expect(dl.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps every version: v1 stays downloadable after v2, both registered", async () => {
    const v1Bytes = pdfFile("version ett");
    const v2Bytes = pdfFile("version två");
    const first = await upload(
      s.regionLead,
      { slot: "actionPlan", title: "Handlingsplan" },
      { name: "plan.pdf", data: v1Bytes },
    );
    const documentId = (first.json() as UploadResult).document.id;
    const second = await upload(s.localLead, { documentId }, { name: "plan v2.pdf", data: v2Bytes });
    expect(second.statusCode, second.body).toBe(201);
    const doc = (second.json() as UploadResult).document;
    expect(doc).toMatchObject({
      id: documentId,
      currentVersion: 2,
      title: "Handlingsplan",
      slot: "actionPlan",
    });
    expect(doc.versions?.map((v) => v.version)).toEqual([2, 1]);
    expect((second.json() as UploadResult).registration).toMatchObject({
      number: "TC 2027/0001-2",
      description: "Handlingsplan (ny version)",
    });

    const v1 = await s.secretariat.request({ url: `/api/documents/${documentId}/versions/1/download` });
    const v2 = await s.secretariat.request({ url: `/api/documents/${documentId}/versions/2/download` });
    expect(v1.rawPayload.equals(v1Bytes)).toBe(true);
    expect(v2.rawPayload.equals(v2Bytes)).toBe(true);
    expect(
      (await s.secretariat.request({ url: `/api/documents/${documentId}/versions/3/download` })).statusCode,
    ).toBe(404);

    const list = (
      await s.regionLead.request({ url: `/api/cases/${caseId}/documents` })
    ).json() as DocumentList;
    expect(list.items[0].versions).toHaveLength(2);
    // The case page shows the same document with only its current version: v2, its own diarium number and
    // creator (the local lead), while the document's creator stays the region lead.
    const { versions, ...current } = list.items[0];
    expect(versions?.[0]).toEqual(current.current);
    const page = (await s.regionLead.request({ url: `/api/cases/${caseId}` })).json() as CaseDetail;
    expect((page.documents as Array<{ id: string }>).find((d) => d.id === documentId)).toEqual(current);
    expect(current.current).toMatchObject({ version: 2, registrationNumber: "TC 2027/0001-2" });
    expect(current.current.createdBy?.name).not.toBe(current.createdBy?.name);
    // The case page's join relies on a version being registered once: the database refuses a second entry.
    const entry = await t.db
      .selectFrom("registry_entries")
      .selectAll()
      .where("document_id", "=", documentId)
      .where("document_version", "=", 2)
      .executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto("registry_entries")
        .values({ ...entry, id: crypto.randomUUID(), seq: entry.seq + 100 })
        .execute(),
    ).rejects.toThrow();
    expect(list.actions).toEqual(["download", "upload"]);
    expect(list.uploadSlots).not.toContain("decision");

    // A version cannot be added to another case's document.
    const other = await openNewRegionCase(s.regionLead, regionId);
    const wrong = await upload(
      s.regionLead,
      { documentId },
      { name: "x.pdf", data: pdfFile() },
      `/api/cases/${other.id}/documents`,
    );
    expect(wrong.statusCode).toBe(404);
  });

  it("numbers registrations 1..10 without gaps or duplicates under 10 parallel uploads", async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        upload(
          s.regionLead,
          { slot: "other", title: `Bilaga ${i + 1}` },
          { name: `bilaga-${i + 1}.pdf`, data: pdfFile() },
        ),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(201);
    const seqs = results.map((r) => (r.json() as UploadResult).registration?.seq).sort((a, b) => a! - b!);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const diarium = (await s.secretariat.request({ url: `/api/cases/${caseId}/diarium` })).json()
      .items as DiariumEntry[];
    expect(diarium.map((e) => e.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `TC 2027/0001-${i + 1}`),
    );
    // The case's log took all ten events in one unbroken chain.
    expect((await verifyAllStreams(t.db, "case")).broken).toEqual([]);
    expect(await loggedPayloads(t.db, caseId, "case.documentAdded")).toHaveLength(10);
  });

  it("logs every download as an event on the document's stream", async () => {
    const res = await upload(s.regionLead, { slot: "businessPlan" }, { name: "vp.pdf", data: pdfFile() });
    const doc = (res.json() as UploadResult).document;
    await s.secretariat.request({ url: doc.current.downloadUrl });
    await s.regionLead.request({ url: `${doc.current.downloadUrl}?inline=true` });
    const events = await t.db
      .selectFrom("events")
      .selectAll()
      .where("stream_type", "=", "document")
      .where("stream_id", "=", doc.id)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => [e.type, e.actor_id])).toEqual([
      ["document.downloaded", expect.any(String)],
      ["document.downloaded", regionLeadId],
    ]);
    expect(JSON.parse(events[1].payload)).toMatchObject({ version: 1, caseId, sha256: doc.current.sha256 });
    expect((await verifyAllStreams(t.db, "document")).broken).toEqual([]);
  });

  it("answers outsiders with 404 and the board with 403 on upload", async () => {
    const res = await upload(s.regionLead, { slot: "application" }, { name: "a.pdf", data: pdfFile() });
    const doc = (res.json() as UploadResult).document;
    for (const who of [s.otherRegionLead, s.admin, s.reviewer, s.board]) {
      expect((await who.request({ url: `/api/cases/${caseId}/documents` })).statusCode).toBe(404);
      expect((await who.request({ url: `/api/cases/${caseId}/diarium` })).statusCode).toBe(404);
      expect((await who.request({ url: doc.current.downloadUrl })).statusCode).toBe(404);
      expect((await who.request({ url: `/api/documents/${doc.id}` })).statusCode).toBe(404);
      const up = await upload(who, { slot: "other" }, { name: "b.pdf", data: pdfFile() });
      expect(up.statusCode).toBe(404);
      expect(up.json().error.code).toBe("case.not_found");
    }
    // Nothing logged for the refused downloads.
    const downloads = await t.db
      .selectFrom("events")
      .select("id")
      .where("stream_type", "=", "document")
      .execute();
    expect(downloads).toEqual([]);
    // A region lead may not upload the board's decision.
    const decision = await upload(
      s.regionLead,
      { slot: "decision" },
      { name: "beslut.pdf", data: pdfFile() },
    );
    expect(decision.statusCode).toBe(403);
    expect(decision.json().error.code).toBe("document.slot_not_allowed");
    const outgoing = await upload(
      s.regionLead,
      { slot: "other", direction: "outgoing" },
      { name: "c.pdf", data: pdfFile() },
    );
    expect(outgoing.json().error.code).toBe("document.direction_not_allowed");
    // The board sees a case once it is on an agenda, and still uploads nothing.
    await insertBoardMeeting(t.db, { id: "m1", date: "2027-06-01" });
    await t.db.updateTable("cases").set({ board_meeting_id: "m1" }).where("id", "=", caseId).execute();
    expect((await s.board.request({ url: doc.current.downloadUrl })).statusCode).toBe(200);
    const boardUpload = await upload(s.board, { slot: "other" }, { name: "d.pdf", data: pdfFile() });
    expect(boardUpload.statusCode).toBe(403);
  });

  it("stores agreements, addenda and political decisions on the agreement, for the region's managers", async () => {
    const addendum = await s.secretariat.request({
      method: "POST",
      url: `/api/agreements/${agreementId}/addenda`,
      payload: {
        partyKind: "municipality",
        partyId: "1496",
        partyName: "Skövde kommun",
        signedOn: "2027-02-01",
      },
    });
    expect(addendum.statusCode, addendum.body).toBe(201);
    const addendumId = addendum.json().addenda[0].id;
    const url = `/api/agreements/${agreementId}/documents`;
    const a = await upload(
      s.regionLead,
      { slot: "agreement", title: "Samverkansavtal (undertecknat)" },
      { name: "avtal.pdf", data: pdfFile() },
      url,
    );
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().registration).toBeNull();
    const pd = await upload(
      s.regionLead,
      { slot: "politicalDecision", title: "Kommunstyrelsens beslut", addendumId },
      { name: "ks-beslut.pdf", data: pdfFile() },
      url,
    );
    expect(pd.statusCode, pd.body).toBe(201);
    expect(pd.json().document).toMatchObject({ ownerType: "addendum", ownerId: addendumId, caseId: null });
    const list = (await s.localLead.request({ url })).json() as DocumentList;
    expect(list.items.map((d) => d.slot)).toEqual(["agreement", "politicalDecision"]);
    expect(list.actions).toEqual(["download"]);
    expect(
      (await upload(s.localLead, { slot: "agreement" }, { name: "x.pdf", data: pdfFile() }, url)).statusCode,
    ).toBe(403);
    expect((await s.otherRegionLead.request({ url })).statusCode).toBe(404);
    expect((await s.otherRegionLead.request({ url: list.items[0].current.downloadUrl })).statusCode).toBe(
      404,
    );
    expect((await s.localLead.request({ url: list.items[0].current.downloadUrl })).statusCode).toBe(200);
    const caseSlot = await upload(
      s.regionLead,
      { slot: "application" },
      { name: "y.pdf", data: pdfFile() },
      url,
    );
    expect(caseSlot.json().error.code).toBe("document.invalid_fields");
    const log = await t.db
      .selectFrom("events")
      .select("type")
      .where("stream_type", "=", "agreement")
      .where("stream_id", "=", agreementId)
      .execute();
    expect(log.filter((e) => e.type === "agreement.documentAdded")).toHaveLength(2);
  });

  it("exports the case list as CSV and XLSX with the list's filters and scope", async () => {
    await openNewRegionCase(s.secretariat, regionId);
    const csv = await s.secretariat.request({ url: `/api/cases/export.csv?regionId=${regionId}` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toContain("filename*=UTF-8''%C3%A4renden%202027-03-01.csv");
    const lines = csv.rawPayload.toString("utf8").split("\r\n").filter(Boolean);
    expect(lines[0].startsWith("\uFEFFDiarienummer;Ärende;Ärendetyp")).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.split(";")[0])
        .sort(),
    ).toEqual(["TC 2027/0001", "TC 2027/0002"]);
    expect(lines[1]).toContain("Ny region: Teknikcollege Skaraborg");
    const filtered = await s.secretariat.request({ url: "/api/cases/export.csv?q=0002" });
    expect(filtered.rawPayload.toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(2);
    const outsider = await s.otherRegionLead.request({ url: "/api/cases/export.csv" });
    expect(outsider.rawPayload.toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(1);

    const xlsx = await s.regionLead.request({ url: "/api/cases/export.xlsx" });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Ärenden")!;
    expect(ws.getRow(1).getCell(1).value).toBe("Diarienummer");
    expect(ws.rowCount).toBe(3);
    expect(String(ws.getRow(2).getCell(6).value)).toBe("Teknikcollege Skaraborg");
    expect((await app.inject({ url: "/api/cases/export.csv" })).statusCode).toBe(401);
  });

  it("exports a region's certification history; admins and other regions get 404", async () => {
    const res = await s.regionLead.request({ url: `/api/regions/${regionId}/certification-history.csv` });
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.toString("utf8").split("\r\n").filter(Boolean);
    expect(lines[0]).toContain("Diarienummer;Ärende;Ärendetyp;Status;Öppnat;Avslutat;Beslut");
    expect(lines[1]).toMatch(
      /^TC 2027\/0001;Ny region: Teknikcollege Skaraborg;Ny region;Förankringsarbete;2027-03-01;/,
    );
    expect(
      (await s.admin.request({ url: `/api/regions/${regionId}/certification-history.csv` })).statusCode,
    ).toBe(404);
    expect(
      (await s.otherRegionLead.request({ url: `/api/regions/${regionId}/certification-history.csv` }))
        .statusCode,
    ).toBe(404);
  });

  it("lists the new routes in the OpenAPI document", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/cases/{id}/documents",
        "/api/cases/{id}/diarium",
        "/api/documents/{id}/versions/{n}/download",
        "/api/cases/{id}/generate/{kind}",
        "/api/cases/{id}/archive",
        "/api/cases/export.csv",
        "/api/agreements/{id}/documents",
        "/api/regions/{id}/certification-history.csv",
      ]),
    );
  });
});
