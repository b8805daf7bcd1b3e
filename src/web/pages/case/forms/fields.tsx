import { ActionIcon, Textarea, type TextareaProps, TextInput, type TextInputProps } from "@mantine/core";
import { IconCalendar } from "@tabler/icons-react";
import { useRef, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { isIsoDate } from "../../../lib/dates";
import { tr } from "../../../lib/tr";
import { email, optionalDate, required } from "../../../lib/validation";

export interface DateFieldProps extends Omit<TextInputProps, "type" | "value" | "onChange" | "min" | "max"> {
  /** YYYY-MM-DD, or null when empty. */
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The earliest and the latest date the calendar offers (YYYY-MM-DD). */
  minDate?: string;
  maxDate?: string;
}

/**
 * A calendar date as YYYY-MM-DD (the API's format, and how Swedish dates are written), typed, or picked in the
 * browser's own calendar behind the button. The field shows the date the same way in every browser; the
 * calendar is a date input of the browser's that is not shown itself. An empty field is null. A browser that
 * cannot open its calendar from a script (no `showPicker`) gets no button: the date is typed.
 */
export function DateField({ value, onChange, minDate, maxDate, disabled, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const field = useRef<HTMLInputElement>(null);
  const canPick = useSyncExternalStore(noChanges, browserCanPick, serverCanPick);
  const text = value ?? "";
  const openCalendar = () => {
    try {
      picker.current?.showPicker();
    } catch {
      // Refused (in a frame of another origin, say): the date is typed instead.
      field.current?.focus();
    }
  };
  return (
    <TextInput
      ref={field}
      value={text}
      onChange={(event) => onChange?.(event.currentTarget.value.trim() || null)}
      placeholder={t("caseForm.datePlaceholder")}
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      disabled={disabled}
      rightSectionPointerEvents="all"
      rightSection={
        canPick && (
          <>
            <ActionIcon
              variant="subtle"
              color="gray"
              disabled={disabled}
              aria-label={t("common.pickDate")}
              onClick={openCalendar}
            >
              <IconCalendar size={16} aria-hidden />
            </ActionIcon>
            <input
              ref={picker}
              type="date"
              tabIndex={-1}
              aria-hidden
              value={isIsoDate(text) ? text : ""}
              min={minDate}
              max={maxDate}
              onChange={(event) => onChange?.(event.currentTarget.value || null)}
              style={{
                position: "absolute",
                right: 0,
                bottom: 0,
                width: 0,
                height: 0,
                opacity: 0,
                border: 0,
              }}
            />
          </>
        )
      }
      {...props}
    />
  );
}

/** Whether the browser can open a date input's calendar from a script; it does not change while the page lives. */
const browserCanPick = () =>
  typeof HTMLInputElement !== "undefined" && typeof HTMLInputElement.prototype.showPicker === "function";
/** The server renders the button (current browsers have showPicker); hydration then drops it where missing. */
const serverCanPick = () => true;
const noChanges = () => () => {};

const t = tr;

/** Validators returning a translated message or null (the shared ones from lib/validation.ts, and the forms' own). */
export const v = {
  required,
  date: (value: unknown) => (isIsoDate(value) ? null : t("validation.date")),
  optionalDate,
  optionalEmail: (value: string) => (value.trim() ? email(value) : null),
  email,
  notFuture: (today: string) => (value: unknown) =>
    !isIsoDate(value) ? t("validation.date") : value > today ? t("validation.notFuture") : null,
  after: (earliest: string) => (value: unknown) =>
    !isIsoDate(value)
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

/** A text of a few lines or more, growing with what is written (two rows at first unless `minRows` says more). */
export function TextBlock({ minRows = 2, ...props }: TextareaProps) {
  return <Textarea autosize minRows={minRows} {...props} />;
}
