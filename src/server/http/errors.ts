/**
 * Errors with a stable dotted code, an HTTP status and a message in Swedish and English.
 * Use cases throw `AppError`; the HTTP layer renders `{ error: { code, message, details? } }`.
 */

export interface Message {
  sv: string;
  en: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly messages: Message,
    readonly details?: unknown,
  ) {
    super(messages.en);
    this.name = "AppError";
  }
}

export const errors = {
  notFound: (entity: string) =>
    new AppError(`${entity}.not_found`, 404, {
      sv: "Hittades inte.",
      en: "Not found.",
    }),
  forbidden: (entity: string) =>
    new AppError(`${entity}.forbidden`, 403, {
      sv: "Du har inte behörighet att göra detta.",
      en: "You are not allowed to do this.",
    }),
  staleVersion: (entity: string) =>
    new AppError(`${entity}.stale_version`, 409, {
      sv: "Någon annan har ändrat detta under tiden. Ladda om sidan och försök igen.",
      en: "Someone else changed this in the meantime. Reload and try again.",
    }),
  inUse: (entity: string) =>
    new AppError(`${entity}.in_use`, 409, {
      sv: "Kan inte tas bort eftersom annat hänvisar till den. Arkivera i stället.",
      en: "Cannot be deleted because other records refer to it. Archive it instead.",
    }),
  conflict: (code: string, messages: Message, details?: unknown) =>
    new AppError(code, 409, messages, details),
  invalid: (code: string, messages: Message, details?: unknown) => new AppError(code, 422, messages, details),
  unauthenticated: () =>
    new AppError("auth.unauthenticated", 401, {
      sv: "Du behöver logga in.",
      en: "You need to log in.",
    }),
  badCredentials: () =>
    new AppError("auth.invalid_credentials", 401, {
      sv: "Fel e-postadress eller lösenord.",
      en: "Wrong e-mail or password.",
    }),
  /** Too many failed logins for the account or the address: try again in `seconds` (also in Retry-After). */
  loginLocked: (seconds: number) => {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    return new AppError(
      "auth.locked",
      429,
      {
        sv: `För många misslyckade inloggningar. Försök igen om ${minutes} ${minutes === 1 ? "minut" : "minuter"}.`,
        en: `Too many failed logins. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`,
      },
      { retryAfterSeconds: seconds },
    );
  },
  csrf: () =>
    new AppError("auth.csrf", 403, {
      sv: "Begäran saknar giltig CSRF-token. Ladda om sidan.",
      en: "The request lacks a valid CSRF token. Reload the page.",
    }),
};

export function pickLanguage(acceptLanguage: string | undefined): "sv" | "en" {
  if (!acceptLanguage) return "sv";
  const first = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((l) => l.tag.startsWith("sv") || l.tag.startsWith("en"))
    .sort((a, b) => b.q - a.q)[0];
  return first?.tag.startsWith("en") ? "en" : "sv";
}
