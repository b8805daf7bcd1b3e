// The date pickers' styles load with the pages that have date fields (not with the first page).
import "@mantine/dates/styles.css";
import { DateInput, type DateInputProps } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { tr } from "../../../lib/tr";

/** A calendar date typed or picked as YYYY-MM-DD (the API's format). */
export function DateField(props: DateInputProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="YYYY-MM-DD"
      placeholder={t("caseForm.datePlaceholder")}
      popoverProps={{ withinPortal: true }}
      {...props}
    />
  );
}

const t = tr;

/** Validators returning a translated message or null. */
export const v = {
  required: (value: unknown) =>
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
      ? t("validation.required")
      : null,
  date: (value: unknown) =>
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t("validation.date"),
  optionalEmail: (value: string) =>
    !value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t("validation.email"),
  email: (value: string) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : t("validation.email")),
  notFuture: (today: string) => (value: unknown) =>
    typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)
      ? t("validation.date")
      : value > today
        ? t("validation.notFuture")
        : null,
  after: (earliest: string) => (value: unknown) =>
    typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)
      ? t("validation.date")
      : value <= earliest
        ? t("validation.after", { date: earliest })
        : null,
};

/** Trimmed text, or undefined when empty (for optional payload fields). */
export function optional(value: string | null | undefined): string | undefined {
  const s = value?.trim();
  return s ? s : undefined;
}
