import type { Principal } from "../../../domain/access";
import { isActionName } from "../../../domain/certification/actions";
import { stockholmDate } from "../../../domain/certification/deadlines";
import {
  type ActorFacts,
  actionsFor,
  applyAction,
  type CaseFacts,
  type Effect,
  enabledActions,
  nextActors,
  openDeadline,
  plannedVisitDate,
} from "../../../domain/certification/machine";
import { roleMayTakeAction } from "../../../domain/certification/permissions";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import { isFinalState } from "../../../domain/certification/steps";
import {
  applyFollowUpAction,
  enabledFollowUpActions,
  type FollowUpEffect,
  type FollowUpFacts,
  followUpActionsFor,
  followUpNextActors,
  followUpOpenDeadline,
  followUpRoleMayTake,
  isFollowUpFinal,
} from "../../../domain/follow-up/machine";
import type { FollowUpRecord } from "../../../domain/follow-up/record";
import {
  applyJoiningAction,
  enabledJoiningActions,
  type JoiningEffect,
  type JoiningFacts,
  type JoiningRecord,
  joiningActionsFor,
  joiningNextActors,
  joiningRoleMayTake,
} from "../../../domain/joining/machine";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { actorFactsOf, caseFactsOf, criteriaNumbersOf, reviewerIdsOf, scopeOf, worldFactsFor } from "./facts";
import { writeFollowUpRow } from "./follow-up-row";
import { itemsOf, listOf } from "./lists";

/**
 * The case machinery is one; the process definitions are several. Each adapter translates a stored case row
 * into its definition's facts and back: apply an action, list the actions, derive the columns that list and
 * task queries read (who acts next, the open deadline, whether the case is closed).
 */

export type AnyEffect = Effect | JoiningEffect | FollowUpEffect;

export type ApplyOutcome =
  | { ok: true; state: string; record: unknown; effects: AnyEffect[] }
  | { ok: false; code: string; status: number; message: { sv: string; en: string }; details?: unknown };

export interface Derived {
  awaitingRoles: string;
  /** "|action|action|": what the state and record allow, whoever asks (narrowed per actor when read). */
  enabledActions: string;
  deadline: { deadline: string; dueDate: string } | null;
  final: boolean;
  boardMeetingId: string | null;
  /** The coming review visit's planned date (`cases.visit_date`). */
  visitDate: string | null;
}

export interface ProcessAdapter {
  apply(
    db: Executor,
    row: Row<"cases">,
    actor: ActorFacts,
    now: Date,
    action: string,
    payload: unknown,
  ): Promise<ApplyOutcome>;
  /** The actions this actor may take: the stored `enabled_actions` narrowed to the actor (derived when missing). */
  available(db: Executor, row: Row<"cases">, actor: ActorFacts): Promise<string[]>;
  derive(db: Executor, row: Row<"cases">, state: string, record: unknown): Promise<Derived>;
  /** The actor's role allows the action at all (state and payload aside): checked before the payload is read. */
  roleMayTake(actor: ActorFacts, action: string): boolean;
  /** The process's own read model, written in the transition's transaction (after the case row). */
  project?(db: Executor, row: Row<"cases">, state: string, record: unknown, at: string): Promise<void>;
}

const certification: ProcessAdapter = {
  async apply(db, row, actor, now, action, payload) {
    const facts = caseFactsOf(row, await criteriaNumbersOf(db, row.criteria_set_id));
    const world = await worldFactsFor(db, now, payload, row.board_meeting_id);
    return applyAction({
      processVersion: row.process_version,
      facts,
      actor,
      world,
      action,
      payload: payload ?? {},
    });
  },
  roleMayTake(actor, action) {
    return isActionName(action) && roleMayTakeAction(actor, action);
  },
  async available(db, row, actor) {
    if (row.enabled_actions !== null) return actionsFor(actor, itemsOf(row.enabled_actions));
    const facts = caseFactsOf(row, await criteriaNumbersOf(db, row.criteria_set_id));
    return actionsFor(actor, enabledActions(facts, row.process_version));
  },
  async derive(db, row, state, record) {
    const facts = {
      ...caseFactsOf(row, await criteriaNumbersOf(db, row.criteria_set_id)),
      state,
      record,
    } as CaseFacts;
    return {
      awaitingRoles: listOf(nextActors(facts, row.process_version)),
      enabledActions: listOf(enabledActions(facts, row.process_version)),
      deadline: openDeadline(facts),
      final: isFinalState(facts.state),
      // The meeting the case is on, or was last decided at (a postponed case stays the board's to see); none once
      // a cancelled meeting took the case off its agenda.
      boardMeetingId:
        facts.record.agenda?.boardMeetingId ??
        normalizeCaseRecord(facts.record).previousRounds.at(-1)?.agenda?.boardMeetingId ??
        null,
      visitDate: plannedVisitDate(facts),
    };
  },
};

export function joiningFactsOf(row: Row<"cases">): JoiningFacts {
  return {
    kind: "joining",
    state: row.state as JoiningFacts["state"],
    record: JSON.parse(row.record) as JoiningRecord,
  };
}

const joining: ProcessAdapter = {
  roleMayTake: joiningRoleMayTake,
  async apply(_db, row, actor, now, action, payload) {
    return applyJoiningAction({
      facts: joiningFactsOf(row),
      actor,
      world: { today: stockholmDate(now) },
      action,
      payload,
    });
  },
  async available(_db, row, actor) {
    const enabled =
      row.enabled_actions !== null
        ? itemsOf(row.enabled_actions)
        : enabledJoiningActions(joiningFactsOf(row));
    return joiningActionsFor(actor, enabled);
  },
  async derive(_db, row, state, record) {
    const facts = { kind: "joining", state, record } as JoiningFacts;
    return {
      awaitingRoles: listOf(joiningNextActors(facts)),
      enabledActions: listOf(enabledJoiningActions(facts)),
      deadline: null,
      final: state !== "open",
      boardMeetingId: row.board_meeting_id,
      visitDate: null,
    };
  },
};

export async function followUpFactsOf(db: Executor, row: Row<"cases">): Promise<FollowUpFacts> {
  return {
    state: row.state as FollowUpFacts["state"],
    record: JSON.parse(row.record) as FollowUpRecord,
    criteriaNumbers: await criteriaNumbersOf(db, row.criteria_set_id),
  };
}

/** The acting local lead's local college, for a contribution. */
async function localCollegeOf(
  db: Executor,
  actor: ActorFacts,
): Promise<{ id: string; name: string } | undefined> {
  if (actor.role !== "localLead") return undefined;
  const lc = await db
    .selectFrom("users")
    .innerJoin("local_colleges", "local_colleges.id", "users.local_college_id")
    .select(["local_colleges.id", "local_colleges.name"])
    .where("users.id", "=", actor.userId)
    .executeTakeFirst();
  return lc ?? undefined;
}

/** Of the documents a self-assessment names as attachments, those that are this case's (read only when it names any). */
async function documentsNamedOf(
  db: Executor,
  caseId: string,
  payload: unknown,
): Promise<string[] | undefined> {
  const criteria = (payload as { criteria?: unknown } | null)?.criteria;
  const named = Array.isArray(criteria)
    ? criteria.flatMap((c) => {
        const ids = (c as { documentIds?: unknown } | null)?.documentIds;
        return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
      })
    : [];
  if (named.length === 0) return undefined;
  const rows = await db
    .selectFrom("documents")
    .select("id")
    .where("case_id", "=", caseId)
    .where("id", "in", [...new Set(named)].slice(0, 1000))
    .execute();
  return rows.map((r) => r.id);
}

const followUp: ProcessAdapter = {
  roleMayTake: followUpRoleMayTake,
  async apply(db, row, actor, now, action, payload) {
    const world = await worldFactsFor(db, now, payload);
    const actorLocalCollege = await localCollegeOf(db, actor);
    const caseDocumentIds = await documentsNamedOf(db, row.id, payload);
    return applyFollowUpAction({
      facts: await followUpFactsOf(db, row),
      actor,
      world: {
        today: world.today,
        users: world.users,
        ...(actorLocalCollege ? { actorLocalCollege } : {}),
        ...(caseDocumentIds ? { caseDocumentIds } : {}),
      },
      action,
      payload,
    });
  },
  async available(db, row, actor) {
    const enabled =
      row.enabled_actions !== null
        ? itemsOf(row.enabled_actions)
        : enabledFollowUpActions(await followUpFactsOf(db, row));
    return followUpActionsFor(actor, enabled);
  },
  async derive(db, row, state, record) {
    const facts = { ...(await followUpFactsOf(db, row)), state, record } as FollowUpFacts;
    return {
      awaitingRoles: listOf(followUpNextActors(facts)),
      enabledActions: listOf(enabledFollowUpActions(facts)),
      deadline: followUpOpenDeadline(facts),
      final: isFollowUpFinal(state),
      boardMeetingId: null,
      visitDate: null,
    };
  },
  async project(db, row, state, record, at) {
    await writeFollowUpRow(db, row, state, record as FollowUpRecord, at);
  },
};

const ADAPTERS: Record<string, ProcessAdapter> = { certification, joining, followUp };

export function processOf(row: Row<"cases">): ProcessAdapter {
  const adapter = ADAPTERS[row.process];
  if (!adapter) throw new Error(`unknown process ${row.process}`);
  return adapter;
}

/** The actor's facts for a case: scope (region, local college, assignment, agenda) resolved from the row. */
export async function actorFor(db: Executor, p: Principal, row: Row<"cases">): Promise<ActorFacts> {
  return actorFactsOf(p, scopeOf(row, await reviewerIdsOf(db, row.id)));
}
