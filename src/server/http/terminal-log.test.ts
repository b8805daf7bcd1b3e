import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { logOutput, terminalLogFormatter, terminalLogStream } from "./terminal-log";

const at = new Date(2026, 11, 7, 6, 41, 7).getTime();

describe("terminal log", () => {
  it("prints a request as one line when it completes", () => {
    const format = terminalLogFormatter();
    expect(
      format(
        JSON.stringify({
          level: 30,
          time: at,
          reqId: "r1",
          msg: "incoming request",
          req: { method: "GET", url: "/api/cases" },
        }),
      ),
    ).toBeNull();
    expect(
      format(
        JSON.stringify({
          level: 30,
          time: at,
          reqId: "r1",
          msg: "request completed",
          res: { statusCode: 200 },
          responseTime: 4.123,
        }),
      ),
    ).toBe("06:41:07  GET /api/cases → 200  4.1 ms");
  });

  it("prints other messages with their level, and an error's stack", () => {
    const format = terminalLogFormatter();
    expect(format(JSON.stringify({ level: 40, time: at, msg: "slow" }))).toBe("06:41:07  WARN  slow");
    expect(
      format(JSON.stringify({ level: 50, time: at, msg: "boom", err: { stack: "Error: boom\n  at x" } })),
    ).toBe("06:41:07  ERROR boom\nError: boom\n  at x");
    expect(format("not json")).toBe("not json");
  });

  it("splits the stream into lines, also across chunks", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (d) => {
      text += d.toString();
    });
    const stream = terminalLogStream(out);
    const line = JSON.stringify({ level: 30, time: at, msg: "hello" });
    stream.write(line.slice(0, 10));
    stream.write(`${line.slice(10)}\n`);
    await new Promise((r) => setImmediate(r));
    expect(text).toBe("06:41:07  INFO  hello\n");
  });

  it("is JSON when stdout is no terminal or in production, none when quiet", () => {
    expect(logOutput({}, true)).toBe("terminal");
    expect(logOutput({}, false)).toBe("json");
    expect(logOutput({ NODE_ENV: "production" }, true)).toBe("json");
    expect(logOutput({ SPELPLAN_LOG_FORMAT: "json" }, true)).toBe("json");
    expect(logOutput({ SPELPLAN_QUIET: "1" }, true)).toBe("none");
  });
});
