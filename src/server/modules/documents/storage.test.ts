import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BlobMissingError, FsBlobStorage } from "./storage";

describe("filesystem blob storage", () => {
  let root: string;
  let storage: FsBlobStorage;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "spelplan-blobs-"));
    storage = new FsBlobStorage(root);
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  async function* chunks(n: number, size: number) {
    for (let i = 0; i < n; i++) yield Buffer.alloc(size, i % 256);
  }

  it("stores a stream under ab/cd/<sha256>, once per content, and reads it back", async () => {
    const expected = createHash("sha256");
    for await (const c of chunks(40, 64 * 1024)) expected.update(c);
    const sha = expected.digest("hex");
    const first = await storage.put(Readable.from(chunks(40, 64 * 1024)));
    expect(first).toEqual({ sha256: sha, size: 40 * 64 * 1024 });
    expect(storage.pathOf(sha)).toBe(path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha));
    const again = await storage.put(Readable.from(chunks(40, 64 * 1024)));
    expect(again.sha256).toBe(sha);
    expect(await storage.has(sha)).toBe(true);
    const back = createHash("sha256");
    for await (const c of await storage.get(sha)) back.update(c);
    expect(back.digest("hex")).toBe(sha);
    expect(await readdir(path.join(root, "tmp"))).toEqual([]);
  });

  it("keeps nothing when the stream fails half-way", async () => {
    async function* broken() {
      yield Buffer.from("half a file");
      throw new Error("client went away");
    }
    await expect(storage.put(Readable.from(broken()))).rejects.toThrow("client went away");
    expect(await readdir(path.join(root, "tmp"))).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(["tmp"]);
  });

  it("refuses names that are not a sha256 and reports a missing blob", async () => {
    expect(() => storage.pathOf("../../etc/passwd")).toThrow();
    await expect(storage.get("0".repeat(64))).rejects.toBeInstanceOf(BlobMissingError);
    expect(await storage.has("0".repeat(64))).toBe(false);
    const { sha256 } = await storage.put(Readable.from([Buffer.from("hej")]));
    expect(await readFile(storage.pathOf(sha256), "utf8")).toBe("hej");
  });
});
