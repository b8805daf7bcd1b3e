import path from "node:path";

/**
 * Settings of the documents module, read from the environment:
 * - `SPELPLAN_MAX_UPLOAD_MB` (default 25): the largest file one upload may carry, in megabytes (MiB).
 * - files live under `${SPELPLAN_DATA_DIR}/files` (see storage.ts).
 */

export const DEFAULT_MAX_UPLOAD_MB = 25;

/** The upload limit in bytes. A missing, non-numeric or non-positive value gives the default. */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.SPELPLAN_MAX_UPLOAD_MB);
  const value = Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_MAX_UPLOAD_MB;
  return Math.floor(value * 1024 * 1024);
}

/** The root of the content-addressed file store inside the data directory. */
export function filesRoot(dataDir: string): string {
  return path.join(dataDir, "files");
}
