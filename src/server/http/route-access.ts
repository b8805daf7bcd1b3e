import type { FastifyRequest } from "fastify";
import type { Principal } from "../../domain/access";
import type { RouteAccess } from "./auth-hook";
import type { AppError } from "./errors";

/**
 * Pieces for a route's `config.access` (auth-hook.ts), which runs after the session and CSRF checks and before the
 * body is validated. It sees the request as parsed but not validated: a path parameter is the string in the URL, a
 * body field is whatever was sent. The rules themselves stay in src/domain/policies; an access check asks them,
 * and the use case asks them again inside its transaction.
 */

/** A path parameter as sent (the router always gives a string). */
export function rawParam(req: FastifyRequest, name = "id"): string {
  const v = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
}

/** A string field of the body as sent, or undefined when absent or not a string (validation will say so). */
export function rawBodyString(req: FastifyRequest, field: string): string | undefined {
  const body = req.body;
  if (!body || typeof body !== "object") return undefined;
  const v = (body as Record<string, unknown>)[field];
  return typeof v === "string" ? v : undefined;
}

/** Only principals for whom `allowed` holds; the others get `refuse()` (403, or 404 where the route is hidden). */
export function onlyIf(allowed: (p: Principal) => boolean, refuse: () => AppError): RouteAccess {
  return (_req, p) => {
    if (!allowed(p)) throw refuse();
  };
}

/** Both checks, in order. */
export function allOf(...checks: RouteAccess[]): RouteAccess {
  return async (req, p) => {
    for (const check of checks) await check(req, p);
  };
}
