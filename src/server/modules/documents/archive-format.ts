/**
 * The archive package's layout and the small pieces both the builder and the verifier need. An E-ARK SIP in
 * the spirit of FGS Paketstruktur 2.0 (the Swedish National Archives' profile of E-ARK CSIP):
 *
 *   METS.xml                                   root METS: metsHdr, dmdSec/amdSec (mdRef with checksums),
 *                                              fileSec listing every file with its SHA-256, structMap
 *   metadata/descriptive/case.json             the case: parties, dates, registration number, record, diarium
 *   metadata/preservation/log.json             the case's event log (and its documents' logs) with hash chains
 *   representations/rep1/data/<NN>-<slot>/v<n>-<file name>
 *                                              every version of every document, as stored
 *   manifest-sha256.txt                        "<sha256>  <path>" for every file above (BagIt style)
 */

export const METS_PATH = "METS.xml";
export const CASE_JSON_PATH = "metadata/descriptive/case.json";
export const LOG_JSON_PATH = "metadata/preservation/log.json";
export const DATA_PREFIX = "representations/rep1/data/";
export const MANIFEST_PATH = "manifest-sha256.txt";

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function xmlUnescape(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** A package path as a relative URI reference (each segment percent-encoded) for `xlink:href`. */
export function hrefOf(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function pathOfHref(href: string): string {
  return href.split("/").map(decodeURIComponent).join("/");
}

/** `manifest-sha256.txt`: "<sha256>  <path>" lines, sorted by path. */
export function manifestText(files: readonly { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join("");
}

export function parseManifest(text: string): { entries: Map<string, string>; problems: string[] } {
  const entries = new Map<string, string>();
  const problems: string[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) {
      problems.push(`${MANIFEST_PATH}: line ${i + 1} is not "<sha256>  <path>"`);
      continue;
    }
    if (entries.has(m[2])) problems.push(`${MANIFEST_PATH}: ${m[2]} is listed twice`);
    entries.set(m[2], m[1]);
  }
  return { entries, problems };
}
