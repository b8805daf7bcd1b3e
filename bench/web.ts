/**
 * The web app: the size of what the first page load needs (the entry script, its preloaded chunks and the
 * stylesheets named in dist/web/index.html, and for each page its own chunk with what that imports, as the server
 * links them; gzip-compressed), and the largest contentful paint of pages in headless Chromium (Debian's, or the one
 * in @sparticuz/chromium on a machine without it: test/support/chromium.ts), driven by playwright-core.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { type Manifest, pageFiles } from "../src/server/web-pages";
import { chromiumLaunch } from "../test/support/chromium";
import { ROOT } from "./processes";

export const WEB_DIST = path.join(ROOT, "dist/web");

export interface BundleFile {
  file: string;
  kind: "js" | "css";
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  builtAt: string;
  built: boolean;
  files: BundleFile[];
  jsGzip: number;
  cssGzip: number;
  totalGzip: number;
  totalRaw: number;
  /** All JS and CSS in dist/web/assets (lazy chunks included), gzip. */
  allAssetsGzip: number;
  /** Each page's first load: the entry's files and the page's chunk with its imports and styles, gzip. */
  pages: PageLoad[];
}

export interface PageLoad {
  /** The page's module, as Vite's manifest names it (pages/case/CasePage.tsx). */
  page: string;
  gzipBytes: number;
  /** The files beyond the entry's. */
  files: string[];
}

/** The page whose first load is the largest (the one the 300 KB target is judged on). */
export function largestPage(pages: readonly PageLoad[]): PageLoad | undefined {
  return pages.reduce<PageLoad | undefined>(
    (max, p) => (max && max.gzipBytes >= p.gzipBytes ? max : p),
    undefined,
  );
}

/**
 * Each page's first load: index.html's files and the page's own, as the server links them (`pageFiles`). The
 * pages are the manifest's modules under `pages/` named `*Page.tsx`, as src/web/pages.ts finds them; the other
 * modules there that the manifest lists are parts a page loads later (deferred forms and dialogs).
 */
export function pageLoads(
  manifest: Manifest,
  initial: readonly string[],
  gzipOf: (file: string) => number,
): PageLoad[] {
  return Object.keys(manifest)
    .filter((key) => /^pages\/.*Page\.tsx$/.test(key))
    .sort()
    .map((page) => {
      const { styles, scripts } = pageFiles(manifest, page);
      const own = [...new Set([...scripts, ...styles])].filter((f) => !initial.includes(f));
      return { page, gzipBytes: [...initial, ...own].reduce((sum, f) => sum + gzipOf(f), 0), files: own };
    });
}

/**
 * Builds dist/web and the server's rendering in dist/ssr with `npm run build`. A run builds them before its
 * first scale, so the page loads and the sizes measure the commit under test, not whatever an earlier build left
 * (or, on a fresh clone, the server's "not built" page).
 */
export function buildWeb(log: (m: string) => void): void {
  log("building the web app: npm run build");
  execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
}

/** The initial files' sizes; `built` says whether this run built dist/web (see `buildWeb`). */
export function bundleReport(built: boolean): BundleReport {
  const indexFile = path.join(WEB_DIST, "index.html");
  const html = fs.readFileSync(indexFile, "utf8");
  const refs = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*\bhref="([^"]+)"/g))
    refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*\bhref="([^"]+)"[^>]*\brel="(?:stylesheet|modulepreload)"/g))
    refs.add(m[1]);
  // Each file read and compressed once: the initial files, every page's, and all assets share this.
  const gzipped = new Map<string, number>();
  const gzipOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(fs.readFileSync(path.join(WEB_DIST, file))).length;
      gzipped.set(file, size);
    }
    return size;
  };
  const files: BundleFile[] = [...refs]
    .filter((r) => r.startsWith("/"))
    .map((r) => ({
      file: r,
      kind: r.endsWith(".css") ? "css" : "js",
      bytes: fs.statSync(path.join(WEB_DIST, r)).size,
      gzipBytes: gzipOf(r.slice(1)),
    }));
  const allAssetsGzip = fs
    .readdirSync(path.join(WEB_DIST, "assets"))
    .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
    .reduce((sum, f) => sum + gzipOf(`assets/${f}`), 0);
  const manifest = JSON.parse(fs.readFileSync(path.join(WEB_DIST, ".vite/manifest.json"), "utf8"));
  const jsGzip = files.filter((f) => f.kind === "js").reduce((s, f) => s + f.gzipBytes, 0);
  const cssGzip = files.filter((f) => f.kind === "css").reduce((s, f) => s + f.gzipBytes, 0);
  return {
    builtAt: fs.statSync(indexFile).mtime.toISOString(),
    built,
    files,
    jsGzip,
    cssGzip,
    totalGzip: jsGzip + cssGzip,
    totalRaw: files.reduce((s, f) => s + f.bytes, 0),
    allAssetsGzip,
    pages: pageLoads(
      manifest,
      files.map((f) => f.file.slice(1)),
      gzipOf,
    ),
  };
}

export interface LcpResult {
  page: string;
  path: string;
  runs: number[];
  medianMs: number;
  /** What the largest element was, in the last run. */
  element: string;
  /** Bytes the page transferred in the last run (scripts, styles, API). */
  transferredBytes: number;
  /** Loads in which the page had not shown its data within the time limit (counted as the limit). */
  timedOut: number;
  limitMs?: number;
}

const LCP_SCRIPT = `
  window.__lcp = { time: 0, element: "" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__lcp = { time: e.startTime, element: e.element ? e.element.tagName + (e.element.className ? "." + String(e.element.className).split(" ")[0] : "") : (e.url || "") };
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
`;

/**
 * Each run in a fresh browser context (empty cache) with the cookie of a session logged in over the API once, so
 * the page load is what a user who just logged in sees. `ready` is a text the page shows once its data is in.
 */
export async function measureLcp(opts: {
  url: string;
  email: string;
  password: string;
  pages: { page: string; path: string; ready: string }[];
  runs: number;
  timeoutMs?: number;
}): Promise<LcpResult[]> {
  const { executablePath, args } = await chromiumLaunch();
  const browser = await chromium.launch({ executablePath, headless: true, args });
  const out: LcpResult[] = [];
  try {
    // One login for all the loads (fewer logins, and the page loads are what a logged-in user sees); each load then starts
    // with that session's cookie in an otherwise empty context.
    const login = await browser.newContext();
    const res = await login.request.post(`${opts.url}/api/auth/login`, {
      data: { email: opts.email, password: opts.password },
    });
    if (!res.ok()) throw new Error(`login for LCP: ${res.status()}`);
    const storageState = await login.storageState();
    await login.close();
    for (const p of opts.pages) {
      const runs: number[] = [];
      let element = "";
      let transferred = 0;
      let timedOut = 0;
      for (let i = 0; i < opts.runs; i++) {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 900 },
          locale: "sv-SE",
          storageState,
        });
        try {
          const page = await context.newPage();
          let bytes = 0;
          page.on("response", (r) => {
            const len = Number(r.headers()["content-length"] ?? 0);
            bytes += Number.isFinite(len) ? len : 0;
          });
          await page.addInitScript(LCP_SCRIPT);
          const started = Date.now();
          let shown = true;
          try {
            await page.goto(`${opts.url}${p.path}`, {
              waitUntil: "networkidle",
              timeout: opts.timeoutMs ?? 60_000,
            });
            const left = Math.max(1000, (opts.timeoutMs ?? 60_000) - (Date.now() - started));
            await page.getByText(p.ready, { exact: false }).first().waitFor({ timeout: left });
            // A page the server rendered shows its data before the app has taken it over: the last paint
            // counts once the app has (router.tsx marks it), so that nothing the app paints anew is missed.
            await page.locator('html[data-page="ready"]').waitFor({ state: "attached", timeout: left });
            await page.waitForTimeout(300);
          } catch {
            shown = false;
            timedOut += 1;
          }
          const lcp = (await page.evaluate("window.__lcp")) as { time: number; element: string };
          // A page that never showed its data has no meaningful LCP: the time limit stands as a lower bound.
          runs.push(shown ? Math.round(lcp.time) : (opts.timeoutMs ?? 60_000));
          element = lcp.element;
          transferred = bytes;
        } finally {
          await context.close();
        }
        // A page that did not show its data once will not in the next loads either: one such load is enough.
        if (timedOut > 0 && i === 0) break;
      }
      const sorted = [...runs].sort((a, b) => a - b);
      out.push({
        page: p.page,
        path: p.path,
        runs,
        medianMs: sorted[Math.floor(sorted.length / 2)],
        element,
        transferredBytes: transferred,
        timedOut,
        limitMs: opts.timeoutMs ?? 60_000,
      });
    }
  } finally {
    await browser.close();
  }
  return out;
}
