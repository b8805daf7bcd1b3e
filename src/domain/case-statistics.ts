/**
 * Case statistics kept beside the cases (the dashboard's "time per step"): each stay in a state, when it ends,
 * is counted in a histogram by the calendar month it ended in and by its length, so the median over a year is
 * read from a few hundred counters instead of the transition events of every case.
 *
 * Lengths are bucketed: tenths of a day below ten days, whole days from ten days on (a median of 23.4 days is
 * shown as 23). The bucket is an integer in tenths of a day.
 */
import { addCalendarMonths, type IsoDate, stockholmDate } from "./certification/deadlines";

const DAY_MS = 86_400_000;

/** The bucket of a stay of `days` days (≥ 0): tenths below ten days, whole days (× 10) from there on. */
export function stayBucket(days: number): number {
  const d = Math.max(0, days);
  return d < 10 ? Math.round(d * 10) : Math.round(d) * 10;
}

/** The stay between two instants (ISO strings), in days. */
export function stayDays(enteredAt: string, leftAt: string): number {
  return Math.max(0, (Date.parse(leftAt) - Date.parse(enteredAt)) / DAY_MS);
}

/** The calendar month (Stockholm) of an instant: "2027-03". */
export function monthOf(instant: string): string {
  return stockholmDate(new Date(instant)).slice(0, 7);
}

/** The first month of the twelve-month window ending with today's month ("2027-03-15" → "2026-04"). */
export function windowStartMonth(today: IsoDate): string {
  return addCalendarMonths(`${today.slice(0, 7)}-01`, -11).slice(0, 7);
}

/**
 * The median length in days from histogram counts (bucket, n), rounded to one decimal; null when empty.
 * With an even number of stays, the mean of the two middle ones.
 */
export function histogramMedian(counts: readonly { bucket: number; n: number }[]): number | null {
  const sorted = counts.filter((c) => c.n > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, c) => sum + c.n, 0);
  if (total === 0) return null;
  // The values at 0-based positions lo and hi of the sorted stays (equal when the total is odd).
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.floor(total / 2);
  let seen = 0;
  let loValue: number | null = null;
  let hiValue: number | null = null;
  for (const c of sorted) {
    if (loValue === null && lo < seen + c.n) loValue = c.bucket;
    if (hi < seen + c.n) {
      hiValue = c.bucket;
      break;
    }
    seen += c.n;
  }
  const median = ((loValue as number) + (hiValue as number)) / 2 / 10;
  return Math.round(median * 10) / 10;
}
