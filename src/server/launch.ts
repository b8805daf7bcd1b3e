/**
 * How a server process is started, in one place: `npm start` (package.json, checked by test/launch.test.ts), and
 * the server processes of the tests and of the benchmark.
 *
 * `--max-semi-space-size=4` keeps V8's young generation at 4 MB a half (V8's own limit on a 64-bit machine is 16). A
 * request's garbage is short-lived, so a smaller nursery is collected more often at the same cost per byte; the
 * benchmark measured the server's peak resident set under the API scenarios and server-rendered page loads about
 * 45 MB lower at 100,000 cases (docs/performance.md, session 8), against the 400 MB target.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=4"] as const;

/** `node` arguments that run the server from the project's root. */
export const SERVER_ARGS: readonly string[] = [...SERVER_NODE_FLAGS, "--import", "tsx", "src/server/main.ts"];
