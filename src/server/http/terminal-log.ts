import { Writable } from "node:stream";

/**
 * Readable one-line logs for a person at a terminal (`npm start` in a TTY): each request as one line when it
 * completes — `06:41:07  GET /api/cases?step=protocol → 200  4.1 ms` — and other messages as
 * `06:41:07  WARN  message`. pino's JSON stays the default when stdout is no terminal or NODE_ENV=production
 * (config.ts decides). It reads pino's JSON lines, so redaction and serializers apply as for the JSON log.
 */

const LEVELS: Record<number, string> = {
  10: "TRACE",
  20: "DEBUG",
  30: "INFO",
  40: "WARN",
  50: "ERROR",
  60: "FATAL",
};

interface PinoLine {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

function clock(ms: number | undefined): string {
  const d = new Date(ms ?? Date.now());
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/** Formats one pino line, remembering a request's method and URL until it completes. Null: nothing to print. */
export function terminalLogFormatter(): (line: string) => string | null {
  const open = new Map<string, string>();
  return (line) => {
    let o: PinoLine;
    try {
      o = JSON.parse(line) as PinoLine;
    } catch {
      return line;
    }
    const time = clock(o.time);
    if (o.msg === "incoming request" && o.reqId) {
      open.set(o.reqId, `${o.req?.method ?? "?"} ${o.req?.url ?? "?"}`);
      // A request that never completes (the connection dropped) must not keep its entry for ever.
      if (open.size > 10_000) open.delete(open.keys().next().value as string);
      return null;
    }
    if (o.msg === "request completed" && o.reqId) {
      const what = open.get(o.reqId) ?? "request";
      open.delete(o.reqId);
      const ms = o.responseTime === undefined ? "" : `  ${o.responseTime.toFixed(1)} ms`;
      return `${time}  ${what} → ${o.res?.statusCode ?? "?"}${ms}`;
    }
    const level = LEVELS[o.level ?? 30] ?? "INFO";
    const err = o.err ? `\n${o.err.stack ?? o.err.message ?? ""}` : "";
    return `${time}  ${level.padEnd(5)} ${o.msg ?? ""}${err}`;
  };
}

/** A stream for pino (Fastify's `logger.stream`) that writes the formatted lines to `out`. */
export function terminalLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  const format = terminalLogFormatter();
  let rest = "";
  return new Writable({
    write(chunk, _enc, done) {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (!line) continue;
        const text = format(line);
        if (text !== null) out.write(`${text}\n`);
      }
      done();
    },
  });
}

/** Which log a server started from the command line writes: none, readable lines, or pino's JSON. */
export function logOutput(env: NodeJS.ProcessEnv, stdoutIsTty: boolean): "none" | "terminal" | "json" {
  if (env.SPELPLAN_QUIET === "1") return "none";
  if (env.SPELPLAN_LOG_FORMAT === "json" || env.NODE_ENV === "production" || !stdoutIsTty) return "json";
  return "terminal";
}
