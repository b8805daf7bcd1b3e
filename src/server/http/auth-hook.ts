import type { FastifyInstance } from "fastify";
import { principalForToken, SESSION_COOKIE, sameToken } from "../modules/auth/sessions";
import { errors } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Routes that change state without a session: they cannot be abused through a victim's cookie. */
const CSRF_EXEMPT = new Set(["/api/auth/login"]);

/**
 * Resolves the session cookie into `req.auth` and enforces CSRF protection: every state-changing
 * request from a session must carry the session's token in `x-csrf-token` (a value another site cannot
 * read). The cookie itself is httpOnly and SameSite=Lax.
 */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (req) => {
    req.auth = null;
    if (!req.url.startsWith("/api/")) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.auth = await principalForToken(app.deps.db, token, app.deps.clock());
    if (SAFE_METHODS.has(req.method)) return;
    const path = req.url.split("?")[0];
    if (CSRF_EXEMPT.has(path) || !req.auth) return;
    const header = req.headers["x-csrf-token"];
    if (!sameToken(typeof header === "string" ? header : undefined, req.auth.csrfToken)) throw errors.csrf();
  });
}
