import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where the bytes of document versions live: a content-addressed blob store. A blob's name is the SHA-256 of
 * its content, so storing the same file twice stores it once, a blob never changes once written, and a blob
 * left behind by a failed transaction is harmless (nothing refers to it; the same upload later reuses it).
 *
 * The interface is deliberately small so that an S3-compatible backend can implement it later: `put` would
 * stream to a temporary key (multipart upload) while hashing and then copy to `<sha256>` (or upload with
 * the checksum precomputed), `get` is a GetObject stream, `has` a HeadObject. Nothing outside this file knows
 * where blobs live.
 */
export interface BlobStorage {
  /** Stores the stream's bytes; resolves with their SHA-256 (hex) and size once they are durable. */
  put(input: Readable | AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }>;
  /** The blob's bytes as a stream; rejects with BlobMissingError when there is no such blob. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
}

export class BlobMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} is missing from the file store`);
    this.name = "BlobMissingError";
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The filesystem backend: `<root>/ab/cd/<sha256>` (the first two byte pairs of the hash as folders, so no folder
 * grows beyond a few thousand entries). `put` streams into `<root>/tmp/<uuid>.part` while hashing (never the
 * whole file in memory), flushes it to disk and renames it into place: a reader sees a complete blob or none.
 */
export class FsBlobStorage implements BlobStorage {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(input: Readable | AsyncIterable<Uint8Array>): Promise<{ sha256: string; size: number }> {
    const tmpDir = path.join(this.root, "tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash("sha256");
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(input, measure, createWriteStream(tmp, { flags: "wx", mode: 0o640 }));
      // Durable before it gets its name (fsync reaches the file's data through any descriptor).
      const handle = await open(tmp, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    const sha256 = hash.digest("hex");
    const dest = this.pathOf(sha256);
    try {
      await mkdir(path.dirname(dest), { recursive: true });
      // Same content, same name: replacing an existing blob with identical bytes is harmless and atomic.
      await rename(tmp, dest);
      await syncDir(path.dirname(dest));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { sha256, size };
  }

  async get(sha256: string): Promise<Readable> {
    const file = this.pathOf(sha256);
    if (!(await this.has(sha256))) throw new BlobMissingError(sha256);
    return createReadStream(file);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}

/** Makes a rename durable (best effort: not every platform can fsync a directory). */
async function syncDir(dir: string): Promise<void> {
  try {
    const h = await open(dir, "r");
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  } catch {
    // Windows and some filesystems refuse to open or sync a directory; the rename itself is still atomic.
  }
}

/** A pass-through that fails at the end when the bytes do not hash to `sha256` (a damaged blob). */
export function verifyingStream(sha256: string): Transform {
  const hash = createHash("sha256");
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest("hex");
      done(
        actual === sha256 ? null : new Error(`blob ${sha256} is damaged (its content hashes to ${actual})`),
      );
    },
  });
}
