import { sql } from "kysely";
import type { z } from "zod";
import { boardMeetingActions } from "../../../domain/policies/cases";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { performCaseAction } from "../cases/use-cases";
import { appendEvent } from "../events/event-log";
import type { createMeetingBody, updateMeetingBody } from "./schemas";

/** Board meetings: dated records the secretariat manages; only future ordinary meetings take cases. */
export async function createMeeting(ctx: Ctx, input: z.infer<typeof createMeetingBody>): Promise<string> {
  if (!ctx.actor || !boardMeetingActions(ctx.actor).includes("create"))
    throw errors.forbidden("boardMeeting");
  const id = ctx.newId();
  const now = ctx.now.toISOString();
  await ctx.db
    .insertInto("board_meetings")
    .values({
      id,
      date: input.date,
      kind: input.kind,
      title: input.title,
      location: input.location ?? "",
      created_at: now,
      updated_at: now,
    })
    .execute();
  await appendEvent(ctx, {
    streamType: "boardMeeting",
    streamId: id,
    type: "boardMeeting.created",
    payload: input,
  });
  return id;
}

/**
 * Edits a meeting. A meeting takes its agenda with it (D2): moved to another date, every case on its agenda
 * (still awaiting the decision) expects the decision on the new date; cancelled, every such case goes back to
 * decision preparation, with a notice to the secretariat. Each case's change is the process definition's own
 * action (`meetingMoved`, `meetingCancelled`), logged on the case, in this transaction: if one case refuses (its
 * decision is already recorded), nothing is changed.
 */
export async function updateMeeting(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof updateMeetingBody>,
): Promise<{ casesMoved: number; casesReturned: number }> {
  if (!ctx.actor || !boardMeetingActions(ctx.actor).includes("update"))
    throw errors.forbidden("boardMeeting");
  const { expectedVersion, ...patch } = input;
  const before = await ctx.db
    .selectFrom("board_meetings")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!before) throw errors.notFound("boardMeeting");
  const res = await ctx.db
    .updateTable("board_meetings")
    .set({ ...patch, updated_at: ctx.now.toISOString(), version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw errors.staleVersion("boardMeeting");
  await appendEvent(ctx, {
    streamType: "boardMeeting",
    streamId: id,
    type: "boardMeeting.updated",
    payload: patch,
  });

  const cancelled = patch.status === "cancelled" && before.status !== "cancelled";
  const moved = !cancelled && patch.date !== undefined && patch.date !== before.date;
  if (!cancelled && !moved) return { casesMoved: 0, casesReturned: 0 };
  const onAgenda = await ctx.db
    .selectFrom("cases")
    .select(["id", "version"])
    .where("board_meeting_id", "=", id)
    .where("state", "=", "decision")
    .orderBy("id")
    .execute();
  for (const c of onAgenda) {
    await performCaseAction(ctx, {
      caseId: c.id,
      action: cancelled ? "meetingCancelled" : "meetingMoved",
      payload: cancelled
        ? { boardMeetingId: id }
        : { boardMeetingId: id, fromDate: before.date, toDate: patch.date as string },
      expectedVersion: c.version,
      throughMeeting: true,
    });
  }
  return cancelled
    ? { casesMoved: 0, casesReturned: onAgenda.length }
    : { casesMoved: onAgenda.length, casesReturned: 0 };
}
