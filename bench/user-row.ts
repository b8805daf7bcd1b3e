/** A bench user written straight as a row of `users` (active, Swedish, never logged in), for the seeds. */
import type { Role } from "../src/domain/certification/permissions";
import type { Executor } from "../src/server/db/connect";

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  regionId: string | null;
  localCollegeId: string | null;
  /** ISO time of creation (and of the last update). */
  at: string;
}

export async function insertUserRow(db: Executor, u: UserRow): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: u.id,
      email: u.email,
      name: u.name,
      password_hash: u.passwordHash,
      role: u.role,
      region_id: u.regionId,
      local_college_id: u.localCollegeId,
      language: "sv",
      status: "active",
      last_login_at: null,
      created_at: u.at,
      updated_at: u.at,
      version: 1,
    })
    .execute();
}
