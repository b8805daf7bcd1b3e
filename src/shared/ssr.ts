/**
 * The one narrow interface between the server and the web app's server rendering. The server loads the built
 * renderer by path (dist/ssr/entry-worker.js in a worker thread, or a module with `renderPage` in its own thread)
 * and talks to it only through these types; no server module imports web source (scripts/check-imports.ts).
 */
import type { Language } from "./roles";

/** An answer of the API to a GET, asked as the user whose page is rendered (the server's own routes). */
export interface ApiAnswer {
  status: number;
  body: unknown;
}
export type ApiGet = (path: string) => Promise<ApiAnswer>;

export interface RenderedPage {
  /** The HTML inside #root. */
  html: string;
  /** The data it was rendered from, for the browser to take over: an HTML element (server-render.ts). */
  data: string;
  /** The page's module under src/web: its chunk and styles are named in the build's manifest. */
  source: string;
  /** The language it is in (the account's). */
  language: Language;
}

/** A renderer module: the page at `url` (path and query) for the user `get` asks as, or null (not a page). */
export interface PageRenderer {
  renderPage(url: string, get: ApiGet): Promise<RenderedPage | null>;
}

/** From the server to the rendering worker: render `url`, or the answer to a question of a rendering. */
export type ToWorker =
  | { type: "render"; id: number; url: string }
  | { type: "answer"; id: number; call: number; answer: ApiAnswer | null; error?: string };
/** From the worker to the server: a question (GET `path` as the visitor), or a rendering's result. */
export type FromWorker =
  | { type: "get"; id: number; call: number; path: string }
  | { type: "done"; id: number; page: RenderedPage | null }
  | { type: "failed"; id: number; message: string };
