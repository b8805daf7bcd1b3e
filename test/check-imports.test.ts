import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildGraph,
  checkTree,
  cycles,
  importsOf,
  layerOf,
  longFiles,
  MAX_LINES,
  upwardImports,
} from "../scripts/check-imports";

describe("the import check", () => {
  it("finds a file over the line limit unless its top says why", () => {
    const body = "const x = 1;\n".repeat(MAX_LINES + 1);
    expect(
      longFiles({
        "src/a.ts": body,
        "src/b.ts": `/** Long file: the generated table of every municipality. */\n${body}`,
        "src/c.ts": "const y = 2;\n".repeat(MAX_LINES - 1),
      }),
    ).toEqual([`src/a.ts (${MAX_LINES + 2} lines)`]);
  });

  it("reads static, type-only, re-exported, side-effect and dynamic imports, and only relative ones", () => {
    const text = `
import { a } from "./a";
import type { B } from "../b";
export { c } from "./c";
export type { D } from "./d";
import "./side-effect";
import React from "react";
const lazy = () => import("./lazy");
`;
    expect(importsOf(text).sort()).toEqual(["../b", "./a", "./c", "./d", "./lazy", "./side-effect"]);
  });

  it("places files in layers, tests above everything", () => {
    expect(layerOf("src/shared/dto.ts")).toBe("shared");
    expect(layerOf("src/domain/access.ts")).toBe("domain");
    expect(layerOf("src/server/app.ts")).toBe("server");
    expect(layerOf("src/web/main.tsx")).toBe("web");
    expect(layerOf("src/server/modules/x.test.ts")).toBe("tooling");
    expect(layerOf("bench/run.ts")).toBe("tooling");
  });

  it("finds an upward import and a cycle, type-only imports included", () => {
    const graph = buildGraph({
      "src/shared/a.ts": 'import type { W } from "../web/w";',
      "src/web/w.tsx": 'import { s } from "../server/s";',
      "src/server/s.ts": 'import { d } from "../domain/d";\nimport type { R } from "../web/r";',
      "src/web/r.ts": "export type R = 1;",
      "src/domain/d.ts": 'import { e } from "./e";',
      "src/domain/e.ts": 'import { d } from "./d";',
    });
    expect(upwardImports(graph)).toEqual([
      "src/server/s.ts (server) imports src/web/r.ts (web)",
      "src/shared/a.ts (shared) imports src/web/w.tsx (web)",
    ]);
    expect(cycles(graph)).toEqual([["src/domain/d.ts", "src/domain/e.ts"]]);
  });

  it("finds a longer cycle once", () => {
    const graph = buildGraph({
      "bench/a.ts": 'import "./b";',
      "bench/b.ts": 'import "./c";',
      "bench/c.ts": 'import "./a";',
      "bench/d.ts": 'import "./a";',
    });
    expect(cycles(graph)).toEqual([["bench/a.ts", "bench/b.ts", "bench/c.ts"]]);
  });

  it("passes on this repository: no cycle, no upward import", () => {
    const { files, problems } = checkTree(path.resolve(import.meta.dirname, ".."));
    expect(files).toBeGreaterThan(300);
    expect(problems).toEqual([]);
  });
});
