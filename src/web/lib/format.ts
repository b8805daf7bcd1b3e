import { currentLanguage } from "../i18n";

/** "2026-11-28" → "28 nov. 2026" / "28 Nov 2026" (dates from the API are calendar dates). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const [y, m, d] = value.slice(0, 10).split("-").map(Number);
  if (!y || !m || !d) return value;
  return new Intl.DateTimeFormat(currentLanguage() === "sv" ? "sv-SE" : "en-GB", {
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A timestamp in Swedish time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(currentLanguage() === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Stockholm",
  }).format(date);
}

/** 1000 → "1 000" / "1,000". */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage() === "sv" ? "sv-SE" : "en-GB").format(value);
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, "sv");
}
