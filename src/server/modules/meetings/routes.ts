import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { CaseRecord } from "../../../domain/certification/record";
import { boardMeetingActions, seesBoardMeetings } from "../../../domain/policies/cases";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { rawParam } from "../../http/route-access";
import { meetingById, presentMeeting, presentSummary, scoped } from "../cases/repository";
import { createMeetingBody, updateMeetingBody } from "./schemas";
import { createMeeting, updateMeeting } from "./use-cases";

const idParam = z.object({ id: z.string().min(1).max(100) });

export async function meetingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["board meetings"];
  const db = app.deps.db;

  /** Before the body: the board's readers see meetings (else 404); only the secretariat changes them (403). */
  function meetingAccess(action: "create" | "update"): RouteAccess {
    return async (req, p) => {
      if (!seesBoardMeetings(p)) throw errors.notFound("route");
      if (action === "update") {
        const m = await db
          .selectFrom("board_meetings")
          .select("id")
          .where("id", "=", rawParam(req))
          .executeTakeFirst();
        if (!m) throw errors.notFound("boardMeeting");
      }
      if (!boardMeetingActions(p).includes(action)) throw errors.forbidden("boardMeeting");
    };
  }

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
    {
      config: { access: meetingAccess("create") },
      schema: { tags, summary: "Create a board meeting", body: createMeetingBody },
    },
    async (req, reply) => {
      reader(req);
      const id = await inTransaction(req, (ctx) => createMeeting(ctx, req.body));
      return reply.status(201).send(presentMeeting(await meetingById(db, id).executeTakeFirstOrThrow()));
    },
  );

  r.get(
    "/api/board-meetings/:id",
    { schema: { tags, summary: "A meeting with its agenda", params: idParam } },
    async (req) => {
      const p = reader(req);
      const m = await meetingById(db, req.params.id).executeTakeFirst();
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
    {
      config: { access: meetingAccess("update") },
      schema: { tags, summary: "Edit a board meeting", params: idParam, body: updateMeetingBody },
    },
    async (req) => {
      reader(req);
      await inTransaction(req, (ctx) => updateMeeting(ctx, req.params.id, req.body));
      return presentMeeting(await meetingById(db, req.params.id).executeTakeFirstOrThrow());
    },
  );
}
