/**
 * What a benchmark run tells on stderr: a progress bar (done/total, rate, elapsed and the time left), timestamped
 * log lines, and parts of the run that failed (noted in the report as well).
 */

export const log = (m: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

/** Runs one part of the benchmark; a failure is noted in the report instead of ending the run. */
export async function guarded(name: string, notes: string[], f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (err) {
    notes.push(`${name} failed: ${String(err).slice(0, 300)}`);
    log(`${name} failed: ${err}`);
  }
}

/** A progress bar on stderr: done/total, rate, elapsed and the time left. */
export class Progress {
  private readonly started = performance.now();
  private last = 0;
  constructor(
    private readonly total: number,
    private readonly unit: string,
    private readonly quiet = false,
  ) {}

  update(done: number, extra = ""): void {
    const t = performance.now();
    if (this.quiet || done >= this.total || t - this.last < 500) return;
    this.last = t;
    process.stderr.write(`\r${this.line(done, extra)}`);
  }

  done(extra = ""): void {
    if (this.quiet) return;
    process.stderr.write(`\r${this.line(this.total, extra)}\n`);
  }

  private line(done: number, extra: string): string {
    const elapsed = (performance.now() - this.started) / 1000;
    const share = this.total ? done / this.total : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const rate = elapsed > 0 ? done / elapsed : 0;
    const left = rate > 0 ? (this.total - done) / rate : 0;
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    return `${bar} ${(share * 100).toFixed(1).padStart(5)}% ${done.toLocaleString("en")}/${this.total.toLocaleString("en")} ${this.unit} · ${Math.round(rate).toLocaleString("en")}/s · ${clock(elapsed)} elapsed · ${clock(left)} left${extra ? ` · ${extra}` : ""}   `;
  }
}

export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h
    ? `${h}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`
    : `${m}:${String(sec).padStart(2, "0")}`;
}
