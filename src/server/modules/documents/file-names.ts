/**
 * File names as they are offered for download. The name a browser sent is kept as it was (original_name, for
 * the record); what we hand out is a safe name: no path, no control or direction-override characters, no `..`,
 * nothing Windows refuses, Swedish letters kept, and the extension of the type the content really is.
 */

const MAX_NAME_LENGTH = 150;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
// C0 and C1 controls, and the Unicode bidirectional overrides that make "gpj.exe" look like "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED_CHARS = /[<>:"/\\|?*]/g;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

const SAME_EXTENSIONS: Record<string, string[]> = { jpg: ["jpg", "jpeg"] };

/**
 * A safe download name for an uploaded file. `ext` is the extension of the detected content type ("pdf"): when
 * the name ends otherwise ("rapport.exe" holding a PDF) the right extension is appended ("rapport.exe.pdf").
 */
export function safeFileName(original: string, ext?: string): string {
  let name = (original ?? "").normalize("NFC");
  // Strip any path, Unix or Windows.
  name = name.split(/[/\\]/).pop() ?? "";
  name = name.replace(UNSAFE_CHARS, "").replace(RESERVED_CHARS, "_");
  // No "..": runs of dots become one.
  name = name.replace(/\.{2,}/g, ".");
  // No leading dots (hidden files) or spaces; no trailing dots or spaces (Windows drops them).
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  name = name.replace(/\s+/g, " ");
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (ext) {
    const accepted = SAME_EXTENSIONS[ext] ?? [ext];
    if (!accepted.includes(extensionOf(name))) name = name ? `${name}.${ext}` : "";
  }
  if (!name) name = ext ? `dokument.${ext}` : "dokument";
  if (name.length > MAX_NAME_LENGTH) {
    const e = extensionOf(name);
    const keep = e && e.length < 10 ? `.${e}` : "";
    name = `${name.slice(0, MAX_NAME_LENGTH - keep.length).replace(/[.\s]+$/, "")}${keep}`;
  }
  return name;
}

/** An ASCII stand-in for old clients: "Ansökan åtgärd.pdf" → "Ansokan atgard.pdf". */
export function asciiFallback(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
}

/** RFC 8187 / 5987 value: UTF-8, percent-encoded, only attr-chars left bare. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="Ansokan.pdf"; filename*=UTF-8''Ans%C3%B6kan.pdf` (RFC 6266). */
export function contentDisposition(
  name: string,
  disposition: "attachment" | "inline" = "attachment",
): string {
  const safe = safeFileName(name);
  return `${disposition}; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc8187(safe)}`;
}
