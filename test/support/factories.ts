import { randomUUID } from "node:crypto";
import type { Principal } from "../../src/domain/access";
import type { Ctx } from "../../src/server/context";
import type { DB } from "../../src/server/db/connect";
import { hashPassword } from "../../src/server/modules/auth/passwords";
import * as registry from "../../src/server/modules/registry/use-cases";
import { SYSTEM } from "../../src/server/seed/demo";
import type { Role } from "../../src/shared/roles";

export const TEST_PASSWORD = "correct horse battery";
let hashed: Promise<string> | undefined;

/** A test clock: starts at a fixed instant and moves only when told. */
export function testClock(start = "2027-03-01T09:00:00Z") {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.set = (iso: string) => {
    now = new Date(iso);
  };
  clock.advanceDays = (days: number) => {
    now = new Date(now.getTime() + days * 86_400_000);
  };
  return clock;
}

export function ctxFor(
  db: DB,
  actor: Principal | null = SYSTEM,
  now = new Date("2027-03-01T09:00:00Z"),
): Ctx {
  return { db, actor, now, newId: randomUUID, meta: { ip: "127.0.0.1", userAgent: "vitest" } };
}

/** Runs a use case in a transaction, as the real routes do. */
export function inTx<T>(db: DB, actor: Principal | null, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return db.transaction().execute((tx) => fn(ctxFor(tx, actor)));
}

export async function makeRegion(
  db: DB,
  name = `Region ${randomUUID().slice(0, 6)}`,
  municipalityCodes: string[] = [],
) {
  return inTx(db, SYSTEM, (ctx) => registry.createRegion(ctx, { name, website: null, municipalityCodes }));
}

export async function makeLocalCollege(db: DB, regionId: string, name = "Lokalt college") {
  return inTx(db, SYSTEM, (ctx) => registry.createLocalCollege(ctx, regionId, { name }));
}

export interface TestUser {
  id: string;
  email: string;
  principal: Principal;
}

export async function makeUser(
  db: DB,
  role: Role,
  scope: { regionId?: string | null; localCollegeId?: string | null } = {},
): Promise<TestUser> {
  hashed ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const email = `${role.toLowerCase()}-${id.slice(0, 8)}@test.spelplan.se`;
  const now = new Date().toISOString();
  await db
    .insertInto("users")
    .values({
      id,
      email,
      name: `Test ${role}`,
      password_hash: await hashed,
      role,
      region_id: scope.regionId ?? null,
      local_college_id: scope.localCollegeId ?? null,
      language: "sv",
      status: "active",
      last_login_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return {
    id,
    email,
    principal: { id, role, regionId: scope.regionId ?? null, localCollegeId: scope.localCollegeId ?? null },
  };
}

/** Two regions, a local college in the first, and one user of every role (scoped to the first region). */
export async function makeWorld(db: DB) {
  const regionA = await makeRegion(db, "Region A", ["1496", "1499"]);
  const regionB = await makeRegion(db, "Region B", ["0680"]);
  const collegeA = await makeLocalCollege(db, regionA, "College A");
  const collegeA2 = await makeLocalCollege(db, regionA, "College A2");
  const users = {
    secretariat: await makeUser(db, "secretariat"),
    reviewer: await makeUser(db, "reviewer"),
    board: await makeUser(db, "board"),
    admin: await makeUser(db, "admin"),
    regionLeadA: await makeUser(db, "regionLead", { regionId: regionA }),
    regionLeadB: await makeUser(db, "regionLead", { regionId: regionB }),
    localLeadA: await makeUser(db, "localLead", { regionId: regionA, localCollegeId: collegeA }),
  };
  return { regionA, regionB, collegeA, collegeA2, users };
}

/**
 * The people of one certification case in a fresh region (Teknikcollege Test, Hjo) with one local college: the
 * secretariat, two reviewers, the board, the region's lead and a local lead.
 */
export async function makeCaseTeam(db: DB) {
  const regionId = await makeRegion(db, "Teknikcollege Test", ["1496"]);
  const college = await makeLocalCollege(db, regionId);
  const users = {
    secretariat: await makeUser(db, "secretariat"),
    reviewer1: await makeUser(db, "reviewer"),
    reviewer2: await makeUser(db, "reviewer"),
    board: await makeUser(db, "board"),
    regionLead: await makeUser(db, "regionLead", { regionId }),
    localLead: await makeUser(db, "localLead", { regionId, localCollegeId: college }),
  };
  return {
    regionId,
    college,
    users,
    reviewerIds: [users.reviewer1.id, users.reviewer2.id] as [string, string],
  };
}

/**
 * A certification of a region written straight to the table, as a granted decision leaves it: certified, of the
 * region itself, unless told otherwise. Returns its id.
 */
export async function insertCertification(
  db: DB,
  c: {
    id?: string;
    caseId: string;
    regionId: string;
    subjectName: string;
    validFrom: string;
    validTo: string;
    at: string;
    status?: string;
    subjectKind?: string;
  },
): Promise<string> {
  const id = c.id ?? randomUUID();
  await db
    .insertInto("certifications")
    .values({
      id,
      case_id: c.caseId,
      region_id: c.regionId,
      subject_kind: c.subjectKind ?? "region",
      subject_id: c.regionId,
      subject_name: c.subjectName,
      valid_from: c.validFrom,
      valid_to: c.validTo,
      status: c.status ?? "certified",
      ended_by_case_id: null,
      created_at: c.at,
      updated_at: c.at,
    })
    .execute();
  return id;
}
