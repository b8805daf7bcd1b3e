/** Calendar dates as the API has them ("YYYY-MM-DD"), in Swedish time like the server. */

const STOCKHOLM = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today in Stockholm. Forms default their dates to this. */
export function todayIso(): string {
  return STOCKHOLM.format(new Date());
}

/** Whether `value` is a date as YYYY-MM-DD that is in the calendar (2027-02-29 is not). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && fromUtc(toUtc(value)) === value;
}

function toUtc(date: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Calendar months, clamped to the month's end (2027-01-31 + 1 → 2027-02-28), as the server counts. */
export function addMonths(date: string, months: number): string {
  const d = toUtc(date);
  const day = d.getUTCDate();
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, last));
  return fromUtc(target);
}

/** Whole days from today to `date` (negative when past). */
export function daysFromToday(date: string): number {
  return Math.round((toUtc(date).getTime() - toUtc(todayIso()).getTime()) / 86_400_000);
}

const STAMP = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

/** "2027-01-10 14:02" in Swedish time, as the case log shows it. */
export function stamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return STAMP.format(date);
}

/** The calendar date of a timestamp in Swedish time. */
export function dateOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso.slice(0, 10) : STOCKHOLM.format(date);
}
