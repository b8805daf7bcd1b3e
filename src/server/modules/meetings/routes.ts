import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { CaseRecord } from "../../../domain/certification/record";
import { BOARD_MEETING_KINDS, BOARD_MEETING_STATUSES } from "../../../domain/certification/steps";
import { boardMeetingActions, seesBoardMeetings } from "../../../domain/policies/cases";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { presentMeeting, presentSummary, scoped } from "../cases/repository";
import { appendEvent } from "../events/event-log";
import { isoDate } from "../registry/schemas";

const createBody = z.object({
  date: isoDate,
  kind: z.enum(BOARD_MEETING_KINDS).default("ordinary"),
  title: z.string().trim().min(1).max(200),
  location: z.string().trim().max(200).optional(),
});
const updateBody = z.object({
  expectedVersion: z.number().int().min(1),
  date: isoDate.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  location: z.string().trim().max(200).optional(),
  status: z.enum(BOARD_MEETING_STATUSES).optional(),
});
const idParam = z.object({ id: z.string().min(1).max(100) });

/** Board meetings: dated records the secretariat manages; only future ordinary meetings take cases. */
async function createMeeting(ctx: Ctx, input: z.infer<typeof createBody>) {
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

async function updateMeeting(ctx: Ctx, id: string, input: z.infer<typeof updateBody>) {
  if (!ctx.actor || !boardMeetingActions(ctx.actor).includes("update"))
    throw errors.forbidden("boardMeeting");
  const { expectedVersion, ...patch } = input;
  const res = await ctx.db
    .updateTable("board_meetings")
    .set({ ...patch, updated_at: ctx.now.toISOString(), version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const exists = await ctx.db
      .selectFrom("board_meetings")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    throw exists ? errors.staleVersion("boardMeeting") : errors.notFound("boardMeeting");
  }
  await appendEvent(ctx, {
    streamType: "boardMeeting",
    streamId: id,
    type: "boardMeeting.updated",
    payload: patch,
  });
}

export async function meetingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["board meetings"];
  const db = app.deps.db;

  function reader(req: Parameters<typeof requireUser>[0]) {
    const p = requireUser(req);
    if (!seesBoardMeetings(p)) throw errors.notFound("route");
    return p;
  }

  r.get("/api/board-meetings", { schema: { tags, summary: "Board meetings, newest first" } }, async (req) => {
    const p = reader(req);
    const rows = await db.selectFrom("board_meetings").selectAll().orderBy("date", "desc").execute();
    return { items: rows.map(presentMeeting), actions: boardMeetingActions(p) };
  });

  r.post(
    "/api/board-meetings",
    { schema: { tags, summary: "Create a board meeting", body: createBody } },
    async (req, reply) => {
      reader(req);
      const id = await inTransaction(req, (ctx) => createMeeting(ctx, req.body));
      return reply
        .status(201)
        .send(
          presentMeeting(
            await db.selectFrom("board_meetings").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
          ),
        );
    },
  );

  r.get(
    "/api/board-meetings/:id",
    { schema: { tags, summary: "A meeting with its agenda", params: idParam } },
    async (req) => {
      const p = reader(req);
      const m = await db
        .selectFrom("board_meetings")
        .selectAll()
        .where("id", "=", req.params.id)
        .executeTakeFirst();
      if (!m) throw errors.notFound("boardMeeting");
      // Every case ever placed on this meeting (a postponed case has since moved on to a later meeting).
      const agenda = await scoped(
        db
          .selectFrom("meeting_placements")
          .innerJoin("cases", "cases.id", "meeting_placements.case_id")
          .innerJoin("regions", "regions.id", "cases.region_id")
          .selectAll("cases")
          .select("regions.name as region_name")
          .where("meeting_placements.board_meeting_id", "=", m.id),
        p,
      )
        .orderBy("cases.registration_number")
        .execute();
      const now = app.deps.clock();
      return {
        ...presentMeeting(m),
        agenda: agenda.map((row) => {
          const record = JSON.parse(row.record) as CaseRecord;
          // This meeting's round: the current one, or an earlier round that ended in a postponement.
          const round =
            record.agenda?.boardMeetingId === m.id
              ? { decisionBasis: record.decisionBasis, decision: record.decision }
              : (record.previousRounds ?? []).find((r) => r.agenda?.boardMeetingId === m.id);
          return {
            ...presentSummary(row, now),
            recommendation: round?.decisionBasis?.recommendation ?? null,
            decision: round?.decision ?? null,
          };
        }),
        actions: boardMeetingActions(p),
      };
    },
  );

  r.patch(
    "/api/board-meetings/:id",
    { schema: { tags, summary: "Edit a board meeting", params: idParam, body: updateBody } },
    async (req) => {
      reader(req);
      await inTransaction(req, (ctx) => updateMeeting(ctx, req.params.id, req.body));
      return presentMeeting(
        await db
          .selectFrom("board_meetings")
          .selectAll()
          .where("id", "=", req.params.id)
          .executeTakeFirstOrThrow(),
      );
    },
  );
}
