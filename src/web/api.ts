import type { ApiError as ApiErrorBody } from "../shared/dto";
import i18next, { currentLanguage } from "./i18n";

/** An error answer of the API (`{ error: { code, message, details? } }`) or a failed request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** 409 `<entity>.stale_version`: someone else saved first. */
  get isStale(): boolean {
    return this.status === 409 && this.code.endsWith(".stale_version");
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The token from the `Me` object; sent as `x-csrf-token` on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended): the app sends the user to the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
}

/** Paths where 401 is an answer, not an expired session. */
const AUTH_PATHS = ["/api/auth/login", "/api/auth/me"];

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Accept-Language": currentLanguage(),
  };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "network", i18next.t("errors.network"));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = parseJson(text);

  if (!response.ok) {
    const error = toApiError(response, parsed);
    if (response.status === 401 && !AUTH_PATHS.some((p) => path.startsWith(p))) onUnauthorized?.();
    throw error;
  }
  return parsed as T;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toApiError(response: Response, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(
    response.status,
    `http.${response.status}`,
    response.statusText || i18next.t("errors.unexpected"),
  );
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

/** Shorthands. */
export const get = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const post = <T>(path: string, body: unknown = {}) => api<T>(path, { method: "POST", body });
export const put = <T>(path: string, body: unknown = {}) => api<T>(path, { method: "PUT", body });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: "PATCH", body });
export const del = <T = void>(path: string) => api<T>(path, { method: "DELETE" });
