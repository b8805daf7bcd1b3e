import { randomUUID } from "node:crypto";
import { daysUntil, type IsoDate } from "../../../domain/certification/deadlines";
import type { Role } from "../../../domain/certification/permissions";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import type { DeadlineKind } from "../../../domain/certification/steps";
import { reminderCancelReason } from "../../../domain/policies/notifications";
import type { ReminderCancelReason } from "../../../shared/outbox";
import type { Ctx } from "../../context";
import type { DB, Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import type { Row } from "../../db/schema";
import { caseForNotice, type Recipient, usersWithRole } from "./repository";
import { caseVars, type DeliverNotice, deliverNotice, reminderOffsets, usersForRoles } from "./use-cases";

/**
 * Deadline reminders, driven by data alone: every scan looks at the open deadlines as they are now and
 * gives the reminders that are due and not yet given. No timers live in memory, so a restart, a second
 * process or a missed day changes nothing: `reminders_sent` holds one row per reminder given, unique per
 * (case, deadline, due date, offset, notice, recipient), written in the same transaction as its outbox row.
 */

/** `offset_days` of the secretariat's notice that a deadline passed: the day after the due date. */
export const PASSED_OFFSET = -1;

/**
 * The reminder due on a day `daysLeft` days before the due date (negative: overdue), or null: the latest
 * milestone reached, among the configured offsets (14, 3, 0 days before) and every 7th day overdue. Only
 * milestones on or after the day the due date was set count (`daysAtSet`: days from then to the due date),
 * so a deadline set or postponed to 10 days ahead skips "14 days before": its people were told just then.
 * A scan that missed a day gives the latest milestone late, once; never the earlier ones as well.
 */
export function reminderMilestone(
  daysLeft: number,
  offsets: readonly number[],
  daysAtSet: number = Number.POSITIVE_INFINITY,
): number | null {
  const candidates = offsets.filter((o) => o >= daysLeft && o <= daysAtSet);
  if (daysLeft <= -7) candidates.push(-7 * Math.floor(-daysLeft / 7));
  return candidates.length ? Math.min(...candidates) : null;
}

/** The day the current due date was set: the last postponement, else when the deadline was set. */
function dueDateSetOn(recordJson: string, kind: DeadlineKind): IsoDate | null {
  const d = normalizeCaseRecord(JSON.parse(recordJson)).deadlines[kind];
  if (!d) return null;
  return d.postponements.at(-1)?.grantedOn ?? d.setOn;
}

export interface ReminderScanResult {
  /** Open deadlines looked at. */
  deadlines: number;
  /** Reminders given to whoever must act. */
  reminders: number;
  /** Notices to the secretariat that a deadline passed. */
  passed: number;
}

export interface ReminderScan {
  db: DB;
  now: Date;
  newId?: () => string;
  /** Link base for e-mail; default SPELPLAN_BASE_URL. */
  baseUrl?: string;
}

/**
 * One pass over every open deadline: reminds the roles the case waits for (in the case's scope) on the
 * configured days before the due date, on the day, and every week while overdue; tells the secretariat once
 * when a deadline passes. Each reminder is given in its own short transaction that first checks the
 * deadline is still open with the same due date (on PostgreSQL holding the case row, so an action completing
 * the task at that moment either waits or wins): a reminder never goes out once the task is done or moved.
 */
export async function runReminderScan(scan: ReminderScan): Promise<ReminderScanResult> {
  const { db, now } = scan;
  const newId = scan.newId ?? randomUUID;
  const { offsets } = await reminderOffsets(db);
  const open = await db
    .selectFrom("cases")
    .select(["id", "next_deadline", "next_due_date", "awaiting_roles", "record"])
    .where("closed_at", "is", null)
    .where("next_due_date", "is not", null)
    .where("next_deadline", "is not", null)
    .orderBy("next_due_date")
    .execute();
  const result: ReminderScanResult = { deadlines: open.length, reminders: 0, passed: 0 };
  for (const c of open) {
    const dueDate = c.next_due_date as IsoDate;
    const deadline = c.next_deadline as DeadlineKind;
    const daysLeft = daysUntil(dueDate, now);
    const setOn = dueDateSetOn(c.record, deadline);
    const daysAtSet = setOn ? daysUntil(dueDate, new Date(`${setOn}T12:00:00Z`)) : undefined;
    const milestone = reminderMilestone(daysLeft, offsets, daysAtSet);
    const passed = daysLeft < 0;
    if (milestone === null && !passed) continue;
    const given = await db.transaction().execute(async (tx) => {
      let still = tx
        .selectFrom("cases")
        .select(["id", "awaiting_roles"])
        .where("id", "=", c.id)
        .where("closed_at", "is", null)
        .where("next_due_date", "=", dueDate)
        .where("next_deadline", "=", deadline);
      if (isPostgres(tx)) still = still.forShare();
      const current = await still.executeTakeFirst();
      if (!current) return { reminders: 0, passed: 0 };
      const ctx: Ctx = { db: tx, actor: null, now, newId, meta: {} };
      const row = await caseForNotice(tx, c.id);
      const vars = { ...caseVars(row), deadline, dueDate, daysLeft };
      const roles = current.awaiting_roles.split("|").filter(Boolean) as Role[];
      /** Gives the notice to each of these people not given it before; how many were given it. */
      const giveEach = async (
        notice: ReminderIdentity["notice"],
        offset: number,
        people: Recipient[],
        noticeVars: DeliverNotice["vars"],
      ): Promise<number> => {
        let given = 0;
        for (const r of people) {
          if (!(await giveOnce(ctx, { caseId: c.id, deadline, dueDate, offset, notice }, r))) continue;
          await deliverNotice(ctx, {
            kind: notice,
            caseId: c.id,
            vars: noticeVars,
            recipients: [r],
            dedupeKey: (x) => reminderKey(c.id, deadline, dueDate, offset, notice, x),
            baseUrl: scan.baseUrl,
            reminderOf: { deadline, dueDate },
          });
          given++;
        }
        return given;
      };
      const out = { reminders: 0, passed: 0 };
      if (milestone !== null) {
        out.reminders = await giveEach("reminder", milestone, await usersForRoles(tx, row, roles), vars);
      }
      if (passed) {
        const secretariat = await usersWithRole(tx, "secretariat");
        out.passed = await giveEach("deadlinePassed", PASSED_OFFSET, secretariat, {
          ...vars,
          waitingFor: roles,
        });
      }
      return out;
    });
    result.reminders += given.reminders;
    result.passed += given.passed;
  }
  return result;
}

interface ReminderIdentity {
  caseId: string;
  deadline: DeadlineKind;
  dueDate: IsoDate;
  offset: number;
  notice: "reminder" | "deadlinePassed";
}

function reminderKey(
  caseId: string,
  deadline: DeadlineKind,
  dueDate: IsoDate,
  offset: number,
  notice: string,
  r: Recipient,
): string {
  return `${notice}:${caseId}:${deadline}:${dueDate}:${offset}:${r.userId}`;
}

/**
 * Claims one reminder in the ledger; false when it was given before (by this or any other process: a
 * concurrent insert of the same key waits for the other transaction and then does nothing).
 */
async function giveOnce(ctx: Ctx, k: ReminderIdentity, r: Recipient): Promise<boolean> {
  if (!r.userId) return false;
  const inserted = await ctx.db
    .insertInto("reminders_sent")
    .values({
      id: ctx.newId(),
      case_id: k.caseId,
      deadline: k.deadline,
      due_date: k.dueDate,
      offset_days: k.offset,
      notice: k.notice,
      user_id: r.userId,
      created_at: ctx.now.toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["case_id", "deadline", "due_date", "offset_days", "notice", "user_id"]).doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * A reminder's second look, when its e-mail's turn comes (the dispatcher, in the transaction that would mark it
 * cancelled): null while it is still due, else the reason (domain/policies/notifications.ts). On PostgreSQL the
 * case row is held for share, so an action completing the task at that moment either waits or has won.
 */
export async function reminderNoLongerDue(
  db: Executor,
  row: Pick<Row<"outbox">, "case_id" | "deadline" | "due_date" | "template" | "user_id">,
): Promise<ReminderCancelReason | null> {
  if (!row.case_id || !row.deadline || !row.due_date) return null;
  let q = db
    .selectFrom("cases")
    .select(["id", "closed_at", "next_deadline", "next_due_date", "awaiting_roles"])
    .where("id", "=", row.case_id);
  if (isPostgres(db)) q = q.forShare();
  const c = await q.executeTakeFirst();
  const at = { deadline: row.deadline, dueDate: row.due_date };
  if (!c) return reminderCancelReason(at, null);
  let recipientStillActs = true;
  if (row.user_id) {
    const people =
      row.template === "deadlinePassed"
        ? await usersWithRole(db, "secretariat")
        : await usersForRoles(
            db,
            await caseForNotice(db, c.id),
            c.awaiting_roles.split("|").filter(Boolean) as Role[],
          );
    recipientStillActs = people.some((p) => p.userId === row.user_id);
  }
  return reminderCancelReason(at, {
    closed: c.closed_at !== null,
    deadline: c.next_deadline,
    dueDate: c.next_due_date,
    recipientStillActs,
  });
}
