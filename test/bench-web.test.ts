import { describe, expect, it } from "vitest";
import { pageLoads } from "../bench/web";

// A build's manifest as Vite writes it: the entry, two pages sharing a chunk, and a part loaded later.
const MANIFEST = {
  "index.html": { file: "assets/index.js", css: ["assets/index.css"], isEntry: true },
  "pages/DashboardPage.tsx": {
    file: "assets/DashboardPage.js",
    imports: ["index.html", "_common.js"],
    css: ["assets/DashboardPage.css"],
  },
  "_common.js": { file: "assets/common.js", css: ["assets/common.css", "assets/index.css"] },
  "pages/case/CasePage.tsx": {
    file: "assets/CasePage.js",
    imports: ["index.html", "_common.js"],
    dynamicImports: ["components/documents/DocumentsPanel.tsx", "pages/case/forms/early.tsx"],
  },
  "components/documents/DocumentsPanel.tsx": { file: "assets/DocumentsPanel.js", imports: ["_common.js"] },
  // A part of a page's folder that the page loads later (a deferred form): in the manifest, but not a page.
  "pages/case/forms/early.tsx": {
    file: "assets/early.js",
    imports: ["index.html", "pages/case/CasePage.tsx"],
  },
};

const SIZES: Record<string, number> = {
  "assets/index.js": 200_000,
  "assets/index.css": 20_000,
  "assets/DashboardPage.js": 4_000,
  "assets/DashboardPage.css": 500,
  "assets/common.js": 30_000,
  "assets/common.css": 3_000,
  "assets/CasePage.js": 25_000,
  "assets/DocumentsPanel.js": 9_000,
  "assets/early.js": 6_000,
};

describe("the benchmark's first load of each page", () => {
  it("counts index.html's files and the page's own chunks and styles, each once, without what loads later, for the app's pages (src/web/pages.ts: *Page.tsx)", () => {
    const loads = pageLoads(MANIFEST, ["assets/index.js", "assets/index.css"], (f) => SIZES[f] ?? Number.NaN);
    expect(loads).toEqual([
      {
        page: "pages/DashboardPage.tsx",
        gzipBytes: 200_000 + 20_000 + 4_000 + 500 + 30_000 + 3_000,
        files: [
          "assets/DashboardPage.js",
          "assets/common.js",
          "assets/DashboardPage.css",
          "assets/common.css",
        ],
      },
      {
        page: "pages/case/CasePage.tsx",
        gzipBytes: 200_000 + 20_000 + 25_000 + 30_000 + 3_000,
        files: ["assets/CasePage.js", "assets/common.js", "assets/common.css"],
      },
    ]);
  });
});
