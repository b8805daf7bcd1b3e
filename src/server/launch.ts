/**
 * How a server process is started, in one place: `npm start` (package.json, checked by test/launch.test.ts), and
 * the server processes of the tests and of the benchmark.
 *
 * `--max-semi-space-size=4` keeps V8's young generation at 4 MB a half (V8's own limit on a 64-bit machine is 16).
 * A request's garbage is short-lived and dies in a small nursery as in a large one; the cost is more frequent
 * scavenges. Measured on the benchmark's 100,000-case database under the API scenarios and server-rendered page
 * loads (bench/young-generation.ts, docs/performance-history.md, session 8): median peak resident set 374 → 309 MB,
 * throughput 0–13 % lower, within the noise; in the full runs at 1,000,000 cases 385 → 298 MB (target 400 MB).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=4"] as const;

/** `node` arguments that run the server from the project's root. */
export const SERVER_ARGS: readonly string[] = [...SERVER_NODE_FLAGS, "--import", "tsx", "src/server/main.ts"];
