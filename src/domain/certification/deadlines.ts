/**
 * Calendar dates and deadlines in Europe/Stockholm.
 *
 * A date is an ISO calendar date string "YYYY-MM-DD" (a day in Sweden, no time). A deadline falls due at
 * the end of its due date in Stockholm (24:00 local). Instants are plain `Date`s; nothing here reads the
 * clock: `now` is always passed in.
 */
import { TZDate, tz } from "@date-fns/tz";
import { addDays, format } from "date-fns";

export const STOCKHOLM = "Europe/Stockholm";

/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** Months from the visit until the protocol is due. */
export const PROTOCOL_DEADLINE_MONTHS = 1;
/** Months from the protocol being sent until the response is due. */
export const RESPONSE_DEADLINE_MONTHS = 3;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const inStockholm = tz(STOCKHOLM);

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written "YYYY-MM-DD" (years 1000–9999). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Splits a date into numbers; throws a RangeError for anything that is not a real "YYYY-MM-DD" date. */
export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO calendar date: ${JSON.stringify(date)}`);
  const [year, month, day] = date.split("-").map(Number);
  return { year, month, day };
}

/** -1, 0 or 1; ISO dates order as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Local midnight at the start of `date` in Stockholm, as a zoned date. */
function startOfLocalDay(date: IsoDate): TZDate {
  const { year, month, day } = parseIsoDate(date);
  return new TZDate(year, month - 1, day, STOCKHOLM);
}

function formatLocal(date: Date): IsoDate {
  return format(date, "yyyy-MM-dd", { in: inStockholm });
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError("Not a valid instant");
  }
}

/**
 * Adds calendar months; a day that does not exist in the target month is clamped to its last day
 * (2027-01-31 + 1 → 2027-02-28, 2028-01-31 + 1 → 2028-02-29).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer, got ${months}`);
  const { year, month, day } = parseIsoDate(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return isoOf(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Adds calendar days (negative to go back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer, got ${days}`);
  const { year, month, day } = parseIsoDate(date);
  const d = new Date(Date.UTC(year, month - 1, day) + days * 86_400_000);
  return isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function isoOf(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The protocol is due one calendar month after the visit. */
export function protocolDueDate(visitDate: IsoDate): IsoDate {
  return addCalendarMonths(visitDate, PROTOCOL_DEADLINE_MONTHS);
}

/** The response is due three calendar months after the protocol was sent. */
export function responseDueDate(protocolSentDate: IsoDate): IsoDate {
  return addCalendarMonths(protocolSentDate, RESPONSE_DEADLINE_MONTHS);
}

/**
 * The calendar date in Stockholm at an instant (2027-03-27T23:30:00Z → "2027-03-28"). Stockholm is a whole
 * number of hours from UTC, so the date is the same for every instant within one UTC hour: the last few hours
 * asked are remembered (pages ask for "today" once per row).
 */
export function stockholmDate(instant: Date): IsoDate {
  assertInstant(instant);
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let date = datesByHour.get(hour);
  if (date === undefined) {
    date = formatLocal(instant);
    if (datesByHour.size >= 64) datesByHour.delete(datesByHour.keys().next().value as number);
    datesByHour.set(hour, date);
  }
  return date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const datesByHour = new Map<number, IsoDate>();

/** Days from `a` to `b` ("2027-03-01" → "2027-03-03": 2), by the calendar. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  const x = parseIsoDate(a);
  const y = parseIsoDate(b);
  return Math.round((Date.UTC(y.year, y.month - 1, y.day) - Date.UTC(x.year, x.month - 1, x.day)) / DAY_MS);
}

/** The instant of 00:00 local time at the start of `date` in Stockholm. */
export function startOfDayStockholm(date: IsoDate): Date {
  return new Date(startOfLocalDay(date).getTime());
}

/**
 * The instant of 24:00 local time at the end of `date` in Stockholm, i.e. the start of the next day.
 * A day is 23 hours on the last Sunday of March and 25 hours on the last Sunday of October.
 */
export function endOfDayStockholm(date: IsoDate): Date {
  return new Date(addDays(startOfLocalDay(date), 1).getTime());
}

/** True once `now` is past the end of the due date in Stockholm (from the day after it, Stockholm time). */
export function isOverdue(dueDate: IsoDate, now: Date): boolean {
  parseIsoDate(dueDate);
  return stockholmDate(now) > dueDate;
}

/**
 * Whole calendar days from today in Stockholm until the due date: 0 on the due date itself, negative
 * once it has passed (−1 the day after).
 */
export function daysUntil(dueDate: IsoDate, now: Date): number {
  return calendarDaysBetween(stockholmDate(now), dueDate);
}
