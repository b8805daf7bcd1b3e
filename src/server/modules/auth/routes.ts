import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { throttleKeys } from "../../../domain/policies/login-throttle";
import { LANGUAGES } from "../../../shared/roles";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { appendEvent } from "../events/event-log";
import { verifyPassword } from "./passwords";
import { createSession, deleteSession, principalForToken, SESSION_COOKIE } from "./sessions";
import { lockedSeconds, recordLoginFailure, resetAccount } from "./throttle";

const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  regionId: z.string().nullable(),
  localCollegeId: z.string().nullable(),
  language: z.enum(LANGUAGES),
  csrfToken: z.string(),
});

const loginBody = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

function cookieOptions(req: FastifyRequest, expires?: Date) {
  const secure = req.protocol === "https" || req.server.deps.config.baseUrl.startsWith("https://");
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure, expires };
}

async function presentMe(req: FastifyRequest, token: string) {
  const s = await principalForToken(req.server.deps.db, token, req.server.deps.clock());
  if (!s) throw errors.unauthenticated();
  return {
    id: s.principal.id,
    email: s.user.email,
    name: s.user.name,
    role: s.principal.role,
    regionId: s.principal.regionId,
    localCollegeId: s.principal.localCollegeId,
    language: s.user.language as "sv" | "en",
    csrfToken: s.csrfToken,
  };
}

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Log in with e-mail and password",
        body: loginBody,
        response: { 200: meSchema },
      },
    },
    async (req, reply: FastifyReply) => {
      const body = req.body as z.infer<typeof loginBody>;
      const email = body.email.trim().toLowerCase();
      // Failed attempts are throttled per account and per address, in the database (login-throttle.ts). A locked
      // key is refused before the password is looked at; the answer is the same whether the account exists.
      const keys = throttleKeys(email, req.ip);
      const wait = await lockedSeconds(app.deps.db, [keys.account, keys.ip], app.deps.clock());
      if (wait !== null) {
        reply.header("retry-after", String(wait));
        throw errors.loginLocked(wait);
      }
      const user = await app.deps.db
        .selectFrom("users")
        .selectAll()
        .where("email", "=", email)
        .executeTakeFirst();
      const ok = await verifyPassword(user?.password_hash ?? null, body.password);
      if (!user || !ok || user.status !== "active") {
        await inTransaction(req, (ctx) => recordLoginFailure(ctx, keys, user));
        throw errors.badCredentials();
      }
      // A new session id on every login (no fixation); a cookie sent with the login is discarded.
      const old = req.cookies[SESSION_COOKIE];
      const session = await inTransaction(req, async (ctx) => {
        if (old) await deleteSession(ctx.db, old);
        await resetAccount(ctx.db, keys.account);
        const s = await createSession(ctx.db, {
          userId: user.id,
          now: ctx.now,
          hours: app.deps.config.sessionHours,
          ip: ctx.meta.ip,
          userAgent: ctx.meta.userAgent,
        });
        await ctx.db
          .updateTable("users")
          .set({ last_login_at: ctx.now.toISOString() })
          .where("id", "=", user.id)
          .execute();
        await appendEvent(
          { ...ctx, actor: { id: user.id, role: user.role as never, regionId: null, localCollegeId: null } },
          { streamType: "user", streamId: user.id, type: "user.loggedIn", payload: {} },
        );
        return s;
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions(req, session.expiresAt));
      return presentMe(req, session.token);
    },
  );

  r.post("/api/auth/logout", { schema: { tags: ["auth"], summary: "Log out" } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deleteSession(app.deps.db, token);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    return reply.status(204).send();
  });

  r.get(
    "/api/auth/me",
    { schema: { tags: ["auth"], summary: "The logged-in user", response: { 200: meSchema } } },
    async (req) => {
      requireUser(req);
      return presentMe(req, req.cookies[SESSION_COOKIE] as string);
    },
  );

  r.patch(
    "/api/auth/me",
    {
      schema: {
        tags: ["auth"],
        summary: "Change my language or name",
        body: z.object({
          language: z.enum(LANGUAGES).optional(),
          name: z.string().trim().min(1).max(200).optional(),
        }),
        response: { 200: meSchema },
      },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, async (ctx) => {
        const patch = { ...req.body, updated_at: ctx.now.toISOString() };
        await ctx.db.updateTable("users").set(patch).where("id", "=", p.id).execute();
        await appendEvent(ctx, {
          streamType: "user",
          streamId: p.id,
          type: "user.preferencesChanged",
          payload: req.body,
        });
      });
      return presentMe(req, req.cookies[SESSION_COOKIE] as string);
    },
  );
}
