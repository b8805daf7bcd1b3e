import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Principal } from "../../domain/access";
import { principalForToken, SESSION_COOKIE, sameToken } from "../modules/auth/sessions";
import { errors } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The API routes anyone may call without a session, in one place (as registered: Fastify's route pattern). Every
 * other /api route answers 401 to a request without a valid session, before anything else is looked at.
 */
export const PUBLIC_API_ROUTES: ReadonlySet<string> = new Set([
  "POST /api/auth/login",
  // Ending a session that is already gone is no error.
  "POST /api/auth/logout",
  "GET /api/public/certifications",
  // The calendar feed authenticates by the secret token in its address (calendar apps send no cookie).
  "GET /api/calendar/:token.ics",
  "GET /api/openapi.json",
]);

/**
 * State-changing routes without a path parameter that every logged-in user may call about themselves (their own
 * session, profile, notifications and calendar feed): with nothing to be outside of, their body is checked first.
 * Every other such route declares its role (and, from the body, its scope) in `config.access`.
 */
export const ANY_USER_ROUTES: ReadonlySet<string> = new Set([
  "PATCH /api/auth/me",
  "POST /api/notifications/read-all",
  "PUT /api/notification-preferences",
  "DELETE /api/calendar/token",
]);

/** Routes that change state without a session: they cannot be abused through a victim's cookie. */
const CSRF_EXEMPT = new Set(["POST /api/auth/login"]);

/** A route's own check of who may call it, run after the session and CSRF checks and before body validation. */
export type RouteAccess = (req: FastifyRequest, principal: Principal) => Promise<void> | void;

declare module "fastify" {
  interface FastifyContextConfig {
    /** Role and scope, checked before the body is validated (outside scope → 404, wrong role → 403). */
    access?: RouteAccess;
  }
}

function routeKey(req: FastifyRequest): string | null {
  const url = req.routeOptions.url;
  return url === undefined ? null : `${req.method === "HEAD" ? "GET" : req.method} ${url}`;
}

function isPublic(req: FastifyRequest): boolean {
  const key = routeKey(req);
  if (key !== null && PUBLIC_API_ROUTES.has(key)) return true;
  // Swagger UI's page and assets.
  return req.url === "/api/docs" || req.url.startsWith("/api/docs/");
}

/**
 * The order every API request is checked in: the session (401), then CSRF (403), then the route's role and scope
 * (`config.access`: 403, or 404 outside scope), and only then the body's validation (400) and the command itself
 * (409, 422). The session cookie is httpOnly and SameSite=Lax; every state-changing request from a session must
 * carry the session's token in `x-csrf-token` (a value another site cannot read).
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    req.auth = null;
    if (!req.url.startsWith("/api/")) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.auth = await principalForToken(app.deps.db, token, app.deps.clock());
    if (isPublic(req)) {
      if (req.auth && !SAFE_METHODS.has(req.method) && !CSRF_EXEMPT.has(routeKey(req) ?? "")) checkCsrf(req);
      return;
    }
    if (!req.auth) throw errors.unauthenticated();
    if (!SAFE_METHODS.has(req.method)) checkCsrf(req);
  });
  // After the session and CSRF, before validation: the route's own role and scope check.
  app.addHook("preValidation", async (req) => {
    const access = req.routeOptions.config?.access;
    if (access && req.auth) await access(req, req.auth.principal);
  });
}

function checkCsrf(req: FastifyRequest): void {
  const header = req.headers["x-csrf-token"];
  if (!sameToken(typeof header === "string" ? header : undefined, req.auth?.csrfToken ?? "")) {
    throw errors.csrf();
  }
}
