import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_ARGS, SERVER_NODE_FLAGS } from "../src/server/launch";

describe("how the server is started", () => {
  it("npm start runs node with the same arguments as the tests' and the benchmark's server processes", () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.start).toBe(`node ${SERVER_ARGS.join(" ")}`);
    expect(SERVER_ARGS.slice(0, SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);
  });
});
