/**
 * The size budget of a page's first load (issue #9: initial JS + CSS ≤ 300 KB gzip), on the build the browser
 * tests run against: index.html's files and each page's own chunks and styles, as the server links them. A
 * page over budget fails here rather than only in the benchmark's report.
 */
import { describe, expect, it } from "vitest";
import { bundleReport } from "../../bench/web";

const BUDGET = 300 * 1024;

describe("the first load of each page", () => {
  it("stays within 300 KB of JavaScript and CSS, gzip-compressed", () => {
    const report = bundleReport(false);
    expect(report.pages.length).toBeGreaterThan(10);
    const over = report.pages
      .filter((p) => p.gzipBytes > BUDGET)
      .map((p) => `${p.page}: ${(p.gzipBytes / 1024).toFixed(1)} KB`);
    expect(over).toEqual([]);
    expect(report.pages.find((p) => p.page === "pages/case/CasePage.tsx")?.gzipBytes).toBeGreaterThan(
      report.totalGzip,
    );
  });
});
