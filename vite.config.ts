import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

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

export default defineConfig({
  root: "src/web",
  plugins: [react()],
  build: {
    outDir: "../../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    // Pages are chunks of their own, loaded on the way to them (src/web/pages.ts). What the first load needs
    // stays one file ("$initial": no group may pull it out into a chunk of its own); what at least four pages
    // share goes into one "common" chunk, so that a page is a few requests rather than dozens.
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
  server: {
    port: 5173,
    proxy,
  },
  preview: {
    proxy,
  },
});
