import { sql } from "kysely";
import type { Principal } from "../../../domain/access";
import { stockholmDate } from "../../../domain/certification/deadlines";
import { formatRegistrationNumber } from "../../../domain/certification/registration-number";
import { mayOpenCase } from "../../../domain/policies/cases";
import { actorOf, type Ctx } from "../../context";
import type { Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { processOf } from "./processes";
import { recordCaseStatistics } from "./statistics";

/** A case's opening, the same for every process: its registration number, its first row and log entry. */

/**
 * The region a new case opens in, with the principal opening it: 401 without one, 404 for a region that does
 * not exist or is another region's (to anyone but the secretariat), 403 where this kind may not be opened there.
 */
export async function regionToOpenIn(
  ctx: Ctx,
  kind: string,
  regionId: string,
): Promise<{ p: Principal; region: Row<"regions"> }> {
  const p = actorOf(ctx);
  const region = await ctx.db.selectFrom("regions").selectAll().where("id", "=", regionId).executeTakeFirst();
  if (!region || (p.role !== "secretariat" && p.regionId !== region.id)) throw errors.notFound("region");
  if (!mayOpenCase(p, kind, region.id)) throw errors.forbidden("case");
  return { p, region };
}

/**
 * The next registration number (diarienummer) of a year, e.g. `TC 2027/0042`. One upsert on a counter row:
 * atomic on both engines, so concurrent case openings (even from several processes) never share a number.
 */
export async function allocateRegistrationNumber(
  ctx: Ctx,
  year: number,
): Promise<{ year: number; seq: number; number: string }> {
  const row = await ctx.db
    .insertInto("registration_counters")
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql`registration_counters.last + 1` }))
    .returning("last")
    .executeTakeFirstOrThrow();
  return { year, seq: row.last, number: formatRegistrationNumber(year, row.last) };
}

/** What a new case of any process names; what it leaves out starts empty. */
export interface OpenedCase {
  process: "certification" | "joining" | "followUp";
  processVersion: number;
  kind: string;
  state: string;
  title: string;
  regionId: string;
  localCollegeId?: string | null;
  providerId?: string | null;
  programmeId?: string | null;
  specialisationId?: string | null;
  municipalityCode?: string | null;
  certificationId?: string | null;
  linkedCaseId?: string | null;
  criteriaSetId: string | null;
  record: unknown;
  createdBy: string;
}

/**
 * Opens a case: its registration number (of the year in Stockholm), its row with the columns its process derives
 * from the first state (the adapter's `derive`, as at every transition), the process's own read model (`project`),
 * the `case.opened` event of its log (with `payload`, the number and the state) and the open-case counters, all in
 * the caller's transaction.
 */
export async function insertOpenedCase(
  ctx: Ctx,
  c: OpenedCase,
  payload: Record<string, unknown>,
): Promise<{ id: string; registrationNumber: string; row: Row<"cases"> }> {
  const reg = await allocateRegistrationNumber(ctx, Number(stockholmDate(ctx.now).slice(0, 4)));
  const id = ctx.newId();
  const at = ctx.now.toISOString();
  const row: Row<"cases"> = {
    id,
    registration_number: reg.number,
    reg_year: reg.year,
    reg_seq: reg.seq,
    process: c.process,
    process_version: c.processVersion,
    kind: c.kind,
    state: c.state,
    title: c.title,
    region_id: c.regionId,
    local_college_id: c.localCollegeId ?? null,
    provider_id: c.providerId ?? null,
    programme_id: c.programmeId ?? null,
    specialisation_id: c.specialisationId ?? null,
    municipality_code: c.municipalityCode ?? null,
    certification_id: c.certificationId ?? null,
    linked_case_id: c.linkedCaseId ?? null,
    criteria_set_id: c.criteriaSetId,
    board_meeting_id: null,
    record: JSON.stringify(c.record),
    next_due_date: null,
    next_deadline: null,
    visit_date: null,
    awaiting_roles: "",
    enabled_actions: null,
    created_by: c.createdBy,
    created_at: at,
    updated_at: at,
    state_since: at,
    closed_at: null,
    version: 1,
  };
  const process = processOf(row);
  const derived = await process.derive(ctx.db, row, c.state, c.record);
  row.awaiting_roles = derived.awaitingRoles;
  row.enabled_actions = derived.enabledActions;
  row.next_due_date = derived.deadline?.dueDate ?? null;
  row.next_deadline = derived.deadline?.deadline ?? null;
  row.board_meeting_id = derived.boardMeetingId;
  row.visit_date = derived.visitDate;
  await ctx.db.insertInto("cases").values(row).execute();
  await process.project?.(ctx.db, row, c.state, c.record, at);
  await appendEvent(ctx, {
    streamType: "case",
    streamId: id,
    type: "case.opened",
    payload: { ...payload, registrationNumber: reg.number, state: c.state },
    processVersion: c.processVersion,
  });
  await recordCaseStatistics(ctx.db, {
    process: c.process,
    before: null,
    after: { state: c.state, open: true },
    at,
  });
  return { id, registrationNumber: reg.number, row };
}
