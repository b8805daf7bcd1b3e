import { fileTypeFromBuffer } from "file-type";

/**
 * Which files are accepted, decided by their CONTENT (magic bytes, and for DOCX/XLSX/ODT the ZIP entries that
 * identify them), never by the name or the Content-Type the browser claims. A renamed .exe is an exe.
 */
export const ALLOWED_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  png: "image/png",
  jpg: "image/jpeg",
} as const;
export type AllowedExt = keyof typeof ALLOWED_TYPES;

/**
 * How much of the start of a file is read to decide its type: enough for the ZIP entries of office files
 * (`[Content_Types].xml`, `mimetype`, `word/…`), which writers put first, while bounding memory per upload.
 */
export const SNIFF_BYTES = 1024 * 1024;

export interface DetectedType {
  ext: AllowedExt;
  mime: string;
}

/** The allowed type of a file from its first bytes, or `{ detected }` naming what it is instead. */
export async function detectAllowedType(
  head: Uint8Array,
): Promise<{ ok: true; type: DetectedType } | { ok: false; detected: string | null }> {
  const found = await fileTypeFromBuffer(head);
  if (found && found.ext in ALLOWED_TYPES) {
    const ext = found.ext as AllowedExt;
    return { ok: true, type: { ext, mime: ALLOWED_TYPES[ext] } };
  }
  return { ok: false, detected: found?.mime ?? null };
}
