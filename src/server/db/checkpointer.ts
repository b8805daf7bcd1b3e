import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * SQLite's WAL checkpoints in a thread of their own.
 *
 * In WAL mode each commit appends the pages it changed to the log, and now and then the log is copied back into the
 * database file and synced (a checkpoint). SQLite runs it inside the commit that crosses `wal_autocheckpoint` pages
 * (1,000 by default), on the connection that committed: here the server's one connection, on the thread that answers
 * every request. Measured on the action path (docs/performance.md, session 10): half the commits took under 0.1 ms,
 * one in a hundred over 6 ms, and the slow ones were 59 % of all the time spent committing.
 *
 * A worker thread opens its own connection to the file and runs a passive checkpoint every `intervalMs`: it copies
 * what the log holds without waiting for, or holding up, the server's reads and writes. The server's connection keeps
 * an automatic checkpoint as a backstop at `BACKSTOP_PAGES` (the log only starts over once a checkpoint has copied
 * all of it, which under steady writes a passive one seldom does); by then the worker has copied most of the log.
 * Should the worker fail, the server's connection goes back to SQLite's default.
 */

/** The server connection's automatic checkpoint while the worker runs, in pages (4 KB each: a 40 MB log). */
export const BACKSTOP_PAGES = 10_000;
/** SQLite's own default, restored when the worker fails. */
export const DEFAULT_AUTOCHECKPOINT_PAGES = 1_000;

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Called once if the worker stops on an error (it could not open the file, say). */
  onError?: (error: Error) => void;
}

export interface Checkpointer {
  /** Closes the worker's connection and ends the thread. */
  stop(): Promise<void>;
  /** Runs one checkpoint now; resolves with the pages the log holds and the pages copied (for tests). */
  checkpointNow(): Promise<{ log: number; checkpointed: number }>;
}

// Plain CommonJS, evaluated by the worker with no flags of the process (no loader, no --input-type), so it runs the
// same under tsx and node; the driver by its absolute path, wherever the process was started from.
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
const checkpoint = () => db.pragma("wal_checkpoint(PASSIVE)")[0];
const timer = setInterval(() => {
  try { checkpoint(); } catch (e) { /* SQLITE_BUSY: another checkpoint runs; the next tick tries again */ }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m.type === "now") {
    let r = { log: -1, checkpointed: -1 };
    try { r = checkpoint(); } catch (e) {}
    parentPort.postMessage({ type: "done", id: m.id, log: r.log, checkpointed: r.checkpointed });
  } else if (m.type === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

const DRIVER = createRequire(import.meta.url).resolve("better-sqlite3");

/** Starts checkpointing the SQLite file `file` (already in WAL mode) from a worker thread. */
export function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { file, intervalMs: opts.intervalMs ?? 100, driver: DRIVER },
    // The thread holds one small connection and no data of its own.
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
  });
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  const pending = new Map<number, (r: { log: number; checkpointed: number }) => void>();
  let nextId = 0;
  let failed = false;
  worker.on("message", (m: { type: "done"; id: number; log: number; checkpointed: number }) => {
    pending.get(m.id)?.({ log: m.log, checkpointed: m.checkpointed });
    pending.delete(m.id);
  });
  worker.on("error", (error) => {
    if (failed) return;
    failed = true;
    for (const resolve of pending.values()) resolve({ log: -1, checkpointed: -1 });
    pending.clear();
    opts.onError?.(error);
  });
  // The server's process ends when its work does, whatever this thread is doing (after the listeners: adding a
  // "message" listener holds the process again).
  worker.unref();
  return {
    async stop() {
      // Held until it has ended: whoever awaits this has code to run after it.
      worker.ref();
      if (!failed) worker.postMessage({ type: "stop" });
      await exited;
    },
    checkpointNow() {
      if (failed) return Promise.resolve({ log: -1, checkpointed: -1 });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: "now", id });
      });
    },
  };
}
