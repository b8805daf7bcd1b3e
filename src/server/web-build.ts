import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const WEB_DIST = path.join(PROJECT_ROOT, "dist/web");
/** The server's rendering of the web app's pages, run in a worker (`vite build --ssr`; see vite.config.ts). */
export const SSR_WORKER = path.join(PROJECT_ROOT, "dist/ssr/entry-worker.js");
const WEB_SOURCES = [
  path.join(PROJECT_ROOT, "src/web"),
  path.join(PROJECT_ROOT, "src/shared"),
  path.join(PROJECT_ROOT, "src/domain"),
];
const WEB_CONFIG = [path.join(PROJECT_ROOT, "vite.config.ts"), path.join(PROJECT_ROOT, "package-lock.json")];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** True when dist/web or dist/ssr is missing or older than any web source or its build configuration. */
export function webBuildIsStale(): boolean {
  const index = path.join(WEB_DIST, "index.html");
  if (!fs.existsSync(index) || !fs.existsSync(SSR_WORKER)) return true;
  const built = Math.min(fs.statSync(index).mtimeMs, fs.statSync(SSR_WORKER).mtimeMs);
  return [...WEB_SOURCES, ...WEB_CONFIG].some((p) => newestMtime(p) > built);
}

/** Builds the web app with Vite when it is missing or stale (so `npm start` needs no separate build step). */
export async function ensureWebBuild(log: (msg: string) => void): Promise<void> {
  if (
    !fs.existsSync(path.join(PROJECT_ROOT, "vite.config.ts")) ||
    process.env.SPELPLAN_SKIP_WEB_BUILD === "1"
  )
    return;
  if (!webBuildIsStale()) return;
  log("Bygger webbgränssnittet (vite build)…");
  // Vite sets NODE_ENV=production while building; the server's own setting must survive it.
  const nodeEnv = process.env.NODE_ENV;
  try {
    const { build } = await import("vite");
    const configFile = path.join(PROJECT_ROOT, "vite.config.ts");
    // As `npm run build`: the browser's app, then the server's rendering of its pages.
    await build({ configFile, logLevel: "warn" });
    await build({ configFile, logLevel: "warn", build: { ssr: true } });
    log("Webbgränssnittet är byggt.");
  } catch (err) {
    // The API still starts; the error says what to fix in the web sources.
    log(`Webbgränssnittet kunde inte byggas: ${(err as Error).message.split("\n")[0]}`);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
