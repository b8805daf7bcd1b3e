/**
 * The web app's pages: index.html for the browser to render, or, for a logged-in user opening one of the
 * app's pages, that page rendered here with its data (src/web/entry-server.tsx, built into dist/ssr), which
 * the browser paints before the app's code has arrived and then takes over.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { gzip as gzipCallback } from "node:zlib";
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiGet, FromWorker, PageRenderer, RenderedPage, ToWorker } from "../shared/ssr";
import { SESSION_COOKIE } from "./modules/auth/sessions";

const gzip = promisify(gzipCallback);

/** The server's rendering (dist/ssr/entry-server.js, or a stand-in in tests). */
export type { PageRenderer } from "../shared/ssr";

/** An entry of Vite's build manifest (dist/web/.vite/manifest.json). */
interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** `load()`'s renderer, asked for once; null (and a warning: the browser renders every page) when that fails. */
function once(
  file: string,
  log: FastifyBaseLogger,
  load: () => Promise<PageRenderer>,
): () => Promise<PageRenderer | null> {
  let loading: Promise<PageRenderer | null> | undefined;
  return () => {
    loading ??= fs
      .access(file)
      .then(load)
      .catch((error: unknown) => {
        log.warn({ err: error, file }, "server rendering unavailable: the browser renders every page");
        return null;
      });
    return loading;
  };
}

/** The renderer in this thread, loaded on first use (the tests use it with the source). */
export function rendererFrom(file: string, log: FastifyBaseLogger): () => Promise<PageRenderer | null> {
  return once(file, log, () => import(pathToFileURL(file).href) as Promise<PageRenderer>);
}

/**
 * The heap the rendering worker may use. A rendering makes megabytes of short-lived objects; in the server's own
 * heap they raised its peak by 90 MB after ten page loads and to 506 MB under ten at a time (1,000,000 cases),
 * against 237 MB for the API alone. In a worker they are collected within this limit.
 */
const WORKER_HEAP_MB = { old: 64, young: 8 };

/**
 * The built renderer in a worker thread (dist/ssr/entry-worker.js), started by `prestart` (the server, once it
 * is ready) or else on first use. The worker asks for the API answers it needs through `get`, which runs here. A
 * worker that dies (out of memory, a crash) fails the renderings it had (those pages are sent unrendered) and is
 * started anew for the next one.
 */
export function rendererInWorker(
  file: string,
  log: FastifyBaseLogger,
): (() => Promise<PageRenderer | null>) & { prestart: () => Promise<void>; close: () => Promise<void> } {
  type Pending = { get: ApiGet; resolve: (p: RenderedPage | null) => void; reject: (e: Error) => void };
  let worker: Worker | undefined;
  const pending = new Map<number, Pending>();
  let renders = 0;
  const failPending = (why: string) => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(file, {
      resourceLimits: {
        maxOldGenerationSizeMb: WORKER_HEAP_MB.old,
        maxYoungGenerationSizeMb: WORKER_HEAP_MB.young,
      },
    });
    w.unref(); // it never keeps the process alive
    w.on("message", (message: FromWorker) => {
      const p = pending.get(message.id);
      if (!p) return;
      if (message.type === "get") {
        const reply = (m: ToWorker) => w.postMessage(m);
        p.get(message.path).then(
          (answer) => reply({ type: "answer", id: message.id, call: message.call, answer }),
          (error: unknown) =>
            reply({ type: "answer", id: message.id, call: message.call, answer: null, error: String(error) }),
        );
        return;
      }
      pending.delete(message.id);
      if (message.type === "done") p.resolve(message.page);
      else p.reject(new Error(message.message));
    });
    const gone = (why: unknown) => {
      if (worker !== w) return;
      worker = undefined;
      log.warn({ err: why }, "the page rendering worker stopped; the next page starts a new one");
      failPending("the rendering worker stopped");
    };
    w.on("error", gone);
    w.on("exit", (code) => gone(new Error(`exit ${code}`)));
    return w;
  };

  const renderer: PageRenderer = {
    renderPage(url, get) {
      worker ??= start();
      const w = worker;
      const id = ++renders;
      return new Promise((resolve, reject) => {
        pending.set(id, { get, resolve, reject });
        w.postMessage({ type: "render", id, url } satisfies ToWorker);
      });
    },
  };
  const load = once(file, log, async () => renderer);
  /**
   * Starts the worker before the first page is asked for, so that the first page load after a start does not
   * wait for the worker to load the renderer's code (the dashboard at 10,000 cases, four starts of each: first
   * page 658–817 ms started on first use, 447–566 ms started with the server; later pages 200–300 ms). Nothing
   * is started when the renderer is not built.
   */
  const prestart = async () => {
    if (await load()) worker ??= start();
  };
  /** Stops the worker (the server closes); a later rendering would start a new one. */
  const close = async () => {
    const w = worker;
    worker = undefined;
    failPending("the server is closing");
    await w?.terminate();
  };
  return Object.assign(load, { prestart, close });
}

/**
 * The `<link>`s for the page's chunk and what it imports (besides the entry, which index.html links): its
 * styles, so that the first paint is styled, and its scripts, so that they load beside the entry.
 */
export function pageLinks(manifest: Manifest, source: string): string {
  const { styles, scripts } = pageFiles(manifest, source);
  return [
    ...styles.map((f) => `<link rel="stylesheet" crossorigin href="/${f}">`),
    ...scripts.map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`),
  ].join("");
}

/**
 * The files a page's module needs beyond index.html's own: its chunk and the chunks it imports, and their styles
 * (dynamic imports are not followed: they load later). The benchmark counts a page's first load with this.
 */
export function pageFiles(manifest: Manifest, source: string): { styles: string[]; scripts: string[] } {
  const styles = new Set<string>();
  const scripts = new Set<string>();
  const entry = manifest["index.html"];
  const skip = new Set<string>(["index.html"]);
  const visit = (key: string) => {
    if (skip.has(key)) return;
    skip.add(key);
    const chunk = manifest[key];
    if (!chunk) return;
    scripts.add(chunk.file);
    for (const css of chunk.css ?? []) if (!entry?.css?.includes(css)) styles.add(css);
    for (const next of chunk.imports ?? []) visit(next);
  };
  visit(source);
  return { styles: [...styles], scripts: [...scripts] };
}

/** index.html with the rendered page in #root, its links in the head and the data it was rendered from. */
export function pageHtml(template: string, links: string, page: RenderedPage): string {
  const root = '<div id="root"></div>';
  if (!template.includes(root) || !template.includes("</head>"))
    throw new Error("index.html: no #root or head");
  return template
    .replace(/<html lang="[a-z]+"/, `<html lang="${page.language}"`)
    .replace("</head>", () => `${links}</head>`)
    .replace(root, () => `<div id="root">${page.html}</div>${page.data}`);
}

/**
 * Sends the page the browser asked for (`GET` of a path of the app). Rendered here when the request carries a
 * session and the renderer can render the path for that session's user; index.html otherwise, and whenever
 * rendering fails (the browser then renders the page as it always could).
 */
export function webPages(
  app: FastifyInstance,
  webDir: string,
  renderer: () => Promise<PageRenderer | null>,
): (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> {
  // cacheControl: false, or the static files' max-age would replace no-cache: the page must be asked anew
  // after every deployment, since it names the assets of the build it belongs to.
  const plain = (reply: FastifyReply) =>
    reply.header("cache-control", "no-cache").sendFile("index.html", { cacheControl: false });
  // index.html and the manifest, read again only when a new build has replaced index.html.
  let built: { mtimeMs: number; files: Promise<{ template: string; manifest: Manifest }> } | undefined;
  const build = async () => {
    const { mtimeMs } = await fs.stat(path.join(webDir, "index.html"));
    if (built?.mtimeMs !== mtimeMs) {
      const files = Promise.all([
        fs.readFile(path.join(webDir, "index.html"), "utf8"),
        fs.readFile(path.join(webDir, ".vite/manifest.json"), "utf8"),
      ]).then(([template, manifest]) => ({ template, manifest: JSON.parse(manifest) as Manifest }));
      files.catch(() => {
        if (built?.files === files) built = undefined; // a failed read is tried again
      });
      built = { mtimeMs, files };
    }
    return built.files;
  };

  return async (req, reply) => {
    const cookie = req.headers.cookie;
    if (!cookie || !req.cookies[SESSION_COOKIE]) return plain(reply);
    try {
      const render = await renderer();
      if (!render) return plain(reply);
      // The API as this user: the same routes, checks and answers as the browser's own requests.
      const get: ApiGet = async (apiPath) => {
        const res = await app.inject({
          method: "GET",
          url: apiPath,
          headers: { cookie, "accept-language": "sv", accept: "application/json" },
        });
        let body: unknown = null;
        try {
          body = res.json();
        } catch {
          // not JSON: the status says enough
        }
        return { status: res.statusCode, body };
      };
      const page = await render.renderPage(req.url, get);
      if (!page) return plain(reply);
      const { template, manifest } = await build();
      const body = pageHtml(template, pageLinks(manifest, page.source), page);
      // The page holds this user's data: no cache may keep it.
      reply.header("cache-control", "no-store").header("vary", "cookie").type("text/html; charset=utf-8");
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        return reply.header("content-encoding", "gzip").send(await gzip(body));
      }
      return reply.send(body);
    } catch (error) {
      req.log.warn({ err: error }, "server rendering failed: index.html sent instead");
      return plain(reply);
    }
  };
}
