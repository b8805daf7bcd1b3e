import { sql } from "kysely";
import type { Principal } from "../../../domain/access";
import { addCalendarMonths, stockholmDate } from "../../../domain/certification/deadlines";
import {
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  enabledActions,
  nextActors,
  startCase,
} from "../../../domain/certification/machine";
import type { ActorFacts } from "../../../domain/certification/permissions";
import { CASE_KIND_LABELS, type CaseKind } from "../../../domain/certification/steps";
import type { JoiningRecord } from "../../../domain/joining/machine";
import { mayOpenCase } from "../../../domain/policies/cases";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { fields, prepared } from "../../db/prepared";
import { type Database, NO_DUE_DATE, type Row } from "../../db/schema";
import { AppError, errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { enqueueForEffect, enqueueNextActorsNotice } from "../notifications/use-cases";
import { activeCriteriaSet } from "../registry/criteria";
import { criteriaNumbersOf } from "./facts";
import { applyJoiningToRegistry, openLinkedCertification, validateJoiningReferences } from "./joining";
import { listOf } from "./lists";
import { type AnyEffect, actorFor, processOf } from "./processes";
import { allocateRegistrationNumber } from "./registration";
import type { CertificationCaseInput } from "./schemas";
import { recordCaseStatistics } from "./statistics";

function actorOf(ctx: Ctx) {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/** "|secretariat|reviewer|": the roles that must act next, stored for task queries. */
export function awaitingRoles(facts: CaseFacts, processVersion: number): string {
  return listOf(nextActors(facts, processVersion));
}

interface Subject {
  title: string;
  localCollegeId: string | null;
  providerId: string | null;
  programmeId: string | null;
  specialisationId: string | null;
  certificationId: string | null;
}

const invalidSubject = (sv: string, en: string) => errors.invalid("case.invalid_subject", { sv, en });

/** Checks that what the case is about exists and belongs to the region; builds the case title. */
async function resolveSubject(
  ctx: Ctx,
  input: CertificationCaseInput,
  regionName: string,
  joiningProvider = false,
): Promise<Subject> {
  const label = CASE_KIND_LABELS[input.kind as CaseKind].sv;
  const base: Subject = {
    title: `${label}: ${regionName}`,
    localCollegeId: input.localCollegeId ?? null,
    providerId: null,
    programmeId: null,
    specialisationId: null,
    certificationId: null,
  };
  if (base.localCollegeId) {
    const lc = await ctx.db
      .selectFrom("local_colleges")
      .select(["region_id", "name"])
      .where("id", "=", base.localCollegeId)
      .executeTakeFirst();
    if (lc?.region_id !== input.regionId)
      throw invalidSubject(
        "Det lokala colleget hör inte till regionen.",
        "The local college is not in the region.",
      );
  }
  const provider = async (providerId: string) => {
    const p = await ctx.db
      .selectFrom("education_providers")
      .selectAll()
      .where("id", "=", providerId)
      .executeTakeFirst();
    // A provider that is joining the region (linked joining case) is not in it yet.
    if (!p || (p.region_id !== input.regionId && !(joiningProvider && p.region_id === null)))
      throw invalidSubject(
        "Utbildningsanordnaren hör inte till regionen.",
        "The provider is not in the region.",
      );
    base.providerId = p.id;
    base.localCollegeId ??= p.local_college_id;
    return p;
  };
  const programme = async (programmeId: string) => {
    const pr = await ctx.db
      .selectFrom("programmes")
      .selectAll()
      .where("id", "=", programmeId)
      .executeTakeFirst();
    if (!pr) throw invalidSubject("Utbildningen finns inte.", "The programme does not exist.");
    const p = await provider(pr.provider_id);
    base.programmeId = pr.id;
    return { pr, p };
  };
  switch (input.kind) {
    case "newRegion":
      return base;
    case "newProvider": {
      if (!input.providerId) throw invalidSubject("Ange utbildningsanordnare.", "Name the provider.");
      const p = await provider(input.providerId);
      return { ...base, title: `${label}: ${p.name}` };
    }
    case "newProgramme": {
      if (!input.programmeId) throw invalidSubject("Ange utbildning.", "Name the programme.");
      const { pr, p } = await programme(input.programmeId);
      return { ...base, title: `${label}: ${pr.name}, ${p.name}` };
    }
    case "newSpecialisation": {
      if (!input.specialisationId) throw invalidSubject("Ange inriktning.", "Name the specialisation.");
      const sp = await ctx.db
        .selectFrom("specialisations")
        .selectAll()
        .where("id", "=", input.specialisationId)
        .executeTakeFirst();
      if (!sp) throw invalidSubject("Inriktningen finns inte.", "The specialisation does not exist.");
      const { pr, p } = await programme(sp.programme_id);
      base.specialisationId = sp.id;
      return { ...base, title: `${label}: ${sp.name} (${pr.name}, ${p.name})` };
    }
    default: {
      // recertification, decertification: about an existing certification of the region
      if (!input.certificationId) throw invalidSubject("Ange certifieringen.", "Name the certification.");
      const cert = await ctx.db
        .selectFrom("certifications")
        .selectAll()
        .where("id", "=", input.certificationId)
        .executeTakeFirst();
      if (cert?.region_id !== input.regionId) {
        throw invalidSubject(
          "Certifieringen hör inte till regionen.",
          "The certification is not the region's.",
        );
      }
      if (cert.status !== "certified") {
        throw invalidSubject("Certifieringen är inte giltig.", "The certification is not in force.");
      }
      base.certificationId = cert.id;
      if (cert.subject_kind === "provider") base.providerId = cert.subject_id;
      if (cert.subject_kind === "programme") base.programmeId = cert.subject_id;
      if (cert.subject_kind === "specialisation") base.specialisationId = cert.subject_id;
      return { ...base, title: `${label}: ${cert.subject_name}` };
    }
  }
}

/** Opens a certification case: a registration number, the active criteria set, the process version, the first step. */
export async function openCertificationCase(
  ctx: Ctx,
  input: CertificationCaseInput,
  link: { joiningCaseId?: string } = {},
): Promise<string> {
  const p = actorOf(ctx);
  const region = await ctx.db
    .selectFrom("regions")
    .selectAll()
    .where("id", "=", input.regionId)
    .executeTakeFirst();
  if (!region || (p.role !== "secretariat" && p.regionId !== region.id)) throw errors.notFound("region");
  if (!mayOpenCase(p, input.kind, region.id)) throw errors.forbidden("case");
  const subject = await resolveSubject(ctx, input, region.name, Boolean(link.joiningCaseId));
  const criteriaSet = await activeCriteriaSet(ctx.db);
  if (!criteriaSet) {
    throw errors.conflict("case.no_active_criteria", {
      sv: "Det finns inga aktiva kriterier.",
      en: "There is no active criteria set.",
    });
  }
  const criteria = await criteriaNumbersOf(ctx.db, criteriaSet.id);
  const facts = startCase({
    kind: input.kind,
    criteriaNumbers: criteria,
    processVersion: CERTIFICATION_PROCESS_VERSION,
  });
  const reg = await allocateRegistrationNumber(ctx, Number(stockholmDate(ctx.now).slice(0, 4)));
  const id = ctx.newId();
  const now = ctx.now.toISOString();
  await ctx.db
    .insertInto("cases")
    .values({
      id,
      registration_number: reg.number,
      reg_year: reg.year,
      reg_seq: reg.seq,
      process: "certification",
      process_version: CERTIFICATION_PROCESS_VERSION,
      kind: input.kind,
      state: facts.state,
      title: subject.title,
      region_id: region.id,
      local_college_id: subject.localCollegeId,
      provider_id: subject.providerId,
      programme_id: subject.programmeId,
      specialisation_id: subject.specialisationId,
      municipality_code: null,
      certification_id: subject.certificationId,
      linked_case_id: link.joiningCaseId ?? null,
      criteria_set_id: criteriaSet.id,
      board_meeting_id: null,
      record: JSON.stringify(facts.record),
      next_due_date: null,
      next_deadline: null,
      awaiting_roles: awaitingRoles(facts, CERTIFICATION_PROCESS_VERSION),
      enabled_actions: listOf(enabledActions(facts, CERTIFICATION_PROCESS_VERSION)),
      created_by: p.id,
      created_at: now,
      updated_at: now,
      state_since: now,
      closed_at: null,
    })
    .execute();
  await appendEvent(ctx, {
    streamType: "case",
    streamId: id,
    type: "case.opened",
    payload: {
      ...input,
      registrationNumber: reg.number,
      criteriaSetVersion: criteriaSet.version,
      state: facts.state,
    },
    processVersion: CERTIFICATION_PROCESS_VERSION,
  });
  await recordCaseStatistics(ctx.db, {
    process: "certification",
    before: null,
    after: { state: facts.state, open: true },
    at: now,
  });
  return id;
}

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
  if (reviewerIds && input.action === "assignReviewers") {
    await ctx.db
      .deleteFrom("case_participants")
      .where("case_id", "=", row.id)
      .where("role", "=", "reviewer")
      .execute();
    await ctx.db
      .insertInto("case_participants")
      .values(reviewerIds.map((userId) => ({ case_id: row.id, user_id: userId, role: "reviewer" })))
      .execute();
  }
  // The reviewers' task index: open and waiting for a reviewer, due when (the sort key: never NULL), in its step
  // since when.
  await syncReviewerTasks.all(ctx.db, {
    caseId: row.id,
    open: !derived.final && derived.awaitingRoles.includes("|reviewer|") ? 1 : 0,
    due: derived.deadline?.dueDate ?? NO_DUE_DATE,
    since: stateChanged ? nowIso : row.state_since,
  });
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
      if (row.certification_id) {
        await ctx.db
          .updateTable("certifications")
          .set({
            status: "superseded",
            ended_by_case_id: row.id,
            updated_at: nowIso,
            version: sql`version + 1`,
          })
          .where("id", "=", row.certification_id)
          .execute();
      }
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
      await ctx.db
        .updateTable("certifications")
        .set({
          status: "decertified",
          ended_by_case_id: row.id,
          updated_at: nowIso,
          version: sql`version + 1`,
        })
        .where("id", "=", row.certification_id)
        .execute();
      await appendEvent(ctx, {
        streamType: "certification",
        streamId: row.certification_id,
        type: "certification.decertified",
        payload: { caseId: row.id, registrationNumber: row.registration_number },
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
  if (row.specialisation_id) {
    const s = await ctx.db
      .selectFrom("specialisations")
      .select(["id", "name"])
      .where("id", "=", row.specialisation_id)
      .executeTakeFirstOrThrow();
    return { kind: "specialisation", id: s.id, name: s.name };
  }
  if (row.programme_id) {
    const s = await ctx.db
      .selectFrom("programmes")
      .select(["id", "name"])
      .where("id", "=", row.programme_id)
      .executeTakeFirstOrThrow();
    return { kind: "programme", id: s.id, name: s.name };
  }
  if (row.provider_id) {
    const s = await ctx.db
      .selectFrom("education_providers")
      .select(["id", "name"])
      .where("id", "=", row.provider_id)
      .executeTakeFirstOrThrow();
    return { kind: "provider", id: s.id, name: s.name };
  }
  const r = await ctx.db
    .selectFrom("regions")
    .select(["id", "name"])
    .where("id", "=", row.region_id)
    .executeTakeFirstOrThrow();
  return { kind: "region", id: r.id, name: r.name };
}
