import ical, { type ICalCalendar, ICalEventStatus, ICalEventTransparency } from "ical-generator";
import type { Principal } from "../../../domain/access";
import { addCalendarDays, stockholmDate } from "../../../domain/certification/deadlines";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import { DEADLINE_LABELS, type DeadlineKind } from "../../../domain/certification/steps";
import { seesBoardMeetings } from "../../../domain/policies/cases";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { scoped } from "../cases/repository";
import { casePath, type Language, mailLinkBase } from "./templates";
import { calendarTokenHash } from "./use-cases";

/**
 * Calendars: a personal feed behind a secret token (visits, board meetings, open deadlines; generated on
 * each request, so it follows the cases as they move) and single-event downloads. Dates are all-day events
 * (DTSTART;VALUE=DATE, DTEND the next day); no time zone is set (see ENGINEERING.md). Every event has a
 * stable UID, so a moved visit or a postponed deadline updates the event in the subscriber's calendar
 * instead of adding a second one.
 */

type CaseRow = Row<"cases"> & { region_name: string };

const UID_DOMAIN = "spelplan";
/** How far back the feed reaches: older events are history, not plans. */
const FEED_HISTORY_DAYS = 365;

const TEXT = {
  sv: {
    feed: (name: string) => `Spelplan – ${name}`,
    visitPlanned: "Granskningsbesök (planerat)",
    visitHeld: "Granskningsbesök",
    meeting: "Styrelsemöte",
    extra: "extra",
    due: "Sista dag",
    open: "Öppna i Spelplan",
  },
  en: {
    feed: (name: string) => `Spelplan – ${name}`,
    visitPlanned: "Review visit (planned)",
    visitHeld: "Review visit",
    meeting: "Board meeting",
    extra: "extra",
    due: "Due",
    open: "Open in Spelplan",
  },
} as const;

function newCalendar(name: string): ICalCalendar {
  // No `timezone`: all-day dates need none, and timed values would be written as UTC (`Z`).
  return ical({
    name,
    prodId: { company: "Teknikcollege Sverige", product: "Spelplan", language: "SV" },
    ttl: 60 * 60,
  });
}

function allDay(date: string) {
  return { start: date, end: addCalendarDays(date, 1), allDay: true as const };
}

export const uids = {
  visit: (caseId: string) => `visit-${caseId}@${UID_DOMAIN}`,
  boardMeeting: (meetingId: string) => `board-meeting-${meetingId}@${UID_DOMAIN}`,
  deadline: (caseId: string, kind: string) => `deadline-${caseId}-${kind}@${UID_DOMAIN}`,
};

/** The visit of a case: held (its date) or planned (the planned date); none before it is planned. */
function addVisit(cal: ICalCalendar, c: CaseRow, lang: Language, now: Date, baseUrl?: string): boolean {
  const record = normalizeCaseRecord(JSON.parse(c.record));
  const held = record.visit;
  const plan = record.visitPlan;
  const date = held?.heldOn ?? plan?.plannedDate;
  if (!date) return false;
  // A withdrawn case's visit that never took place is off.
  const cancelled = !held && c.state === "withdrawn";
  const t = TEXT[lang];
  const url = `${mailLinkBase(baseUrl)}${casePath(c.id)}`;
  cal.createEvent({
    id: uids.visit(c.id),
    ...allDay(date),
    stamp: now,
    summary: `${held ? t.visitHeld : t.visitPlanned}: ${c.title} (${c.registration_number})`,
    location: held?.place ?? plan?.place ?? null,
    description: `${c.registration_number} ${c.title}\n${c.region_name}\n${t.open}: ${url}`,
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return true;
}

function addMeeting(
  cal: ICalCalendar,
  m: Row<"board_meetings">,
  lang: Language,
  now: Date,
  baseUrl?: string,
): void {
  const t = TEXT[lang];
  cal.createEvent({
    id: uids.boardMeeting(m.id),
    ...allDay(m.date),
    stamp: now,
    summary: `${t.meeting}: ${m.title}${m.kind === "extra" ? ` (${t.extra})` : ""}`,
    location: m.location || null,
    url: `${mailLinkBase(baseUrl)}/board-meetings/${encodeURIComponent(m.id)}`,
    status: m.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

function addDeadline(cal: ICalCalendar, c: CaseRow, lang: Language, now: Date, baseUrl?: string): void {
  if (!c.next_due_date || !c.next_deadline || c.closed_at) return;
  const t = TEXT[lang];
  const label = DEADLINE_LABELS[c.next_deadline as DeadlineKind]?.[lang] ?? c.next_deadline;
  const url = `${mailLinkBase(baseUrl)}${casePath(c.id)}`;
  cal.createEvent({
    id: uids.deadline(c.id, c.next_deadline),
    ...allDay(c.next_due_date),
    stamp: now,
    summary: `${t.due}: ${label} – ${c.registration_number} ${c.title}`,
    description: `${c.region_name}\n${t.open}: ${url}`,
    url,
    // A deadline does not make anyone busy.
    transparency: ICalEventTransparency.TRANSPARENT,
  });
}

function casesQuery(db: Executor, p: Principal) {
  return scoped(
    db
      .selectFrom("cases")
      .innerJoin("regions", "regions.id", "cases.region_id")
      .selectAll("cases")
      .select("regions.name as region_name"),
    p,
  );
}

export interface FeedOwner {
  principal: Principal;
  name: string;
  language: Language;
}

/** The personal feed: my cases' visits, board meetings (secretariat, board, reviewers) and open deadlines. */
export async function buildFeed(
  db: Executor,
  owner: FeedOwner,
  now: Date,
  baseUrl?: string,
): Promise<string> {
  const { principal: p, language: lang } = owner;
  const cal = newCalendar(TEXT[lang].feed(owner.name));
  const since = addCalendarDays(stockholmDate(now), -FEED_HISTORY_DAYS);
  const sinceInstant = new Date(`${since}T00:00:00Z`).toISOString();
  const cases = await casesQuery(db, p)
    .where((eb) => eb.or([eb("cases.closed_at", "is", null), eb("cases.closed_at", ">=", sinceInstant)]))
    .orderBy("cases.registration_number")
    .execute();
  for (const c of cases) {
    addVisit(cal, c, lang, now, baseUrl);
    addDeadline(cal, c, lang, now, baseUrl);
  }
  if (seesBoardMeetings(p)) {
    const meetings = await db
      .selectFrom("board_meetings")
      .selectAll()
      .where("date", ">=", since)
      .orderBy("date")
      .execute();
    for (const m of meetings) addMeeting(cal, m, lang, now, baseUrl);
  }
  return cal.toString();
}

/** The owner of an active feed token, or null (unknown, revoked, or the user is no longer active). */
export async function feedOwnerForToken(db: Executor, token: string): Promise<FeedOwner | null> {
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
  const row = await db
    .selectFrom("calendar_tokens")
    .innerJoin("users", "users.id", "calendar_tokens.user_id")
    .select([
      "users.id",
      "users.role",
      "users.region_id",
      "users.local_college_id",
      "users.name",
      "users.language",
      "users.status",
    ])
    .where("calendar_tokens.token_hash", "=", calendarTokenHash(token))
    .where("calendar_tokens.revoked_at", "is", null)
    .executeTakeFirst();
  if (row?.status !== "active") return null;
  return {
    principal: {
      id: row.id,
      role: row.role as Principal["role"],
      regionId: row.region_id,
      localCollegeId: row.local_college_id,
    },
    name: row.name,
    language: row.language === "en" ? "en" : "sv",
  };
}

/** One case's visit as a download, or null when no visit is planned. */
export function visitIcs(c: CaseRow, lang: Language, now: Date, baseUrl?: string): string | null {
  const cal = newCalendar(`${TEXT[lang].visitHeld}: ${c.registration_number}`);
  return addVisit(cal, c, lang, now, baseUrl) ? cal.toString() : null;
}

export function meetingIcs(m: Row<"board_meetings">, lang: Language, now: Date, baseUrl?: string): string {
  const cal = newCalendar(`${TEXT[lang].meeting}: ${m.title}`);
  addMeeting(cal, m, lang, now, baseUrl);
  return cal.toString();
}
