/**
 * Watching a benchmarked server from outside: until its queue has drained, its resident set while a run goes on,
 * and how long it keeps a /healthz request waiting (a synchronous SQLite query holds the whole process).
 */
import type { Proc } from "./processes";

/** How long one /healthz takes to answer, in ms (a failed request counts by the time it took). */
async function healthzMs(url: string): Promise<number> {
  const t = performance.now();
  try {
    await (await fetch(`${url}/healthz`)).arrayBuffer();
  } catch {
    // counted by the time it took
  }
  return performance.now() - t;
}

/** Waits until the server answers /healthz promptly again (requests from a finished run may still be queued). */
export async function drain(url: string, limitS = 900): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while ((performance.now() - started) / 1000 < limitS) {
    fast = (await healthzMs(url)) < 50 ? fast + 1 : 0;
    if (fast >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/** Samples the server's RSS while a promise runs. */
export async function sampling<T>(proc: Proc, maxRss: { mb: number }, work: Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const m = proc.memory();
    if (m && m.rssMb > maxRss.mb) maxRss.mb = m.rssMb;
  }, 250);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/**
 * How long the server keeps everyone else waiting: /healthz asked every 200 ms while something else runs; the
 * longest answer time (a synchronous SQLite query blocks the whole process).
 */
export function stalls(url: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      worst = Math.max(worst, await healthzMs(url));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Math.round(worst);
    },
  };
}
