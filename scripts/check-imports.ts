/**
 * The house's drawing, checked: `npm run check` fails on an import cycle, an upward import, or a source file over
 * 600 lines that does not say at its top why it is that long ("Long file: …").
 *
 * Layers, top to bottom: web → server → domain → shared (bench, scripts and tests, `*.test.ts` beside the code
 * included, sit above them all). A file may import its own layer and the layers below it, never one above: the web
 * may read the server's response types, the server never imports web source (it loads the built renderer by path
 * through src/shared/ssr.ts). Type-only imports count too: they are dependencies of the code's meaning, if not of
 * its bundle. Cycles are found among all source files (strongly connected components of the relative-import
 * graph).
 *
 * Usage: tsx scripts/check-imports.ts [root]   (exit 1 with the problems listed)
 */
import fs from "node:fs";
import path from "node:path";

export type Layer = "shared" | "domain" | "server" | "web" | "tooling";

/** What each layer may import besides itself. */
export const ALLOWED: Record<Layer, readonly Layer[]> = {
  shared: [],
  domain: ["shared"],
  server: ["domain", "shared"],
  web: ["server", "domain", "shared"],
  tooling: ["shared", "domain", "server", "web"],
};

export function layerOf(file: string): Layer {
  // A test beside the code it tests stands above it, with the test support.
  if (/\.test\.tsx?$/.test(file)) return "tooling";
  const [top, second] = file.split("/");
  if (top !== "src") return "tooling";
  if (second === "shared" || second === "domain" || second === "server" || second === "web") return second;
  return "tooling";
}

const SOURCE = /\.(ts|tsx)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "data", "test-results", "coverage"]);

/** Relative module specifiers of a file: static imports and re-exports (type-only too) and dynamic imports. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s[^'";]*?\sfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1].startsWith(".")) out.push(m[1]);
  return out;
}

function resolve(from: string, spec: string, exists: (f: string) => boolean): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    `${base}/index.ts`,
    `${base}/index.tsx`,
    base.replace(/\.js$/, ".ts"),
    base.replace(/\.js$/, ".tsx"),
  ];
  return candidates.find((c) => SOURCE.test(c) && exists(c)) ?? null;
}

export type Graph = Map<string, string[]>;

export function buildGraph(files: Record<string, string>): Graph {
  const exists = (f: string) => f in files;
  const graph: Graph = new Map();
  for (const [file, text] of Object.entries(files)) {
    const targets = importsOf(text)
      .map((spec) => resolve(file, spec, exists))
      .filter((t): t is string => t !== null && t !== file);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Imports that go up or sideways between web and server. */
export function upwardImports(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = layerOf(file);
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== from && !ALLOWED[from].includes(to)) out.push(`${file} (${from}) imports ${target} (${to})`);
    }
  }
  return out.sort();
}

/** The cycles: strongly connected components with more than one file (Tarjan's algorithm, iterative). */
export function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = graph.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const t = targets[frame.next++];
        if (!index.has(t)) {
          index.set(t, counter);
          low.set(t, counter++);
          stack.push(t);
          onStack.add(t);
          work.push({ node: t, next: 0 });
        } else if (onStack.has(t)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(t) as number));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent) as number, low.get(frame.node) as number));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        for (;;) {
          const n = stack.pop() as string;
          onStack.delete(n);
          component.push(n);
          if (n === frame.node) break;
        }
        if (component.length > 1) out.push(component.sort());
      }
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(dir ? `${dir}/${entry.name}` : entry.name);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        const rel = dir ? `${dir}/${entry.name}` : entry.name;
        files[rel] = fs.readFileSync(path.join(root, rel), "utf8");
      }
    }
  };
  for (const top of ["src", "bench", "scripts", "test"]) if (fs.existsSync(path.join(root, top))) walk(top);
  return files;
}

/** Longest a hand-written source file may be without saying why at its top. */
export const MAX_LINES = 600;
/** How a long file says why, in its first lines: `Long file: <the reason>`. */
const LONG_REASON = /Long file: \S/;

/** Files over MAX_LINES lines whose first 20 lines give no reason for their length. */
export function longFiles(files: Record<string, string>): string[] {
  return Object.entries(files)
    .map(([file, text]) => ({ file, text, lines: text.split("\n").length }))
    .filter((f) => f.lines > MAX_LINES && !LONG_REASON.test(f.text.split("\n").slice(0, 20).join("\n")))
    .map((f) => `${f.file} (${f.lines} lines)`)
    .sort();
}

export function checkTree(root: string): { files: number; problems: string[] } {
  const files = readTree(root);
  const graph = buildGraph(files);
  const problems = [
    ...upwardImports(graph).map((p) => `upward import: ${p}`),
    ...cycles(graph).map((c) => `import cycle: ${c.join(" ↔ ")}`),
    ...longFiles(files).map(
      (f) => `file over ${MAX_LINES} lines, with no "Long file: <reason>" at its top: ${f}`,
    ),
  ];
  return { files: Object.keys(files).length, problems };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("check-imports.ts")) {
  const root = path.resolve(process.argv[2] ?? ".");
  const { files, problems } = checkTree(root);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    console.error(`\n${problems.length} import problem(s) in ${files} files.`);
    process.exit(1);
  }
  console.log(
    `Imports: ${files} files, no cycle, no upward import, none over ${MAX_LINES} lines without a reason.`,
  );
}
