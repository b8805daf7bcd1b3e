import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import type { ActionName } from "../../src/domain/certification/actions";
import { stockholmDate } from "../../src/domain/certification/deadlines";
import { type CaseFacts, CERTIFICATION_PROCESS_VERSION } from "../../src/domain/certification/machine";
import { ACTION_RESPONSIBLE } from "../../src/domain/certification/permissions";
import { normalizeCaseRecord } from "../../src/domain/certification/record";
import { type PathOptions, todayOf, validPayloadFor } from "../../src/domain/certification/test-support";
import type { DB } from "../../src/server/db/connect";
import type { CaseDetail } from "../../src/shared/dto";
import { loginAll, type Session, testApp } from "./app";
import { makeCaseTeam, type makeUser, type testClock } from "./factories";

type User = Awaited<ReturnType<typeof makeUser>>;

/** Sessions for everyone taking part in a certification case, and a way to drive its actions over HTTP. */
export async function caseActors(
  app: FastifyInstance,
  users: {
    secretariat: User;
    reviewer1: User;
    reviewer2: User;
    board: User;
    regionLead: User;
    localLead: User;
  },
) {
  const s: Record<string, Session> = await loginAll(app, users);
  const byRole: Record<string, Session> = {
    secretariat: s.secretariat,
    reviewer: s.reviewer1,
    board: s.board,
    regionLead: s.regionLead,
    localLead: s.localLead,
  };
  return { sessions: s, byRole };
}

/** Opens a new-region case over HTTP as `session` (a region lead or the secretariat); asserts 201. */
export async function openNewRegionCase(session: Session, regionId: string): Promise<CaseDetail> {
  const res = await session.request({
    method: "POST",
    url: "/api/cases",
    payload: { kind: "newRegion", regionId },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseDetail;
}

/** Plans a board meeting over HTTP as `session` (the secretariat); asserts 201. */
export async function planBoardMeeting(session: Session, date: string, title: string, kind = "ordinary") {
  const res = await session.request({
    method: "POST",
    url: "/api/board-meetings",
    payload: { date, kind, title },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; date: string; version: number };
}

/** An ordinary, planned board meeting written straight to the table; returned as a case's `boardMeeting`. */
export async function insertBoardMeeting(
  db: DB,
  { id = "m1", date = "2027-06-01", title = "Styrelsemöte", at = "x" } = {},
) {
  await db
    .insertInto("board_meetings")
    .values({ id, date, kind: "ordinary", title, created_at: at, updated_at: at })
    .execute();
  return { id, date, kind: "ordinary" as const, status: "planned" as const };
}

/**
 * The app on `db` driven by `clock`, with a case team (makeCaseTeam) logged in: the HTTP setup of tests that take
 * a case through its steps. The clock moves over months there, so sessions outlive it.
 */
export async function caseTeamApp(db: DB, clock: ReturnType<typeof testClock>) {
  const app = await testApp(db, clock, { sessionHours: 24 * 3650 });
  const team = await makeCaseTeam(db);
  const actors = await caseActors(app, team.users);
  return { app, team, actors };
}

export function factsOf(c: CaseDetail): CaseFacts {
  return {
    kind: c.kind as CaseFacts["kind"],
    state: c.state as CaseFacts["state"],
    criteriaNumbers: c.criteriaSet?.criteria.map((x) => x.number) ?? [],
    record: normalizeCaseRecord(c.record as never),
  };
}

/** Takes one action as the role the handbook expects, with a valid payload; asserts success. */
export async function act(
  byRole: Record<string, Session>,
  current: CaseDetail,
  action: ActionName,
  options: PathOptions & { as?: string; payload?: unknown },
  clockNow: Date,
): Promise<CaseDetail> {
  const role = options.as ?? ACTION_RESPONSIBLE[action][0] ?? "secretariat";
  const payload =
    options.payload ??
    validPayloadFor(action, factsOf(current), { today: stockholmDate(clockNow), ...options });
  const res = await byRole[role].request({
    method: "POST",
    url: `/api/cases/${current.id}/actions/${action}`,
    payload: { expectedVersion: current.version, payload },
  });
  expect(res.statusCode, `${action} as ${role}: ${res.body}`).toBe(200);
  const next = res.json() as CaseDetail;
  expect(next.processVersion).toBe(CERTIFICATION_PROCESS_VERSION);
  return next;
}

/**
 * The clock for a step of the case: `now`, or the day of the board meeting the case is (or was) on when that is
 * later — the board decides at its meeting (D2), and the steps after the decision follow it.
 */
export function clockFor(facts: CaseFacts, now: Date): Date {
  const day = todayOf({ today: stockholmDate(now) }, facts);
  return day > stockholmDate(now) ? new Date(`${day}T10:00:00Z`) : now;
}

/** Drives a case through actions at the use-case level as the secretariat (who may take every action). */
export async function driveAsSecretariat(
  db: import("../../src/server/db/connect").DB,
  secretariat: import("../../src/domain/access").Principal,
  caseId: string,
  actions: readonly ActionName[],
  options: PathOptions & { now: Date },
): Promise<CaseDetail> {
  const { findCaseForPrincipal, presentCase } = await import("../../src/server/modules/cases/repository");
  const { performCaseAction } = await import("../../src/server/modules/cases/use-cases");
  const load = async () =>
    presentCase(db, secretariat, (await findCaseForPrincipal(db, secretariat, caseId))!, options.now);
  let c = await load();
  for (const action of actions) {
    const now = clockFor(factsOf(c), options.now);
    const payload = validPayloadFor(action, factsOf(c), { today: stockholmDate(now), ...options });
    await db
      .transaction()
      .execute((tx) =>
        performCaseAction(
          { db: tx, actor: secretariat, now, newId: () => crypto.randomUUID(), meta: {} },
          { caseId, action, payload, expectedVersion: c.version },
        ),
      );
    c = await load();
  }
  return c;
}

/** One action at the use-case level with the test's own payload, on the case's version as it is now. */
export async function actOn(
  db: import("../../src/server/db/connect").DB,
  a: {
    actor: import("../../src/domain/access").Principal;
    now: Date;
    caseId: string;
    action: string;
    payload: unknown;
  },
): Promise<void> {
  const { performCaseAction } = await import("../../src/server/modules/cases/use-cases");
  const { version } = await db
    .selectFrom("cases")
    .select("version")
    .where("id", "=", a.caseId)
    .executeTakeFirstOrThrow();
  await db
    .transaction()
    .execute((tx) =>
      performCaseAction(
        { db: tx, actor: a.actor, now: a.now, newId: () => crypto.randomUUID(), meta: {} },
        { caseId: a.caseId, action: a.action, payload: a.payload, expectedVersion: version },
      ),
    );
}

export const FULL_PATH: ActionName[] = [
  "recordAnchoring",
  "recordSteeringGroups",
  "submitInterest",
  "giveFeedback",
  "saveApplicationDraft",
  "sendToSteeringGroup",
  "recordSteeringGroupApproval",
  "submitApplication",
  "assignReviewers",
  "planVisit",
  "recordVisit",
  "saveProtocol",
  "sendProtocol",
  "submitResponse",
  "recordDecisionBasis",
  "placeOnAgenda",
  "recordDecision",
  "sendDecision",
  "recordCeremony",
];
