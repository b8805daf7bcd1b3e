import { ApiError } from "../api";
import { currentLanguage } from "../i18n";
import { tr } from "./tr";

/**
 * Turns an error answer of the API into messages next to form fields and messages for the whole form.
 * - 400 request.invalid: `details` = [{ path: "body/payload/findings/0/assessment", message }] (route schema)
 * - 400 case.invalid_payload: `details.issues` = [{ path: "findings.0.assessment", code, message }]
 * - 422 case.precondition_failed: `details.failures` = [{ reason, message: { sv, en }, field? }]
 * Field paths come out dotted and relative to the payload ("findings.0.assessment"), like form paths.
 */
export interface FormProblems {
  fields: Record<string, string>;
  /** Everything for the summary above the buttons (field problems included, labelled by path). */
  general: string[];
}

const t = tr;

/** Zod's English messages (and the schemas' own) in the user's language. */
export function translateIssue(message: string): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/Too small: expected string to have >=1 characters?/i, () => t("validation.required")],
    [
      /Too small: expected array to have >=(\d+) items?/i,
      (m) => t("validation.minItems", { count: Number(m[1]) }),
    ],
    [
      /Too big: expected string to have <=(\d+) characters?/i,
      (m) => t("validation.maxLength", { count: Number(m[1]) }),
    ],
    [/Invalid input: expected \w+, received undefined/i, () => t("validation.required")],
    [/Invalid option/i, () => t("validation.chooseOne")],
    [/Invalid email/i, () => t("validation.email")],
    [
      /Expected a date as YYYY-MM-DD|Not a real calendar date|Invalid string: must match pattern/i,
      () => t("validation.date"),
    ],
    [/A postponement needs a new response due date/i, () => t("validation.newResponseDueDateRequired")],
    [
      /The new response due date must be after the decision date/i,
      () => t("validation.newResponseDueDateAfter"),
    ],
    [
      /A new response due date belongs only to a postponement/i,
      () => t("validation.newResponseDueDateOnlyPostponed"),
    ],
    [/Two different reviewers/i, () => t("validation.twoDifferentReviewers")],
    [/Ids must be distinct/i, () => t("validation.distinct")],
    [
      /One (answer|finding) per (criterion|supplement)|Supplement ids must be distinct/i,
      () => t("validation.distinct"),
    ],
  ];
  for (const [re, fn] of rules) {
    const m = message.match(re);
    if (m) return fn(m);
  }
  return message;
}

function apiPathToField(path: string): string {
  return path
    .replace(/^body\/?/, "")
    .replace(/^payload\/?/, "")
    .split("/")
    .filter(Boolean)
    .join(".");
}

function pickMessage(message: unknown): string {
  if (typeof message === "string") return message;
  if (message && typeof message === "object") {
    const m = message as Record<string, string>;
    return m[currentLanguage()] ?? m.sv ?? "";
  }
  return "";
}

export function problemsOf(error: unknown): FormProblems {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (!(error instanceof ApiError)) {
    if (error instanceof Error) general.push(error.message);
    return { fields, general };
  }
  const details = error.details as unknown;
  const add = (path: string, message: string) => {
    if (path && !(path in fields)) fields[path] = message;
    general.push(message);
  };
  if (Array.isArray(details)) {
    for (const d of details as { path?: string; message?: string }[]) {
      add(apiPathToField(String(d.path ?? "")), translateIssue(String(d.message ?? "")));
    }
  } else if (details && typeof details === "object") {
    const { issues, failures } = details as { issues?: unknown; failures?: unknown };
    if (Array.isArray(issues)) {
      for (const i of issues as { path?: string; message?: string }[]) {
        add(String(i.path ?? ""), translateIssue(String(i.message ?? "")));
      }
    }
    if (Array.isArray(failures)) {
      for (const f of failures as { field?: string; message?: unknown }[]) {
        add(typeof f.field === "string" ? f.field : "", pickMessage(f.message));
      }
    }
  }
  if (general.length === 0) general.push(error.message);
  return { fields, general: [...new Set(general)] };
}
