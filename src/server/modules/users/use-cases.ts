import { sql } from "kysely";
import type { z } from "zod";
import { canManageUsers } from "../../../domain/policies/users";
import type * as dto from "../../../shared/dto";
import type { Language, Role } from "../../../shared/roles";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { hashPassword } from "../auth/passwords";
import { deleteSessionsOfUser } from "../auth/sessions";
import { appendEvent } from "../events/event-log";
import type { createUserBody, updateUserBody } from "./schemas";

export function presentUser(u: Row<"users">): dto.User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    regionId: u.region_id,
    localCollegeId: u.local_college_id,
    language: u.language as Language,
    status: u.status as "active" | "disabled",
    lastLoginAt: u.last_login_at,
    version: u.version,
  };
}

export async function listUsers(db: Executor): Promise<dto.User[]> {
  return (await db.selectFrom("users").selectAll().orderBy("name").execute()).map(presentUser);
}

/**
 * The scope a role needs: regionLead a region; localLead a local college (its region follows);
 * the national roles none. Returns the columns to store.
 */
async function resolveScope(
  ctx: Ctx,
  role: Role,
  regionId: string | null | undefined,
  localCollegeId: string | null | undefined,
): Promise<{ region_id: string | null; local_college_id: string | null }> {
  if (role === "localLead") {
    if (!localCollegeId)
      throw scopeError("user.local_college_required", "Välj ett lokalt college.", "Choose a local college.");
    const lc = await ctx.db
      .selectFrom("local_colleges")
      .selectAll()
      .where("id", "=", localCollegeId)
      .executeTakeFirst();
    if (!lc) throw errors.notFound("localCollege");
    if (regionId && regionId !== lc.region_id) {
      throw scopeError(
        "user.scope_mismatch",
        "Det lokala colleget hör inte till regionen.",
        "The local college is not in the region.",
      );
    }
    return { region_id: lc.region_id, local_college_id: lc.id };
  }
  if (role === "regionLead") {
    if (!regionId) throw scopeError("user.region_required", "Välj en region.", "Choose a region.");
    const r = await ctx.db.selectFrom("regions").select("id").where("id", "=", regionId).executeTakeFirst();
    if (!r) throw errors.notFound("region");
    return { region_id: r.id, local_college_id: null };
  }
  return { region_id: null, local_college_id: null };
}

function scopeError(code: string, sv: string, en: string) {
  return errors.invalid(code, { sv, en });
}

function requireAdmin(ctx: Ctx) {
  if (!ctx.actor) throw errors.unauthenticated();
  if (!canManageUsers(ctx.actor)) throw errors.notFound("user");
}

/** Creates a user. `ctx.actor` null means the command line (first admin); otherwise an admin or the secretariat. */
export async function createUser(ctx: Ctx, input: z.infer<typeof createUserBody>): Promise<dto.User> {
  if (ctx.actor) requireAdmin(ctx);
  const email = input.email.toLowerCase();
  const taken = await ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
  if (taken) {
    throw errors.conflict("user.email_taken", {
      sv: "Det finns redan en användare med den e-postadressen.",
      en: "A user with that e-mail already exists.",
    });
  }
  const scope = await resolveScope(ctx, input.role, input.regionId, input.localCollegeId);
  const row: Row<"users"> = {
    id: ctx.newId(),
    email,
    name: input.name,
    password_hash: await hashPassword(input.password),
    role: input.role,
    ...scope,
    language: input.language,
    status: "active",
    last_login_at: null,
    created_at: ctx.now.toISOString(),
    updated_at: ctx.now.toISOString(),
    version: 1,
  };
  await ctx.db.insertInto("users").values(row).execute();
  const { password: _omit, ...logged } = input;
  await appendEvent(ctx, {
    streamType: "user",
    streamId: row.id,
    type: "user.created",
    payload: { ...logged, email },
  });
  return presentUser(row);
}

export async function updateUser(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof updateUserBody>,
): Promise<dto.User> {
  requireAdmin(ctx);
  const user = await ctx.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  if (!user) throw errors.notFound("user");
  if (
    user.id === ctx.actor?.id &&
    (input.status === "disabled" || (input.role && input.role !== user.role))
  ) {
    throw errors.invalid("user.cannot_demote_self", {
      sv: "Du kan inte ändra din egen roll eller inaktivera dig själv.",
      en: "You cannot change your own role or disable yourself.",
    });
  }
  const role = (input.role ?? user.role) as Role;
  const scopeChanged =
    input.role !== undefined || input.regionId !== undefined || input.localCollegeId !== undefined;
  const scope = scopeChanged
    ? await resolveScope(
        ctx,
        role,
        input.regionId === undefined ? user.region_id : input.regionId,
        input.localCollegeId === undefined ? user.local_college_id : input.localCollegeId,
      )
    : {};
  const patch: Record<string, unknown> = {
    ...scope,
    updated_at: ctx.now.toISOString(),
    version: sql`version + 1`,
  };
  for (const k of ["name", "role", "language", "status"] as const)
    if (input[k] !== undefined) patch[k] = input[k];
  if (input.password) patch.password_hash = await hashPassword(input.password);
  const res = await ctx.db
    .updateTable("users")
    .set(patch)
    .where("id", "=", id)
    .where("version", "=", input.expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw errors.staleVersion("user");
  // A disabled user, a new password or a changed role ends the user's sessions.
  if (input.status === "disabled" || input.password || scopeChanged) await deleteSessionsOfUser(ctx.db, id);
  const { password, expectedVersion: _v, ...logged } = input;
  await appendEvent(ctx, {
    streamType: "user",
    streamId: id,
    type: "user.updated",
    payload: { ...logged, passwordChanged: Boolean(password) },
  });
  return presentUser(
    await ctx.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
  );
}
