import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import { pageHtml, pageLinks, rendererInWorker } from "../../src/server/web-pages";
import type { ApiGet } from "../../src/shared/ssr";
import { SERVER_RENDER_ID, serverRenderBlock } from "../../src/web/server-render";
import { login, type Session } from "../support/app";
import { openNewRegionCase } from "../support/cases";
import { freshDb, type TestDb } from "../support/db";
import { makeWorld, testClock } from "../support/factories";

/**
 * The server's rendering of a page (src/web/entry-server.tsx, loaded here from its source) behind the real
 * app: what a logged-in user's full page load gets, and what anyone else gets. The rendering reads through the
 * app's own routes, so it is the same on either engine; SQLite only.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const TEMPLATE =
  '<!doctype html><html lang="sv"><head><script type="module" src="/assets/index.js"></script>' +
  '<link rel="stylesheet" href="/assets/index.css"></head><body><div id="root"></div></body></html>';
const MANIFEST = {
  "index.html": { file: "assets/index.js", css: ["assets/index.css"], imports: [] },
  "pages/DashboardPage.tsx": {
    file: "assets/DashboardPage.js",
    imports: ["index.html", "_common.js"],
    css: ["assets/DashboardPage.css"],
  },
  "_common.js": { file: "assets/common.js", css: ["assets/common.css", "assets/index.css"] },
  "pages/case/CasePage.tsx": { file: "assets/CasePage.js", imports: ["index.html", "_common.js"] },
};

describe("pages rendered on the server", () => {
  let t: TestDb;
  let app: FastifyInstance;
  let webDir: string;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let secretariat: Session;
  let regionLeadA: Session;
  let regionLeadB: Session;
  let caseId: string;
  let registrationNumber: string;

  beforeAll(async () => {
    t = await freshDb("sqlite");
    world = await makeWorld(t.db);
    webDir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-web-"));
    fs.writeFileSync(path.join(webDir, "index.html"), TEMPLATE);
    fs.mkdirSync(path.join(webDir, ".vite"));
    fs.writeFileSync(path.join(webDir, ".vite/manifest.json"), JSON.stringify(MANIFEST));
    const config = { ...loadConfig({}), dataDir: "/nonexistent", loadDemoData: false };
    app = await buildApp(
      { db: t.db, config, clock: testClock("2027-01-10T09:00:00Z"), newId: randomUUID },
      { webDir, ssr: { file: path.join(ROOT, "src/web/entry-server.tsx"), worker: false } },
    );
    await app.ready();
    secretariat = await login(app, world.users.secretariat.email);
    regionLeadA = await login(app, world.users.regionLeadA.email);
    regionLeadB = await login(app, world.users.regionLeadB.email);
    const opened = await openNewRegionCase(regionLeadA, world.regionA);
    caseId = opened.id;
    registrationNumber = opened.registrationNumber;
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  /** The data block's content: what the browser takes over. */
  function handedOver(html: string): { language: string; queries: { queries: { queryKey: unknown[] }[] } } {
    const m = html.match(
      new RegExp(`<script type="application/json" id="${SERVER_RENDER_ID}">(.*?)</script>`),
    );
    if (!m) throw new Error("no data block in the page");
    return JSON.parse(m[1]);
  }

  it("renders the dashboard with its data for the secretariat, styled and private", async () => {
    const res = await secretariat.request({ method: "GET", url: "/dashboard" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const root = res.body.slice(
      res.body.indexOf('<div id="root">'),
      res.body.indexOf(`id="${SERVER_RENDER_ID}"`),
    );
    expect(root).toContain("Översikt");
    expect(root).toContain("Ärenden per steg");
    // The page's own styles and scripts, not the entry's again.
    expect(res.body).toContain('<link rel="stylesheet" crossorigin href="/assets/DashboardPage.css">');
    expect(res.body).toContain('<link rel="stylesheet" crossorigin href="/assets/common.css">');
    expect(res.body).toContain('<link rel="modulepreload" crossorigin href="/assets/DashboardPage.js">');
    expect(res.body.match(/assets\/index\.css/g)).toHaveLength(1);
    const data = handedOver(res.body);
    expect(data.language).toBe("sv");
    expect(data.queries.queries.map((q) => q.queryKey)).toEqual(
      expect.arrayContaining([["me"], ["dashboard"], ["regions"]]),
    );
  });

  it("renders a case page for a participant, and nothing of the case for an outsider", async () => {
    const own = await regionLeadA.request({ method: "GET", url: `/cases/${caseId}` });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain(registrationNumber);
    expect(handedOver(own.body).queries.queries.map((q) => q.queryKey)).toContainEqual([
      "cases",
      "detail",
      caseId,
    ]);

    // The API answers the outsider 404; the page is rendered without the case, which the browser then reports.
    const other = await regionLeadB.request({ method: "GET", url: `/cases/${caseId}` });
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(registrationNumber);
    expect(other.body).not.toContain(`${caseId.slice(0, 8)}","`);
    expect(handedOver(other.body).queries.queries.map((q) => q.queryKey)).toEqual([["me"]]);
  });

  it("sends index.html as it is to a visitor without a session, or with an expired one", async () => {
    for (const cookie of [undefined, "spelplan_session=not-a-session"]) {
      const res = await app.inject({ method: "GET", url: "/dashboard", headers: cookie ? { cookie } : {} });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(TEMPLATE);
      expect(res.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("leaves a page that is not one of the app's pages to the browser", async () => {
    const res = await secretariat.request({ method: "GET", url: "/no/such/page" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(TEMPLATE);
  });

  it("leaves the start page to the browser for an administrator, whom it sends on to the users", async () => {
    const admin = await login(app, world.users.admin.email);
    expect((await admin.request({ method: "GET", url: "/" })).body).toBe(TEMPLATE);
    const users = await admin.request({ method: "GET", url: "/users" });
    expect(users.body).not.toBe(TEMPLATE);
    expect(users.body).toContain(SERVER_RENDER_ID);
    // The secretariat's start page is its tasks, rendered.
    expect((await secretariat.request({ method: "GET", url: "/" })).body).toContain("Mina uppgifter");
  });

  it("renders an account in English in English, beside pages in Swedish rendered at the same time", async () => {
    await t.db.updateTable("users").set({ language: "en" }).where("id", "=", world.users.board.id).execute();
    const board = await login(app, world.users.board.email);
    const rootOf = (html: string) =>
      html.slice(html.indexOf('<div id="root">'), html.indexOf(`id="${SERVER_RENDER_ID}"`));
    const pages = await Promise.all(
      [board, secretariat, board, secretariat].map((s) => s.request({ method: "GET", url: "/meetings" })),
    );
    for (const [i, res] of pages.entries()) {
      const english = i % 2 === 0;
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(english ? '<html lang="en">' : '<html lang="sv">');
      expect(rootOf(res.body)).toContain(english ? "Board meetings" : "Styrelsemöten");
      expect(rootOf(res.body)).not.toContain(english ? "Styrelsemöten" : "Board meetings");
      expect(handedOver(res.body).language).toBe(english ? "en" : "sv");
    }
  });

  it("takes the template of a new build (index.html replaced) for the next page", async () => {
    const file = path.join(webDir, "index.html");
    expect((await secretariat.request({ method: "GET", url: "/dashboard" })).body).not.toContain("build-2");
    fs.writeFileSync(file, TEMPLATE.replace("<head>", "<head><!-- build-2 -->"));
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(file, later, later);
    try {
      const res = await secretariat.request({ method: "GET", url: "/dashboard" });
      expect(res.body).toContain("<!-- build-2 -->");
      expect(res.body).toContain("Ärenden per steg");
    } finally {
      fs.writeFileSync(file, TEMPLATE);
    }
  });

  it("answers in gzip when the browser accepts it", async () => {
    const res = await secretariat.request({
      method: "GET",
      url: "/dashboard",
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(res.headers["content-encoding"]).toBe("gzip");
    const { gunzipSync } = await import("node:zlib");
    expect(gunzipSync(res.rawPayload).toString("utf8")).toContain("Ärenden per steg");
  });

  it("renders without a query that has not answered in time (the browser asks it itself)", async () => {
    const { renderPage } = await import("../../src/web/entry-server");
    const get: ApiGet = async (apiPath) => {
      if (apiPath === "/api/dashboard") return new Promise(() => {}); // never answers
      const res = await secretariat.request({ method: "GET", url: apiPath });
      return { status: res.statusCode, body: res.json() };
    };
    const page = await renderPage("/dashboard", get, 50);
    expect(page).not.toBeNull();
    expect(page?.html).toContain("Översikt");
    expect(page?.html).not.toContain("Ärenden per steg");
    const keys = handedOver(page?.data ?? "").queries.queries.map((q) => q.queryKey);
    expect(keys).toContainEqual(["regions"]);
    expect(keys).not.toContainEqual(["dashboard"]);
  });
});

describe("the page's links and the data block", () => {
  it("links the page chunk's styles and scripts and those of what it imports, once each", () => {
    expect(pageLinks(MANIFEST, "pages/DashboardPage.tsx")).toBe(
      '<link rel="stylesheet" crossorigin href="/assets/DashboardPage.css">' +
        '<link rel="stylesheet" crossorigin href="/assets/common.css">' +
        '<link rel="modulepreload" crossorigin href="/assets/DashboardPage.js">' +
        '<link rel="modulepreload" crossorigin href="/assets/common.js">',
    );
    expect(pageLinks(MANIFEST, "pages/Unknown.tsx")).toBe("");
  });

  it("keeps text that would end the data block early inside it, and gives back what went in", () => {
    const tricky = "</script><script>alert(1)</script><!--";
    const block = serverRenderBlock({
      language: "sv",
      queries: { mutations: [], queries: [] },
      note: tricky,
    } as never);
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    expect(block).not.toContain("<script>alert");
    const json = block.slice(block.indexOf(">") + 1, block.lastIndexOf("</script>"));
    expect(JSON.parse(json).note).toBe(tricky);
  });

  it("puts the page into #root and refuses a template without one", () => {
    const page = { html: "<p>$& $1</p>", data: "<script></script>", source: "x", language: "sv" as const };
    expect(pageHtml(TEMPLATE, "<link>", page)).toContain(
      '<div id="root"><p>$& $1</p></div><script></script>',
    );
    expect(() => pageHtml("<html><head></head><body></body></html>", "", page)).toThrow(/#root/);
  });
});

describe("the rendering worker", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-worker-"));
  const log = { warn: () => {} } as never;
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for dist/ssr/entry-worker.js, speaking its messages. */
  function workerFile(name: string, body: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `import { parentPort } from "node:worker_threads";\n${body}`);
    return file;
  }

  it("asks the server for the answers it needs and sends back the page", async () => {
    const file = workerFile(
      "echo.mjs",
      `parentPort.on("message", (m) => {
        if (m.type === "render") parentPort.postMessage({ type: "get", id: m.id, call: 1, path: "/api/x?u=" + m.url });
        else parentPort.postMessage({ type: "done", id: m.id, page: { html: String(m.answer.body), data: "", source: "s" } });
      });`,
    );
    const source = rendererInWorker(file, log);
    const renderer = await source();
    const asked: string[] = [];
    const get: ApiGet = async (p) => {
      asked.push(p);
      return { status: 200, body: `answer to ${p}` };
    };
    const [one, two] = await Promise.all([renderer?.renderPage("/a", get), renderer?.renderPage("/b", get)]);
    expect(one?.html).toBe("answer to /api/x?u=/a");
    expect(two?.html).toBe("answer to /api/x?u=/b");
    expect(asked.sort()).toEqual(["/api/x?u=/a", "/api/x?u=/b"]);
    // Closed with the server; a later rendering starts a new worker.
    await source.close();
    expect((await renderer?.renderPage("/c", get))?.html).toBe("answer to /api/x?u=/c");
    await source.close();
  });

  /** A stand-in worker that counts its starts (one "x" each) and answers each message with `onMessage`. */
  function countedWorker(name: string, onMessage: string): { file: string; starts: () => string } {
    const counter = path.join(dir, `${name}.starts`);
    const file = workerFile(
      `${name}.mjs`,
      `import fs from "node:fs";
      fs.appendFileSync(${JSON.stringify(counter)}, "x");
      parentPort.on("message", ${onMessage});`,
    );
    return { file, starts: () => (fs.existsSync(counter) ? fs.readFileSync(counter, "utf8") : "") };
  }

  it("fails the renderings of a worker that dies, and starts a new one for the next", async () => {
    const worker = countedWorker("crash", "() => process.exit(3)");
    const renderer = await rendererInWorker(worker.file, log)();
    const get: ApiGet = async () => ({ status: 200, body: null });
    await expect(renderer?.renderPage("/a", get)).rejects.toThrow(/stopped/);
    await expect(renderer?.renderPage("/b", get)).rejects.toThrow(/stopped/);
    expect(worker.starts()).toBe("xx");
  });

  it("starts before the first page when the server is ready, and that worker renders it", async () => {
    const worker = countedWorker(
      "prestarted",
      `(m) => parentPort.postMessage({ type: "done", id: m.id, page: { html: m.url, data: "", source: "s" } })`,
    );
    const source = rendererInWorker(worker.file, log);
    await source.prestart();
    await expect.poll(worker.starts, { timeout: 5000 }).toBe("x");
    await source.prestart();
    const renderer = await source();
    expect((await renderer?.renderPage("/first", async () => ({ status: 200, body: null })))?.html).toBe(
      "/first",
    );
    expect(worker.starts()).toBe("x");
    await source.close();
  });

  it("is unavailable (the browser renders) when the built worker is missing", async () => {
    const source = rendererInWorker(path.join(dir, "missing.js"), log);
    await source.prestart();
    expect(await source()).toBeNull();
  });
});
