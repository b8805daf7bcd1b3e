/**
 * Registration numbers (diarienummer): prefix, year and a running number per year, e.g. "TC 2027/0042".
 * The running number has at least four digits; above 9999 it simply grows ("TC 2027/10000").
 */

export const REGISTRATION_PREFIX = "TC";

const PATTERN = /^TC (\d{4})\/(\d{4,})$/;

export type RegistrationNumber = { year: number; seq: number };

function assertParts(year: number, seq: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Registration year must be a four-digit integer, got ${year}`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`Registration sequence must be a positive integer, got ${seq}`);
  }
}

/** "TC 2027/0042" from (2027, 42). Throws a RangeError for a year outside 1000–9999 or a sequence below 1. */
export function formatRegistrationNumber(year: number, seq: number): string {
  assertParts(year, seq);
  return `${REGISTRATION_PREFIX} ${year}/${String(seq).padStart(4, "0")}`;
}

/**
 * { year, seq } from a registration number in its canonical form (as formatRegistrationNumber writes it),
 * otherwise null: "TC 2027/0042" → { year: 2027, seq: 42 }; "TC 2027/42" and "TC 2027/00042" → null.
 */
export function parseRegistrationNumber(s: string): RegistrationNumber | null {
  if (typeof s !== "string") return null;
  const m = PATTERN.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const seq = Number(m[2]);
  if (year < 1000 || !Number.isSafeInteger(seq) || seq < 1) return null;
  return formatRegistrationNumber(year, seq) === s ? { year, seq } : null;
}
