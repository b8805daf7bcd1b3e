import { currentLanguage } from "../i18n";

/**
 * Formatters are costly to make and cheap to use: one per language and kind, made on first use (a dashboard
 * formats a few hundred dates in its first render).
 */
function cached<F>(make: (locale: string) => F): () => F {
  const made = new Map<string, F>();
  return () => {
    const locale = currentLanguage() === "sv" ? "sv-SE" : "en-GB";
    let f = made.get(locale);
    if (!f) {
      f = make(locale);
      made.set(locale, f);
    }
    return f;
  };
}

const dateFormat = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
);
const dateTimeFormat = cached(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "Europe/Stockholm",
    }),
);
const numberFormat = cached((locale) => new Intl.NumberFormat(locale));
const monthFormat = cached((locale) => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }));

/** 3 → "mars" / "March". */
export function formatMonth(month: number): string {
  return monthFormat().format(new Date(Date.UTC(2000, month - 1, 1)));
}

/** "2026-11-28" → "28 nov. 2026" / "28 Nov 2026" (dates from the API are calendar dates). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return value;
  return dateFormat().format(new Date(Date.UTC(y, m - 1, d)));
}

/** A timestamp in Swedish time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dateTimeFormat().format(date);
}

/** 1000 → "1 000" / "1,000". */
export function formatNumber(value: number): string {
  return numberFormat().format(value);
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, "sv");
}
