import { Readable } from "node:stream";
import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { AppError } from "../../http/errors";
import { type DetectedType, detectAllowedType, SNIFF_BYTES } from "./content-type";
import { documentErrors } from "./errors";
import { safeFileName } from "./file-names";
import type { BlobStorage } from "./storage";

/** A file received and stored: its blob, its detected type and its names. */
export interface StoredUpload {
  sha256: string;
  size: number;
  mime: string;
  originalName: string;
  safeName: string;
}

export interface ReceivedUpload {
  fields: Record<string, string>;
  file: StoredUpload;
}

/**
 * Reads a multipart upload: the text fields and one file (field `file`). The file is streamed into the blob
 * store — only its first SNIFF_BYTES are held in memory, to decide its type before anything is written. Refused
 * files (wrong type, empty, too large) leave nothing behind. Fields may come before or after the file.
 */
export async function receiveUpload(
  req: FastifyRequest,
  storage: BlobStorage,
  maxBytes: number,
): Promise<ReceivedUpload> {
  if (!req.isMultipart()) throw documentErrors.notMultipart();
  const fields: Record<string, string> = {};
  let file: StoredUpload | undefined;
  try {
    const parts = req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
    for await (const part of parts) {
      if (part.type === "file") {
        if (part.fieldname !== "file") {
          await drain(part.file);
          continue;
        }
        file = await storeFile(part, storage, maxBytes);
      } else if (typeof part.value === "string") {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw translateMultipartError(err, maxBytes);
  }
  if (!file) throw documentErrors.noFile();
  return { fields, file };
}

function translateMultipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string })?.code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return documentErrors.tooLarge(maxBytes);
  if (code === "FST_FILES_LIMIT") return documentErrors.tooManyFiles();
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE") return documentErrors.notMultipart();
  if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
    return documentErrors.invalidFields({ code });
  return err;
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // discard
  }
}

async function storeFile(part: MultipartFile, storage: BlobStorage, maxBytes: number): Promise<StoredUpload> {
  const stream = part.file;
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    headChunks.push(next.value);
    headSize += next.value.length;
  }
  const head = Buffer.concat(headChunks);
  const truncated = () => (stream as Readable & { truncated?: boolean }).truncated === true;
  const rest = async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
    }
  };
  if (truncated()) {
    await rest();
    throw documentErrors.tooLarge(maxBytes);
  }
  if (head.length === 0) {
    await rest();
    throw documentErrors.empty();
  }
  const detected = await detectAllowedType(head);
  if (!detected.ok) {
    await rest();
    throw documentErrors.typeNotAllowed(detected.detected);
  }
  const type: DetectedType = detected.type;
  async function* body() {
    yield head;
    if (!ended) {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        yield next.value;
      }
    }
    // The parser cuts a file at the limit and marks it truncated: fail, so the store keeps nothing.
    if (truncated()) throw documentErrors.tooLarge(maxBytes);
  }
  const blob = await storage.put(Readable.from(body()));
  const originalName = (part.filename ?? "").normalize("NFC").slice(0, 500);
  return {
    sha256: blob.sha256,
    size: blob.size,
    mime: type.mime,
    originalName: originalName || `dokument.${type.ext}`,
    safeName: safeFileName(originalName, type.ext),
  };
}
