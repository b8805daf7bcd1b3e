import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canManageUsers, userAdminActions } from "../../../domain/policies/users";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { allOf, onlyIf, rawParam } from "../../http/route-access";
import { lockedKeys, unlockKey } from "../auth/throttle";
import { createUserBody, updateUserBody } from "./schemas";
import { createUser, listUsers, updateUser } from "./use-cases";

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  // Before the body: only those who manage users see these routes at all (404 for everyone else).
  const userManagers: RouteAccess = onlyIf(canManageUsers, () => errors.notFound("route"));
  const oneUser: RouteAccess = allOf(userManagers, async (req) => {
    const u = await app.deps.db
      .selectFrom("users")
      .select("id")
      .where("id", "=", rawParam(req))
      .executeTakeFirst();
    if (!u) throw errors.notFound("user");
  });

  r.get("/api/users", { schema: { tags, summary: "All users (admin, secretariat)" } }, async (req) => {
    const p = requireUser(req);
    if (!canManageUsers(p)) throw errors.notFound("route");
    return { items: await listUsers(app.deps.db), actions: userAdminActions(p) };
  });

  r.post(
    "/api/users",
    { config: { access: userManagers }, schema: { tags, summary: "Create a user", body: createUserBody } },
    async (req, reply) => {
      requireUser(req);
      const user = await inTransaction(req, (ctx) => createUser(ctx, req.body));
      return reply.status(201).send(user);
    },
  );

  r.patch(
    "/api/users/:id",
    {
      config: { access: oneUser },
      schema: {
        tags,
        summary: "Edit a user",
        params: z.object({ id: z.string().min(1).max(100) }),
        body: updateUserBody,
      },
    },
    async (req) => {
      requireUser(req);
      return inTransaction(req, (ctx) => updateUser(ctx, req.params.id, req.body));
    },
  );

  // ---- login locks (login-throttle.ts): who is locked out now, and lifting a lock
  const managers = { access: userManagers };
  r.get(
    "/api/users/login-locks",
    { schema: { tags, summary: "Accounts and addresses locked out after failed logins" }, config: managers },
    async (req) => {
      const p = requireUser(req);
      if (!canManageUsers(p)) throw errors.notFound("route");
      return { items: await lockedKeys(app.deps.db, app.deps.clock()) };
    },
  );
  r.post(
    "/api/users/login-locks/unlock",
    {
      schema: {
        tags,
        summary: "Lift a login lock (logged)",
        body: z.object({ key: z.string().min(1).max(400) }),
      },
      config: managers,
    },
    async (req, reply) => {
      const p = requireUser(req);
      if (!canManageUsers(p)) throw errors.notFound("route");
      const lifted = await inTransaction(req, (ctx) => unlockKey(ctx, req.body.key));
      if (!lifted) throw errors.notFound("loginLock");
      return reply.status(204).send();
    },
  );
}
