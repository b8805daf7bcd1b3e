import { sql } from "kysely";
import type { Principal } from "../../../domain/access";
import { addCalendarMonths, stockholmDate } from "../../../domain/certification/deadlines";
import type { CaseFacts } from "../../../domain/certification/machine";
import type { ActorFacts } from "../../../domain/certification/permissions";
import type { JoiningRecord } from "../../../domain/joining/machine";
import { actorOf, type Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { fields, prepared } from "../../db/prepared";
import { type Database, NO_DUE_DATE, type Row } from "../../db/schema";
import { AppError, errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { enqueueForEffect, enqueueNextActorsNotice } from "../notifications/use-cases";
import { applyJoiningToRegistry, openLinkedCertification, validateJoiningReferences } from "./joining";
import { type AnyEffect, actorFor, processOf } from "./processes";
import { recordCaseStatistics } from "./statistics";

export { openCertificationCase } from "./open-case";

const caseById = prepared<{ id: string }, Row<"cases">, Database>((db, a) =>
  db.selectFrom("cases").selectAll().where("id", "=", a.id),
);

const CASE_TRANSITION_COLUMNS = [
  "state",
  "record",
  "next_due_date",
  "next_deadline",
  "visit_date",
  "awaiting_roles",
  "enabled_actions",
  "board_meeting_id",
  "updated_at",
  "state_since",
  "closed_at",
] as const;

type CaseTransition = { id: string; expectedVersion: number } & {
  [K in (typeof CASE_TRANSITION_COLUMNS)[number]]: string | null;
};

/** The version-checked write of a transition: no row back when another action got there first. */
const updateCase = prepared<CaseTransition, { id: string }, Database>((db, a) =>
  db
    .updateTable("cases")
    .set({ ...fields(a, CASE_TRANSITION_COLUMNS), version: sql`version + 1` } as never)
    .where("id", "=", a.id)
    .where("version", "=", a.expectedVersion)
    .returning("id"),
);

const syncReviewerTasks = prepared<
  { caseId: string; open: number; due: string; since: string },
  never,
  Database
>((db, a) =>
  db
    .updateTable("case_participants")
    .set({ task_open: a.open, task_due: a.due, task_since: a.since })
    .where("case_id", "=", a.caseId)
    .where("role", "=", "reviewer"),
);

export interface PerformAction {
  caseId: string;
  action: string;
  payload: unknown;
  expectedVersion: number;
  /** Set only by the board meeting's change (meetings/use-cases.ts), never from a request: MEETING_ACTIONS. */
  throughMeeting?: boolean;
}

/**
 * Takes one action on a case. The process definition decides everything (who, when, what must be recorded);
 * this use case loads the facts, applies its answer, executes the effects and logs the event — all in the
 * caller's transaction, guarded by the case's version.
 */
/**
 * Who may attempt `action` on the case, before its payload is looked at: outside the actor's scope 404, a role
 * that may not take the action 403. The action route runs it before validating the body; the use case again.
 */
export async function authorizeCaseAction(
  db: Executor,
  p: Principal,
  caseId: string,
  action: string,
  throughMeeting = false,
): Promise<{ row: Row<"cases">; actor: ActorFacts }> {
  const row = await caseById.first(db, { id: caseId });
  if (!row) throw errors.notFound("case");
  const actor = { ...(await actorFor(db, p, row)), throughMeeting };
  if (!actor.inScope && p.role !== "secretariat") throw errors.notFound("case");
  if (!processOf(row).roleMayTake(actor, action)) throw errors.forbidden("case");
  return { row, actor };
}

export async function performCaseAction(
  ctx: Ctx,
  input: PerformAction,
): Promise<{ state: string; version: number }> {
  const p = actorOf(ctx);
  const { row, actor } = await authorizeCaseAction(
    ctx.db,
    p,
    input.caseId,
    input.action,
    input.throughMeeting === true,
  );
  if (row.version !== input.expectedVersion) throw errors.staleVersion("case");
  const process = processOf(row);
  const result = await process.apply(ctx.db, row, actor, ctx.now, input.action, input.payload);
  if (!result.ok) throw new AppError(result.code, result.status, result.message, result.details);
  // What a joining action names in the registry must belong to the region (after the process said yes).
  if (row.process === "joining") await validateJoiningReferences(ctx, row, input.action, input.payload);

  const next = { state: result.state, record: result.record };
  const derived = await process.derive(ctx.db, row, result.state, result.record);
  const stateChanged = result.state !== row.state;
  const nowIso = ctx.now.toISOString();
  const updated = await updateCase.first(ctx.db, {
    id: row.id,
    expectedVersion: input.expectedVersion,
    state: result.state,
    record: JSON.stringify(result.record),
    next_due_date: derived.deadline?.dueDate ?? null,
    next_deadline: derived.deadline?.deadline ?? null,
    visit_date: derived.visitDate,
    awaiting_roles: derived.awaitingRoles,
    enabled_actions: derived.enabledActions,
    board_meeting_id: derived.boardMeetingId,
    updated_at: nowIso,
    state_since: stateChanged ? nowIso : row.state_since,
    closed_at: derived.final ? nowIso : null,
  });
  if (!updated) throw errors.staleVersion("case");
  await process.project?.(ctx.db, row, result.state, result.record, nowIso);
  // Placed on a meeting's agenda: the meeting's page lists every case ever placed on it (postponed ones too).
  if (derived.boardMeetingId && derived.boardMeetingId !== row.board_meeting_id) {
    await ctx.db
      .insertInto("meeting_placements")
      .values({ board_meeting_id: derived.boardMeetingId, case_id: row.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await recordCaseStatistics(ctx.db, {
    process: row.process,
    before: { state: row.state, open: row.closed_at === null, since: row.state_since },
    after: { state: result.state, open: !derived.final },
    at: nowIso,
  });

  const reviewerIds = (result.record as CaseFacts["record"]).reviewerIds;
  if (reviewerIds && input.action === "assignReviewers") await replaceReviewers(ctx, row.id, reviewerIds);
  await appendEvent(ctx, {
    streamType: "case",
    streamId: row.id,
    type: `case.${input.action}`,
    payload: {
      action: input.action,
      payload: input.payload ?? {},
      from: row.state,
      to: result.state,
      effects: result.effects,
    },
    processVersion: row.process_version,
  });
  for (const effect of result.effects) await executeEffect(ctx, row, next, effect);
  // The reviewers' task index (after the effects, which may assign one): open and waiting for a reviewer, due when (the sort key: never NULL), in its step
  // since when.
  await syncReviewerTasks.all(ctx.db, {
    caseId: row.id,
    open: !derived.final && derived.awaitingRoles.includes("|reviewer|") ? 1 : 0,
    due: derived.deadline?.dueDate ?? NO_DUE_DATE,
    since: stateChanged ? nowIso : row.state_since,
  });
  await enqueueNextActorsNotice(ctx, row, next);
  return { state: result.state, version: row.version + 1 };
}

/** Effects the process definition asks for, executed in the same transaction. */
async function executeEffect(
  ctx: Ctx,
  row: Row<"cases">,
  next: { state: string; record: unknown },
  effect: AnyEffect,
): Promise<void> {
  const nowIso = ctx.now.toISOString();
  switch (effect.type) {
    case "joiningCompleted":
      await applyJoiningToRegistry(ctx, row, next.record as JoiningRecord);
      return;
    case "openLinkedCertification":
      await openLinkedCertification(ctx, row, effect.providerId);
      return;
    case "certificationGranted": {
      const decidedOn = (next.record as CaseFacts["record"]).decision?.decidedOn ?? stockholmDate(ctx.now);
      const subject = await certificationSubject(ctx, row);
      if (row.certification_id) await endCertification(ctx, row, "superseded");
      const id = ctx.newId();
      await ctx.db
        .insertInto("certifications")
        .values({
          id,
          case_id: row.id,
          region_id: row.region_id,
          subject_kind: subject.kind,
          subject_id: subject.id,
          subject_name: subject.name,
          valid_from: decidedOn,
          valid_to: addCalendarMonths(decidedOn, effect.years * 12),
          status: "certified",
          ended_by_case_id: null,
          created_at: nowIso,
          updated_at: nowIso,
        })
        .execute();
      await appendEvent(ctx, {
        streamType: "certification",
        streamId: id,
        type: "certification.granted",
        payload: {
          caseId: row.id,
          registrationNumber: row.registration_number,
          ...subject,
          years: effect.years,
          validFrom: decidedOn,
        },
      });
      return;
    }
    case "certificationWithdrawn": {
      if (!row.certification_id) return;
      await endCertification(ctx, row, "decertified");
      return;
    }
    case "setFollowUpReviewer":
      await replaceReviewers(ctx, row.id, [effect.userId]);
      return;
    case "certificationAttention": {
      const cert = await ctx.db
        .selectFrom("certifications")
        .select(["attention_reason"])
        .where("id", "=", effect.certificationId)
        .executeTakeFirst();
      if (!cert || (cert.attention_reason === null && effect.reason === null)) return;
      await ctx.db
        .updateTable("certifications")
        .set({
          attention_reason: effect.reason,
          attention_since: effect.reason === null ? null : nowIso,
          updated_at: nowIso,
          version: sql`version + 1`,
        })
        .where("id", "=", effect.certificationId)
        .execute();
      await appendEvent(ctx, {
        streamType: "certification",
        streamId: effect.certificationId,
        type: effect.reason === null ? "certification.attentionCleared" : "certification.flagged",
        payload: { caseId: row.id, registrationNumber: row.registration_number, reason: effect.reason },
      });
      return;
    }
    default:
      // Deadlines live in the record (and next_due_date, which the reminder scan reads); a notice becomes
      // in-app notifications and outbox e-mail, written in this transaction.
      if (effect.type === "notify") await enqueueForEffect(ctx, row, effect);
      return;
  }
}

/** The case's reviewers become these users (the earlier ones are removed first). */
async function replaceReviewers(ctx: Ctx, caseId: string, userIds: readonly string[]): Promise<void> {
  await ctx.db
    .deleteFrom("case_participants")
    .where("case_id", "=", caseId)
    .where("role", "=", "reviewer")
    .execute();
  await ctx.db
    .insertInto("case_participants")
    .values(userIds.map((userId) => ({ case_id: caseId, user_id: userId, role: "reviewer" })))
    .execute();
}

/**
 * Ends the certification the case concerns: a new one supersedes it, or a decertification withdraws it; logged on
 * the certification's own stream (`certification.superseded`, `certification.decertified`).
 */
async function endCertification(
  ctx: Ctx,
  row: Row<"cases">,
  status: "superseded" | "decertified",
): Promise<void> {
  await ctx.db
    .updateTable("certifications")
    .set({
      status,
      ended_by_case_id: row.id,
      updated_at: ctx.now.toISOString(),
      version: sql`version + 1`,
    })
    .where("id", "=", row.certification_id as string)
    .execute();
  await appendEvent(ctx, {
    streamType: "certification",
    streamId: row.certification_id as string,
    type: `certification.${status}`,
    payload: { caseId: row.id, registrationNumber: row.registration_number },
  });
}

async function certificationSubject(
  ctx: Ctx,
  row: Row<"cases">,
): Promise<{ kind: string; id: string; name: string }> {
  if (row.certification_id) {
    const c = await ctx.db
      .selectFrom("certifications")
      .selectAll()
      .where("id", "=", row.certification_id)
      .executeTakeFirstOrThrow();
    return { kind: c.subject_kind, id: c.subject_id, name: c.subject_name };
  }
  // The narrowest thing the case concerns: a specialisation, a programme, a provider, else the region.
  const subjects = [
    ["specialisation", "specialisations", row.specialisation_id],
    ["programme", "programmes", row.programme_id],
    ["provider", "education_providers", row.provider_id],
    ["region", "regions", row.region_id],
  ] as const;
  const [kind, table, id] = subjects.find(([, , id]) => id !== null) as (typeof subjects)[number];
  const s = await ctx.db
    .selectFrom(table)
    .select(["id", "name"])
    .where("id", "=", id as string)
    .executeTakeFirstOrThrow();
  return { kind, id: s.id, name: s.name };
}
