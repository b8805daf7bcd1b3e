import { createHash } from "node:crypto";
import yauzl from "yauzl";
import { type HashedEventContent, verifyChain } from "../events/hash";
import {
  CASE_JSON_PATH,
  LOG_JSON_PATH,
  MANIFEST_PATH,
  METS_PATH,
  parseManifest,
  pathOfHref,
  xmlUnescape,
} from "./archive-format";

/**
 * Verifies an archive package (a ZIP written by archive.ts) without the database: every file's SHA-256 against
 * `manifest-sha256.txt` and against METS.xml (fileSec and the mdRefs), nothing missing and nothing extra, and
 * every hash chain in `metadata/preservation/log.json` recomputed. Any problem → `ok: false`.
 */

export interface VerifyArchiveResult {
  ok: boolean;
  files: number;
  events: number;
  problems: string[];
}

/** Metadata files are read into memory to be parsed; more than this is not a package we wrote. */
const MAX_METADATA_BYTES = 64 * 1024 * 1024;
const KEPT = new Set([METS_PATH, MANIFEST_PATH, LOG_JSON_PATH]);

interface ReadFile {
  sha256: string;
  size: number;
  content?: Buffer;
}

async function readEntries(file: string, problems: string[]): Promise<Map<string, ReadFile>> {
  const files = new Map<string, ReadFile>();
  const zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: true });
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith("/")) continue;
      if (files.has(name)) {
        problems.push(`${name}: appears twice in the ZIP`);
        continue;
      }
      const hash = createHash("sha256");
      const keep = KEPT.has(name);
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          hash.update(chunk);
          size += chunk.length;
          if (keep) {
            if (size > MAX_METADATA_BYTES) throw new Error("metadata file too large");
            chunks.push(chunk);
          }
        }
      } catch (err) {
        problems.push(`${name}: cannot be read (${(err as Error).message})`);
        files.set(name, { sha256: "unreadable", size });
        continue;
      }
      files.set(name, {
        sha256: hash.digest("hex"),
        size,
        content: keep ? Buffer.concat(chunks) : undefined,
      });
    }
  } finally {
    zip.close();
  }
  return files;
}

interface MetsRef {
  path: string;
  sha256: string;
  size: number | null;
  where: string;
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[m[1]] = xmlUnescape(m[2]);
  return attrs;
}

/** The files METS.xml names with a checksum: fileSec's files (with their FLocat) and the mdRefs. */
export function metsReferences(xml: string): { refs: MetsRef[]; problems: string[] } {
  const refs: MetsRef[] = [];
  const problems: string[] = [];
  for (const m of xml.matchAll(/<mets:file\s([^>]*)>([\s\S]*?)<\/mets:file>/g)) {
    const a = attributes(m[1]);
    const loc = /<mets:FLocat\s([^>]*?)\/?>/.exec(m[2]);
    const href = loc ? attributes(loc[1])["xlink:href"] : undefined;
    if (!href || !a.CHECKSUM || a.CHECKSUMTYPE !== "SHA-256") {
      problems.push(`${METS_PATH}: file ${a.ID ?? "?"} lacks a location or a SHA-256 checksum`);
      continue;
    }
    refs.push({
      path: pathOfHref(href),
      sha256: a.CHECKSUM,
      size: a.SIZE ? Number(a.SIZE) : null,
      where: `fileSec ${a.ID}`,
    });
  }
  for (const m of xml.matchAll(/<mets:mdRef\s([^>]*?)\/?>/g)) {
    const a = attributes(m[1]);
    if (!a["xlink:href"] || !a.CHECKSUM || a.CHECKSUMTYPE !== "SHA-256") {
      problems.push(`${METS_PATH}: an mdRef lacks a location or a SHA-256 checksum`);
      continue;
    }
    refs.push({
      path: pathOfHref(a["xlink:href"]),
      sha256: a.CHECKSUM,
      size: a.SIZE ? Number(a.SIZE) : null,
      where: "mdRef",
    });
  }
  return { refs, problems };
}

type LogEvent = HashedEventContent & { hash: string };

function verifyLog(content: Buffer, problems: string[]): number {
  let log: { streams?: { streamType: string; streamId: string; events: LogEvent[] }[] };
  try {
    log = JSON.parse(content.toString("utf8"));
  } catch {
    problems.push(`${LOG_JSON_PATH}: not valid JSON`);
    return 0;
  }
  if (!Array.isArray(log.streams)) {
    problems.push(`${LOG_JSON_PATH}: has no streams`);
    return 0;
  }
  let events = 0;
  for (const s of log.streams) {
    const list = Array.isArray(s.events) ? s.events : [];
    events += list.length;
    const label = `${s.streamType} ${s.streamId}`;
    if (list.length === 0 || list[0].seq !== 1)
      problems.push(`${LOG_JSON_PATH}: ${label} does not start at #1`);
    for (const e of list) {
      if (e.streamType !== s.streamType || e.streamId !== s.streamId) {
        problems.push(`${LOG_JSON_PATH}: ${label} #${e.seq} belongs to another stream`);
      }
    }
    for (const p of verifyChain(list)) problems.push(`${LOG_JSON_PATH}: ${label} #${p.seq} ${p.problem}`);
  }
  return events;
}

export async function verifyArchivePackage(file: string): Promise<VerifyArchiveResult> {
  const problems: string[] = [];
  let files: Map<string, ReadFile>;
  try {
    files = await readEntries(file, problems);
  } catch (err) {
    return { ok: false, files: 0, events: 0, problems: [`not a readable ZIP: ${(err as Error).message}`] };
  }

  const manifestFile = files.get(MANIFEST_PATH);
  if (!manifestFile?.content) problems.push(`${MANIFEST_PATH} is missing`);
  else {
    const { entries, problems: p } = parseManifest(manifestFile.content.toString("utf8"));
    problems.push(...p);
    for (const [path, sha] of entries) {
      const f = files.get(path);
      if (!f) problems.push(`${path}: listed in ${MANIFEST_PATH} but missing`);
      else if (f.sha256 !== sha) problems.push(`${path}: SHA-256 differs from ${MANIFEST_PATH}`);
    }
    for (const path of files.keys()) {
      if (path !== MANIFEST_PATH && !entries.has(path)) problems.push(`${path}: not in ${MANIFEST_PATH}`);
    }
  }

  const metsFile = files.get(METS_PATH);
  if (!metsFile?.content) problems.push(`${METS_PATH} is missing`);
  else {
    const { refs, problems: p } = metsReferences(metsFile.content.toString("utf8"));
    problems.push(...p);
    const inFileSec = new Set<string>();
    for (const r of refs) {
      inFileSec.add(r.path);
      const f = files.get(r.path);
      if (!f) problems.push(`${r.path}: named in ${METS_PATH} (${r.where}) but missing`);
      else if (f.sha256 !== r.sha256)
        problems.push(`${r.path}: SHA-256 differs from ${METS_PATH} (${r.where})`);
      else if (r.size !== null && r.size !== f.size)
        problems.push(`${r.path}: size differs from ${METS_PATH}`);
    }
    for (const path of files.keys()) {
      if (path !== METS_PATH && path !== MANIFEST_PATH && !inFileSec.has(path)) {
        problems.push(`${path}: not in ${METS_PATH}`);
      }
    }
  }

  if (!files.has(CASE_JSON_PATH)) problems.push(`${CASE_JSON_PATH} is missing`);
  const logFile = files.get(LOG_JSON_PATH);
  let events = 0;
  if (!logFile?.content) problems.push(`${LOG_JSON_PATH} is missing or unreadable`);
  else events = verifyLog(logFile.content, problems);

  return { ok: problems.length === 0, files: files.size, events, problems: [...new Set(problems)] };
}
