import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/**
 * Backup and restore of a Spelplan data directory.
 *
 * SQLite: the online backup API copies a consistent snapshot while the server runs; then the uploaded files
 * that snapshot refers to are copied (they are content-addressed and never change, and each is written before
 * the row that names it is committed, so every referenced file exists). A manifest lists every file with its
 * SHA-256 so a restore can check what it copies.
 * PostgreSQL: pg_dump / pg_restore (custom format) beside the same copy of the files.
 */

export interface BackupManifest {
  createdAt: string;
  engine: "sqlite" | "postgres";
  database: string;
  files: { path: string; sha256: string; size: number }[];
}

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function listFiles(root: string, rel = ""): string[] {
  const dir = path.join(root, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const r = path.join(rel, e.name);
    return e.isDirectory() ? listFiles(root, r) : e.isFile() ? [r] : [];
  });
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

/** Names of the stored blobs a database refers to (none before the documents feature's tables exist). */
function referencedBlobs(sqliteFile: string): Set<string> | null {
  const db = new SQLite(sqliteFile, { readonly: true });
  try {
    const t = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'document_versions'")
      .get();
    if (!t) return new Set();
    return new Set(
      (db.prepare("select sha256 from document_versions").all() as { sha256: string }[]).map((r) => r.sha256),
    );
  } finally {
    db.close();
  }
}

function copyFiles(fromFiles: string, toFiles: string, only: Set<string> | null): BackupManifest["files"] {
  const out: BackupManifest["files"] = [];
  for (const rel of listFiles(fromFiles)) {
    if (only && !only.has(path.basename(rel))) continue;
    const target = path.join(toFiles, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(fromFiles, rel), target);
    out.push({ path: path.join("files", rel), sha256: sha256(target), size: fs.statSync(target).size });
  }
  return out;
}

export async function backup(opts: {
  dataDir: string;
  databaseUrl?: string;
  outDir: string;
  now: Date;
}): Promise<BackupManifest> {
  if (fs.existsSync(opts.outDir) && fs.readdirSync(opts.outDir).length > 0) {
    throw new Error(`${opts.outDir} is not empty`);
  }
  fs.mkdirSync(opts.outDir, { recursive: true });
  const files: BackupManifest["files"] = [];
  let engine: BackupManifest["engine"] = "sqlite";
  let database = "spelplan.sqlite";
  if (opts.databaseUrl?.startsWith("postgres")) {
    engine = "postgres";
    database = "spelplan.pgdump";
    await run("pg_dump", [
      "--format=custom",
      "--no-owner",
      `--file=${path.join(opts.outDir, database)}`,
      opts.databaseUrl,
    ]);
    files.push(...copyFiles(path.join(opts.dataDir, "files"), path.join(opts.outDir, "files"), null));
  } else {
    const source = new SQLite(path.join(opts.dataDir, "spelplan.sqlite"), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      await source.backup(path.join(opts.outDir, database));
    } finally {
      source.close();
    }
    files.push(
      ...copyFiles(
        path.join(opts.dataDir, "files"),
        path.join(opts.outDir, "files"),
        referencedBlobs(path.join(opts.outDir, database)),
      ),
    );
  }
  const dbFile = path.join(opts.outDir, database);
  files.unshift({ path: database, sha256: sha256(dbFile), size: fs.statSync(dbFile).size });
  const manifest: BackupManifest = { createdAt: opts.now.toISOString(), engine, database, files };
  fs.writeFileSync(path.join(opts.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Checks a backup's files against its manifest; returns the paths that differ or are missing. */
export function verifyBackup(dir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
  return manifest.files
    .filter((f) => !fs.existsSync(path.join(dir, f.path)) || sha256(path.join(dir, f.path)) !== f.sha256)
    .map((f) => f.path);
}

export async function restore(opts: {
  fromDir: string;
  dataDir: string;
  databaseUrl?: string;
  force: boolean;
}): Promise<BackupManifest> {
  const bad = verifyBackup(opts.fromDir);
  if (bad.length) throw new Error(`the backup is damaged: ${bad.join(", ")}`);
  const manifest = JSON.parse(
    fs.readFileSync(path.join(opts.fromDir, "manifest.json"), "utf8"),
  ) as BackupManifest;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  if (manifest.engine === "postgres") {
    if (!opts.databaseUrl?.startsWith("postgres")) throw new Error("a PostgreSQL backup needs DATABASE_URL");
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      `--dbname=${opts.databaseUrl}`,
      path.join(opts.fromDir, manifest.database),
    ]);
  } else {
    const target = path.join(opts.dataDir, "spelplan.sqlite");
    if (fs.existsSync(target) && !opts.force)
      throw new Error(`${target} exists; restore with --force to replace it`);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.copyFileSync(path.join(opts.fromDir, manifest.database), target);
  }
  copyFiles(path.join(opts.fromDir, "files"), path.join(opts.dataDir, "files"), null);
  return manifest;
}
