import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Where the dev server sends `/api` (the Fastify server). Override with SPELPLAN_API_URL. */
const apiTarget = process.env.SPELPLAN_API_URL ?? "http://localhost:3000";

/**
 * Only `/api/…` goes to the server: a plain "/api" prefix would also swallow the module `src/web/api.ts`,
 * which the dev server serves as `/api.ts`.
 */
const proxy = {
  "^/api/": { target: apiTarget, changeOrigin: false },
  "/healthz": { target: apiTarget, changeOrigin: false },
};

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every built text file over 1 KB, once, at build time;
 * the server sends the one the browser accepts (@fastify/static's `preCompressed`), so the app's first load
 * travels compressed without compressing on every request.
 */
function precompress(): Plugin {
  let outDir = "";
  return {
    name: "spelplan-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const file = path.join(dir, name);
          return statSync(file).isDirectory() ? walk(file) : [file];
        });
      for (const file of walk(outDir)) {
        if (!/\.(js|css|html|svg|json|txt)$/.test(file)) continue;
        const body = readFileSync(file);
        if (body.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
        );
      }
    },
  };
}

/**
 * Two builds of the same sources (`npm run build` runs both): the browser's app into dist/web, with a manifest
 * of its chunks and their styles; and, with `--ssr`, the server's rendering of the first page
 * (src/web/entry-server.tsx) into dist/ssr, which imports React, Mantine and the rest from node_modules.
 */
export default defineConfig(({ isSsrBuild }) => ({
  root: "src/web",
  plugins: isSsrBuild ? [react()] : [react(), precompress()],
  build: isSsrBuild
    ? {
        outDir: "../../dist/ssr",
        emptyOutDir: true,
        sourcemap: true,
        rolldownOptions: { input: ["entry-server.tsx", "entry-worker.ts"] },
      }
    : {
        outDir: "../../dist/web",
        emptyOutDir: true,
        sourcemap: true,
        // The server reads it for the chunk and the styles of the page it renders (src/server/web-pages.ts).
        manifest: true,
        chunkSizeWarningLimit: 1500,
        // Pages are chunks of their own, loaded on the way to them (src/web/pages.ts). What the first load
        // needs stays one file ("$initial": no group may pull it out into a chunk of its own); what at least
        // four pages share goes into one "common" chunk, so that a page is a few requests rather than dozens.
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: "index", tags: ["$initial"], priority: 2 },
                { name: "common", minShareCount: 4, priority: 1 },
              ],
            },
          },
        },
      },
  // The server's rendering carries what it uses of its packages (as the browser's build does), rather than
  // importing each package whole from node_modules: the icon package alone is thousands of modules.
  ssr: { noExternal: true },
  // React's production build on the server too, whatever NODE_ENV the server runs with (the browser's build
  // is production already).
  define: isSsrBuild ? { "process.env.NODE_ENV": JSON.stringify("production") } : undefined,
  server: {
    port: 5173,
    proxy,
  },
  preview: {
    proxy,
  },
}));
