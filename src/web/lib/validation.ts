import i18next from "../i18n";
import { isIsoDate } from "./dates";

const t = i18next.t.bind(i18next);

export function required(value: unknown): string | null {
  if (value === null || value === undefined) return t("validation.required");
  if (typeof value === "string" && value.trim() === "") return t("validation.required");
  return null;
}

/** A date (YYYY-MM-DD, in the calendar), required. */
export function date(value: unknown): string | null {
  return required(value) ?? (isIsoDate(value) ? null : t("validation.date"));
}

/** A date (YYYY-MM-DD, in the calendar), or nothing. */
export function optionalDate(value: unknown): string | null {
  return required(value) ? null : date(value);
}

export function maxLength(max: number) {
  return (value: string | null | undefined): string | null =>
    value && value.length > max ? t("validation.maxLength", { count: max }) : null;
}

export function requiredMax(max: number) {
  return (value: string): string | null => required(value) ?? maxLength(max)(value);
}

export function optionalUrl(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  try {
    const url = new URL(v);
    return url.protocol === "http:" || url.protocol === "https:" ? null : t("validation.url");
  } catch {
    return t("validation.url");
  }
}

export function email(value: string): string | null {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t("validation.email");
}

/** Trimmed text, or null when empty (for optional fields the API takes as `string | null`). */
export function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

/** Swedish organisation number NNNNNN-NNNN (the hyphen optional), or empty. */
export function optionalOrgNumber(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  return /^\d{6}-?\d{4}$/.test(v) ? null : t("validation.orgNumber");
}
