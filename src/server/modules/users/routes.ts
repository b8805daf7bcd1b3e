import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { canManageUsers, userAdminActions } from "../../../domain/policies/users";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { createUserBody, updateUserBody } from "./schemas";
import { createUser, listUsers, updateUser } from "./use-cases";

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["users"];

  r.get("/api/users", { schema: { tags, summary: "All users (admin, secretariat)" } }, async (req) => {
    const p = requireUser(req);
    if (!canManageUsers(p)) throw errors.notFound("route");
    return { items: await listUsers(app.deps.db), actions: userAdminActions(p) };
  });

  r.post(
    "/api/users",
    { schema: { tags, summary: "Create a user", body: createUserBody } },
    async (req, reply) => {
      requireUser(req);
      const user = await inTransaction(req, (ctx) => createUser(ctx, req.body));
      return reply.status(201).send(user);
    },
  );

  r.patch(
    "/api/users/:id",
    {
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
}
