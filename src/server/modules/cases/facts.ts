import type { Principal } from "../../../domain/access";
import { stockholmDate } from "../../../domain/certification/deadlines";
import type {
  ActorFacts,
  BoardMeetingFacts,
  CaseFacts,
  WorldFacts,
} from "../../../domain/certification/machine";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import type { CaseKind, CaseState } from "../../../domain/certification/steps";
import { type CaseScopeFacts, seesCase } from "../../../domain/policies/cases";
import type { Executor } from "../../db/connect";
import { prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";

/** Translating stored rows into the facts the pure process definition works on. */

// Criteria sets never change once in use, so their numbers are cached per process.
const criteriaCache = new Map<string, number[]>();

export async function criteriaNumbersOf(db: Executor, criteriaSetId: string | null): Promise<number[]> {
  if (!criteriaSetId) return [];
  const cached = criteriaCache.get(criteriaSetId);
  if (cached) return cached;
  const rows = await db
    .selectFrom("criteria")
    .select("number")
    .where("criteria_set_id", "=", criteriaSetId)
    .orderBy("number")
    .execute();
  const numbers = rows.map((r) => r.number);
  criteriaCache.set(criteriaSetId, numbers);
  return numbers;
}

const reviewersOf = prepared<{ caseId: string }, { user_id: string }, Database>((db, a) =>
  db
    .selectFrom("case_participants")
    .select("user_id")
    .where("case_id", "=", a.caseId)
    .where("role", "=", "reviewer"),
);

export async function reviewerIdsOf(db: Executor, caseId: string): Promise<string[]> {
  return (await reviewersOf.all(db, { caseId })).map((r) => r.user_id);
}

export function scopeOf(row: Row<"cases">, reviewerIds: readonly string[]): CaseScopeFacts {
  return {
    regionId: row.region_id,
    localCollegeId: row.local_college_id,
    reviewerIds,
    onBoardAgenda: row.board_meeting_id !== null,
  };
}

export function caseFactsOf(row: Row<"cases">, criteriaNumbers: number[]): CaseFacts {
  return {
    kind: row.kind as CaseKind,
    state: row.state as CaseState,
    criteriaNumbers,
    record: normalizeCaseRecord(JSON.parse(row.record)),
  };
}

export function actorFactsOf(p: Principal, scope: CaseScopeFacts): ActorFacts {
  return {
    userId: p.id,
    role: p.role,
    inScope: seesCase(p, scope),
    isAssignedReviewer: p.role === "reviewer" && scope.reviewerIds.includes(p.id),
    isBoardForAgenda: p.role === "board" && scope.onBoardAgenda,
  };
}

function idsIn(payload: unknown, key: string): string[] {
  const v = (payload as Record<string, unknown> | null)?.[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

const meetingById = prepared<{ id: string }, Row<"board_meetings">, Database>((db, a) =>
  db.selectFrom("board_meetings").selectAll().where("id", "=", a.id),
);

async function meetingFacts(db: Executor, id: string): Promise<BoardMeetingFacts | undefined> {
  const m = await meetingById.first(db, { id });
  if (!m) return undefined;
  return {
    id: m.id,
    date: m.date,
    kind: m.kind as BoardMeetingFacts["kind"],
    status: m.status as BoardMeetingFacts["status"],
    title: m.title,
  };
}

/**
 * What the guards need from outside the case: today's date, the roles of users named, the meeting named, and the
 * meeting whose agenda the case is on (`cases.board_meeting_id`), as it stands now.
 */
export async function worldFactsFor(
  db: Executor,
  now: Date,
  payload: unknown,
  agendaMeetingId: string | null = null,
): Promise<WorldFacts> {
  const single = (payload as Record<string, unknown> | null)?.reviewerId;
  const userIds = [
    ...new Set([
      ...idsIn(payload, "reviewerIds"),
      ...idsIn(payload, "participantIds"),
      ...(typeof single === "string" ? [single] : []),
    ]),
  ].slice(0, 50);
  const users: WorldFacts["users"] = {};
  if (userIds.length) {
    const rows = await db
      .selectFrom("users")
      .select(["id", "role", "status"])
      .where("id", "in", userIds)
      .execute();
    for (const u of rows) if (u.status === "active") users[u.id] = { role: u.role as ActorFacts["role"] };
  }
  const world: WorldFacts = { today: stockholmDate(now), users };
  const meetingId = (payload as Record<string, unknown> | null)?.boardMeetingId;
  if (typeof meetingId === "string") {
    const m = await meetingFacts(db, meetingId);
    if (m) world.boardMeeting = m;
  }
  if (agendaMeetingId) {
    const m =
      agendaMeetingId === world.boardMeeting?.id
        ? world.boardMeeting
        : await meetingFacts(db, agendaMeetingId);
    if (m) world.agendaMeeting = m;
  }
  return world;
}
