import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import yauzl from "yauzl";
import { ZipFile } from "yazl";
import type { ActionName } from "../../src/domain/certification/actions";
import { loadConfig } from "../../src/server/config";
import { openCertificationCase } from "../../src/server/modules/cases/use-cases";
import { verifyArchivePackage } from "../../src/server/modules/documents/archive-verify";
import { archiveBuildCommand } from "../../src/server/modules/documents/cli";
import type { DiariumEntry, UploadResult } from "../../src/server/modules/documents/dto";
import { login, type Session, testApp } from "../support/app";
import { driveAsSecretariat, FULL_PATH, insertBoardMeeting } from "../support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { multipart, pdfFile, pdfText } from "../support/documents";
import { ctxFor, makeRegion, makeUser, testClock } from "../support/factories";

const run = promisify(execFile);
const upTo = (action: ActionName) => FULL_PATH.slice(0, FULL_PATH.indexOf(action) + 1);
const after = (from: ActionName, to: ActionName) =>
  FULL_PATH.slice(FULL_PATH.indexOf(from) + 1, FULL_PATH.indexOf(to) + 1);

async function zipEntries(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(c);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

async function zipOf(entries: Map<string, Buffer>): Promise<Buffer> {
  const z = new ZipFile();
  for (const [name, data] of entries) z.addBuffer(data, name);
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

describeEachEngine("generated documents and the archive package", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let dataDir: string;
  let kansli: Session;
  let region: Session;
  let caseId: string;
  let options: Parameters<typeof driveAsSecretariat>[4];
  let secretariat: Awaited<ReturnType<typeof makeUser>>;

  beforeEach(async () => {
    t = await freshDb(engine);
    dataDir = await mkdtemp(path.join(os.tmpdir(), "spelplan-gen-"));
    const now = new Date("2027-05-03T10:00:00Z");
    app = await testApp(t.db, testClock(now.toISOString()), { dataDir });
    const regionId = await makeRegion(t.db, "Teknikcollege Skaraborg", ["1496"]);
    secretariat = await makeUser(t.db, "secretariat");
    const regionLead = await makeUser(t.db, "regionLead", { regionId });
    const r1 = await makeUser(t.db, "reviewer");
    const r2 = await makeUser(t.db, "reviewer");
    options = {
      now,
      reviewerIds: [r1.id, r2.id],
      secretariatIds: [secretariat.id],
      boardMeeting: await insertBoardMeeting(t.db, {
        id: "m1",
        date: "2027-06-01",
        title: "Styrelsemöte juni",
        at: now.toISOString(),
      }),
    };
    caseId = await t.db
      .transaction()
      .execute((tx) =>
        openCertificationCase(ctxFor(tx, secretariat.principal, now), { kind: "newRegion", regionId }),
      );
    kansli = await login(app, secretariat.email);
    region = await login(app, regionLead.email);
  });
  afterEach(async () => {
    await app?.close();
    await t?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const generate = (who: Session, kind: string) =>
    who.request({ method: "POST", url: `/api/cases/${caseId}/generate/${kind}` });

  async function download(url: string): Promise<Buffer> {
    const res = await kansli.request({ url });
    expect(res.statusCode).toBe(200);
    return res.rawPayload;
  }

  it("writes the protocol, the decision letter and the certificate in Swedish, as outgoing registered versions", async () => {
    await driveAsSecretariat(t.db, secretariat.principal, caseId, upTo("recordVisit"), options);
    const early = await generate(kansli, "protocol");
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({
      code: "document.not_ready",
      message: "Ärendet har inget protokoll ännu.",
    });
    expect((await generate(kansli, "decision")).json().error.code).toBe("document.not_ready");

    await driveAsSecretariat(
      t.db,
      secretariat.principal,
      caseId,
      after("recordVisit", "sendProtocol"),
      options,
    );
    expect((await generate(region, "protocol")).statusCode).toBe(403);
    const res = await generate(kansli, "protocol");
    expect(res.statusCode, res.body).toBe(201);
    const protocol = res.json() as UploadResult;
    expect(protocol.document).toMatchObject({
      slot: "protocol",
      title: "Protokoll TC 2027/0001",
      current: {
        version: 1,
        generated: true,
        mime: "application/pdf",
        fileName: "Protokoll TC 2027-0001.pdf",
      },
    });
    expect(protocol.registration).toMatchObject({
      number: "TC 2027/0001-1",
      direction: "outgoing",
      counterpart: "Teknikcollege Skaraborg",
      description: "Protokoll från granskningsbesök (genererat)",
    });
    const text = await pdfText(await download(protocol.document.current.downloadUrl));
    for (const expected of [
      "Protokoll från granskningsbesök",
      "TC 2027/0001",
      "1. Kvalitetssäkrad process",
      "2. Regional samverkan",
      "8. Arbetslivets medverkan i utbildningen",
      "Delvis uppfyllt",
      "Kvalitetsarbetet behöver beskrivas.",
      "Beskriv det systematiska kvalitetsarbetet.",
      "Kompletteringar som krävs:",
      "Svar senast",
      "3 augusti 2027",
      "Västerås",
      "Rådet för Teknikcollege Sverige",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/å/);
    expect(text).toMatch(/ä/);
    expect(text).toMatch(/ö/);

    // Generating again adds a version of the same document.
    const again = (await generate(kansli, "protocol")).json() as UploadResult;
    expect(again.document).toMatchObject({ id: protocol.document.id, currentVersion: 2 });
    expect(again.registration?.number).toBe("TC 2027/0001-2");

    await driveAsSecretariat(
      t.db,
      secretariat.principal,
      caseId,
      after("sendProtocol", "placeOnAgenda"),
      options,
    );
    expect((await generate(kansli, "certificate")).json().error.message).toBe(
      "Ärendet har inget beslut om godkännande ännu.",
    );
    await driveAsSecretariat(
      t.db,
      secretariat.principal,
      caseId,
      after("placeOnAgenda", "sendDecision"),
      options,
    );
    const decision = (await generate(kansli, "decision")).json() as UploadResult;
    const decisionText = await pdfText(await download(decision.document.current.downloadUrl));
    for (const expected of [
      "Beslut",
      "Godkänd.",
      "Teknikcollege Skaraborg certifieras som Teknikcollege.",
      "Styrelsens motivering.",
      "Certifieringen gäller från och med 1 juni 2027 till och med 1 juni 2030.",
      "styrelsemöte den 1 juni 2027",
      "Granskningskommitténs rekommendation: Godkänd.",
    ]) {
      expect(decisionText).toContain(expected);
    }
    const certificate = (await generate(kansli, "certificate")).json() as UploadResult;
    expect(certificate.document.slot).toBe("certificate");
    const certText = await pdfText(await download(certificate.document.current.downloadUrl));
    for (const expected of [
      "CERTIFIKAT",
      "Teknikcollege Skaraborg",
      "är certifierat som Teknikcollege",
      "Giltigt 1 juni 2027 – 1 juni 2030",
      "Dnr TC 2027/0001",
    ]) {
      expect(certText).toContain(expected);
    }
    const diarium = (await kansli.request({ url: `/api/cases/${caseId}/diarium` })).json()
      .items as DiariumEntry[];
    expect(diarium.map((e) => [e.number, e.direction])).toEqual([
      ["TC 2027/0001-1", "outgoing"],
      ["TC 2027/0001-2", "outgoing"],
      ["TC 2027/0001-3", "outgoing"],
      ["TC 2027/0001-4", "outgoing"],
    ]);
  });

  it("packages a closed case, verifies it, and catches one changed byte and a rewritten log", async () => {
    // Two versions of an uploaded document, and the generated protocol. (The test clock stands still, so the
    // documents tie on their creation time and follow in slot order.)
    const bytes1 = pdfFile("självvärdering ett");
    const bytes2 = pdfFile("självvärdering två");
    const send = async (fields: Record<string, string>, data: Buffer, name: string) => {
      const body = await multipart(fields, { name, data });
      const res = await region.request({
        method: "POST",
        url: `/api/cases/${caseId}/documents`,
        payload: body.payload,
        headers: body.headers,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as UploadResult;
    };
    const first = await send({ slot: "selfAssessment" }, bytes1, "Självvärdering.pdf");
    await send({ documentId: first.document.id }, bytes2, "Självvärdering v2.pdf");
    await driveAsSecretariat(t.db, secretariat.principal, caseId, upTo("recordDecision"), options);
    await download(first.document.current.downloadUrl); // a logged download, carried into the package
    expect((await generate(kansli, "protocol")).statusCode).toBe(201);

    const open = await kansli.request({ method: "POST", url: `/api/cases/${caseId}/archive` });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.code).toBe("case.not_final");
    await driveAsSecretariat(
      t.db,
      secretariat.principal,
      caseId,
      after("recordDecision", "recordCeremony"),
      options,
    );
    expect((await region.request({ method: "POST", url: `/api/cases/${caseId}/archive` })).statusCode).toBe(
      403,
    );

    const res = await kansli.request({ method: "POST", url: `/api/cases/${caseId}/archive` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toContain("arkiv TC 2027-0001.zip");
    const good = path.join(dataDir, "good.zip");
    await writeFile(good, res.rawPayload);

    const entries = await zipEntries(res.rawPayload);
    const names = [...entries.keys()];
    expect(names[0]).toBe("METS.xml");
    expect(names).toEqual(
      expect.arrayContaining([
        "metadata/descriptive/case.json",
        "metadata/preservation/log.json",
        "manifest-sha256.txt",
        "representations/rep1/data/02-selfAssessment/v1-Självvärdering.pdf",
        "representations/rep1/data/02-selfAssessment/v2-Självvärdering v2.pdf",
        "representations/rep1/data/01-protocol/v1-Protokoll TC 2027-0001.pdf",
      ]),
    );
    expect(
      entries.get("representations/rep1/data/02-selfAssessment/v1-Självvärdering.pdf")?.equals(bytes1),
    ).toBe(true);
    const caseJson = JSON.parse(entries.get("metadata/descriptive/case.json")!.toString("utf8"));
    expect(caseJson).toMatchObject({
      registrationNumber: "TC 2027/0001",
      case: { state: "closed", kind: "newRegion" },
      parties: { region: { name: "Teknikcollege Skaraborg" } },
      dates: { decided: "2027-06-01" },
    });
    expect(caseJson.diarium).toHaveLength(3);
    expect(caseJson.certifications).toHaveLength(1);
    const log = JSON.parse(entries.get("metadata/preservation/log.json")!.toString("utf8"));
    const caseStream = log.streams.find((s: { streamType: string }) => s.streamType === "case");
    expect(caseStream.events.at(-1).type).toBe("case.archivePackageBuilt");
    expect(log.streams.map((s: { streamType: string }) => s.streamType)).toEqual(
      expect.arrayContaining(["case", "document", "certification"]),
    );
    const mets = entries.get("METS.xml")!.toString("utf8");
    expect(mets).toContain('OBJID="TC 2027/0001"');
    expect(mets).toContain('CHECKSUMTYPE="SHA-256"');
    expect(entries.get("manifest-sha256.txt")!.toString("utf8").split("\n").filter(Boolean)).toHaveLength(6);

    const verified = await verifyArchivePackage(good);
    expect(verified).toMatchObject({ ok: true, files: 7, problems: [] });
    expect(verified.events).toBeGreaterThan(20);

    // One byte changed in a copy: a document's bytes (stored uncompressed) no longer match.
    const tampered = Buffer.from(res.rawPayload);
    const at = tampered.indexOf(bytes2);
    expect(at).toBeGreaterThan(0);
    tampered[at + 12] ^= 0x01;
    const bad = path.join(dataDir, "tampered.zip");
    await writeFile(bad, tampered);
    const caught = await verifyArchivePackage(bad);
    expect(caught.ok).toBe(false);
    // The same checks through the API (secretariat and admin), with the package uploaded.
    for (const [zip, ok] of [
      [res.rawPayload, true],
      [tampered, false],
    ] as const) {
      const upload = await multipart(
        {},
        { name: "paket.zip", data: Buffer.from(zip), type: "application/zip" },
      );
      const api = await kansli.request({ method: "POST", url: "/api/archive/verify", ...upload });
      expect(api.statusCode).toBe(200);
      expect(api.json().ok).toBe(ok);
    }
    const upload = await multipart(
      {},
      { name: "paket.zip", data: Buffer.from(res.rawPayload), type: "application/zip" },
    );
    expect((await region.request({ method: "POST", url: "/api/archive/verify", ...upload })).statusCode).toBe(
      404,
    );
    expect(caught.problems).toEqual(
      expect.arrayContaining([
        "representations/rep1/data/02-selfAssessment/v2-Självvärdering v2.pdf: SHA-256 differs from manifest-sha256.txt",
        expect.stringMatching(
          /^representations\/rep1\/data\/02-selfAssessment\/v2-Självvärdering v2\.pdf: SHA-256 differs from METS\.xml \(fileSec file-\d+\)$/,
        ),
      ]),
    );

    // A rewritten log whose checksums were updated everywhere is still caught by its hash chain.
    const rewritten = new Map(entries);
    const oldLog = entries.get("metadata/preservation/log.json")!;
    const forged = JSON.parse(oldLog.toString("utf8"));
    // Another actor of the same length, so even the size in METS stays right.
    forged.streams[0].events[0].actorId = "00000000-0000-4000-8000-000000000000";
    const newLog = Buffer.from(`${JSON.stringify(forged, null, 2)}\n`);
    expect(newLog.length).toBe(oldLog.length);
    const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
    rewritten.set("metadata/preservation/log.json", newLog);
    for (const name of ["METS.xml", "manifest-sha256.txt"]) {
      rewritten.set(
        name,
        Buffer.from(entries.get(name)!.toString("utf8").replaceAll(sha(oldLog), sha(newLog))),
      );
    }
    const newMets = rewritten.get("METS.xml")!;
    rewritten.set(
      "manifest-sha256.txt",
      Buffer.from(
        rewritten
          .get("manifest-sha256.txt")!
          .toString("utf8")
          .replaceAll(sha(entries.get("METS.xml")!), sha(newMets)),
      ),
    );
    const forgedFile = path.join(dataDir, "forged.zip");
    await writeFile(forgedFile, await zipOf(rewritten));
    const forgedResult = await verifyArchivePackage(forgedFile);
    expect(forgedResult.ok).toBe(false);
    expect(forgedResult.problems.join("\n")).toContain("#1 hash_mismatch");
    expect(forgedResult.problems.join("\n")).not.toContain("SHA-256 differs");

    // The command line: archive:build writes the same kind of package; archive:verify exits 1 on a mismatch.
    const built = path.join(dataDir, "cli.zip");
    const config = loadConfig({ SPELPLAN_DATA_DIR: dataDir });
    expect(await archiveBuildCommand(t.db, config, ["TC 2027/0001", built])).toBe(0);
    expect((await verifyArchivePackage(built)).ok).toBe(true);
    expect((await readFile(built)).subarray(0, 2).toString()).toBe("PK");
    const env = { ...process.env, SPELPLAN_DATA_DIR: dataDir, DATABASE_URL: "" };
    const ok = await run("npx", ["tsx", "src/server/cli.ts", "archive:verify", built], { env });
    expect(ok.stdout).toContain("Arkivpaketet är helt");
    const broken = await run("npx", ["tsx", "src/server/cli.ts", "archive:verify", bad], { env }).catch(
      (e) => e,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("SHA-256 differs from manifest-sha256.txt");
    expect(broken.stdout).toContain("Arkivpaketet är INTE helt");

    // A damaged blob in the store fails the build instead of producing a package with wrong bytes.
    const sha2 = createHash("sha256").update(bytes2).digest("hex");
    await writeFile(
      path.join(dataDir, "files", sha2.slice(0, 2), sha2.slice(2, 4), sha2),
      tampered.subarray(0, 100),
    );
    const damaged = path.join(dataDir, "damaged.zip");
    await expect(archiveBuildCommand(t.db, config, [caseId, damaged])).rejects.toThrow(/is damaged|size/);
    await expect(readFile(damaged)).rejects.toThrow();
  }, 120_000);
});
