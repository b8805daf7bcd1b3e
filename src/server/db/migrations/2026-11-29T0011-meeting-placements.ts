import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

/**
 * Every case ever placed on a board meeting's agenda (`meeting_placements`), kept by the transition that places
 * it (`performCaseAction`). A meeting's page lists them; before, it found them by reading every
 * `case.placeOnAgenda` event with a LIKE on its payload, 1.3–2.3 s at 100,000 cases. Filled here from those
 * events and from the cases' current meetings. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meeting_placements")
    .addColumn("board_meeting_id", "text", (c) => c.notNull().references("board_meetings.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addPrimaryKeyConstraint("meeting_placements_pk", ["board_meeting_id", "case_id"])
    .execute();
  const placed = isPostgres(db)
    ? sql`(e.payload::json -> 'payload' ->> 'boardMeetingId')`
    : sql`json_extract(e.payload, '$.payload.boardMeetingId')`;
  await sql`
    insert into meeting_placements (board_meeting_id, case_id)
    select distinct m.id, c.id
    from events e
    join cases c on c.id = e.stream_id
    join board_meetings m on m.id = ${placed}
    where e.type = 'case.placeOnAgenda'
    union
    select board_meeting_id, id from cases where board_meeting_id is not null
  `.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("meeting_placements").execute();
}
