import { createHash, randomBytes } from "node:crypto";
import { caseStateLabel } from "../../../domain/case-labels";
import type { NotifyAudience } from "../../../domain/certification/machine";
import type { Role } from "../../../domain/certification/permissions";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import type { DeadlineKind } from "../../../domain/certification/steps";
import {
  emailLocked,
  mayHaveCalendarFeed,
  type NotificationKind,
  reminderSettingsActions,
  wantsEmail,
} from "../../../domain/policies/notifications";
import { actorOf, type Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { fields, prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import {
  assignedReviewersOf,
  type CaseForNotice,
  caseForNotice,
  emailChoices,
  localLeadsOf,
  type Recipient,
  regionLeadsOf,
  steeringGroupChairsOf,
  usersWithRole,
} from "./repository";
import { renderNotice, type TemplateVars } from "./templates";

// ---- who is told ------------------------------------------------------------------------------------

/** The people in the case's scope who hold the given roles (the board only once the case is on an agenda). */
export async function usersForRoles(
  db: Executor,
  c: CaseForNotice,
  roles: readonly Role[],
): Promise<Recipient[]> {
  const out: Recipient[] = [];
  for (const role of roles) {
    switch (role) {
      case "secretariat":
        out.push(...(await usersWithRole(db, "secretariat")));
        break;
      case "regionLead":
        out.push(...(await regionLeadsOf(db, c.region_id)));
        break;
      case "localLead":
        out.push(...(await localLeadsOf(db, c.region_id, c.local_college_id)));
        break;
      case "reviewer":
        out.push(...(await assignedReviewersOf(db, c.id)));
        break;
      case "board":
        if (c.board_meeting_id) out.push(...(await usersWithRole(db, "board")));
        break;
      default:
        // admin: no case content.
        break;
    }
  }
  return out;
}

async function audienceOf(
  db: Executor,
  c: CaseForNotice,
  audience: NotifyAudience,
  kind: NotificationKind,
): Promise<Recipient[]> {
  switch (audience) {
    case "secretariat":
      return usersWithRole(db, "secretariat");
    case "reviewers":
      return assignedReviewersOf(db, c.id);
    case "board":
      return usersWithRole(db, "board");
    case "region": {
      const leads = await regionLeadsOf(db, c.region_id);
      // The protocol also goes to the chairs of the region's steering groups (who need no account).
      return kind === "protocolSent" ? [...leads, ...(await steeringGroupChairsOf(db, c.region_id))] : leads;
    }
  }
}

/** One entry per person: by user id, and by address for those without an account. */
function distinct(recipients: Recipient[]): Recipient[] {
  const seenUsers = new Set<string>();
  const seenEmails = new Set<string>();
  const out: Recipient[] = [];
  for (const r of [...recipients].sort((a, b) => Number(a.userId === null) - Number(b.userId === null))) {
    const email = r.email.toLowerCase();
    if (r.userId ? seenUsers.has(r.userId) : seenEmails.has(email)) continue;
    if (r.userId) seenUsers.add(r.userId);
    seenEmails.add(email);
    out.push(r);
  }
  return out;
}

// ---- writing notices --------------------------------------------------------------------------------

/** The template variables a case gives every notice about it (as changed in the caller's transaction). */
export function caseVars(c: CaseForNotice): Omit<TemplateVars, "recipientName"> {
  const record = normalizeCaseRecord(JSON.parse(c.record));
  const lastRound = record.previousRounds.at(-1);
  return {
    caseId: c.id,
    registrationNumber: c.registration_number,
    caseTitle: c.title,
    regionName: c.region_name,
    stepLabel: caseStateLabel(c.state),
    deadline: c.next_deadline ?? null,
    dueDate: c.next_due_date,
    meetingDate: record.agenda?.meetingDate ?? null,
    outcome: record.decision?.outcome ?? lastRound?.decision.outcome ?? null,
  };
}

export interface DeliverNotice {
  kind: NotificationKind;
  caseId: string;
  vars: Omit<TemplateVars, "recipientName">;
  recipients: Recipient[];
  /** A key that makes the e-mail unique in the outbox (reminders); null for one-off notices. */
  dedupeKey?: (r: Recipient) => string | null;
  /** Link base for e-mail; default SPELPLAN_BASE_URL (see templates.ts). */
  baseUrl?: string;
  /** A deadline reminder's deadline and due date: the dispatcher re-checks them before the e-mail goes out. */
  reminderOf?: { deadline: DeadlineKind; dueDate: string };
}

/**
 * Writes, in the caller's transaction, an in-app notification for each recipient with an account and an
 * outbox e-mail for each recipient who has not switched e-mail off for the kind (decisions and reminders
 * cannot be switched off). Returns the user ids told.
 */
export async function deliverNotice(ctx: Ctx, n: DeliverNotice): Promise<string[]> {
  const recipients = distinct(n.recipients);
  const userIds = recipients.flatMap((r) => (r.userId ? [r.userId] : []));
  const choices = await emailChoices(ctx.db, userIds, n.kind);
  const nowIso = ctx.now.toISOString();
  for (const r of recipients) {
    const rendered = renderNotice(n.kind, r.language, { ...n.vars, recipientName: r.name }, n.baseUrl);
    if (r.userId) {
      await insertNotification.all(ctx.db, {
        id: ctx.newId(),
        user_id: r.userId,
        case_id: n.caseId,
        template: n.kind,
        title: rendered.title,
        body: rendered.body,
        link: rendered.link,
        created_at: nowIso,
        read_at: null,
      });
    }
    if (r.userId && !wantsEmail(n.kind, choices.get(r.userId))) continue;
    await insertOutbox.all(ctx.db, {
      id: ctx.newId(),
      kind: "email",
      user_id: r.userId,
      to_address: r.email,
      language: r.language,
      template: n.kind,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      case_id: n.caseId,
      dedupe_key: n.dedupeKey?.(r) ?? null,
      status: "pending",
      attempts: 0,
      next_attempt_at: nowIso,
      last_error: null,
      created_at: nowIso,
      sent_at: null,
      claimed_by: null,
      claimed_until: null,
      deadline: n.reminderOf?.deadline ?? null,
      due_date: n.reminderOf?.dueDate ?? null,
      cancel_reason: null,
      cancelled_at: null,
    });
  }
  return userIds;
}

const NOTIFICATION_COLUMNS = [
  "id",
  "user_id",
  "case_id",
  "template",
  "title",
  "body",
  "link",
  "created_at",
  "read_at",
] as const satisfies readonly (keyof Row<"notifications">)[];

const insertNotification = prepared<Row<"notifications">, never, Database>((db, a) =>
  db.insertInto("notifications").values(fields(a, NOTIFICATION_COLUMNS)),
);

const OUTBOX_COLUMNS = [
  "id",
  "kind",
  "user_id",
  "to_address",
  "language",
  "template",
  "subject",
  "text",
  "html",
  "case_id",
  "dedupe_key",
  "status",
  "attempts",
  "next_attempt_at",
  "last_error",
  "created_at",
  "sent_at",
  "claimed_by",
  "claimed_until",
  "deadline",
  "due_date",
  "cancel_reason",
  "cancelled_at",
] as const satisfies readonly (keyof Row<"outbox">)[];

const insertOutbox = prepared<Row<"outbox">, never, Database>((db, a) =>
  db.insertInto("outbox").values(fields(a, OUTBOX_COLUMNS)),
);

/**
 * Who was told what within one case action (keyed by the action's context and the case version it acted
 * on), so the "your turn" notice skips anyone the step's own notice already reached.
 */
const toldInAction = new WeakMap<Ctx, Map<string, Set<string>>>();

function toldSet(ctx: Ctx, caseRow: Pick<Row<"cases">, "id" | "version">): Set<string> {
  let byCase = toldInAction.get(ctx);
  if (!byCase) {
    byCase = new Map();
    toldInAction.set(ctx, byCase);
  }
  const key = `${caseRow.id}@${caseRow.version}`;
  let set = byCase.get(key);
  if (!set) {
    set = new Set();
    byCase.set(key, set);
  }
  return set;
}

/** A `notify` effect of any process definition (certification, joining). */
export interface NotifyEffect {
  type: "notify";
  audience: NotifyAudience;
  template: NotificationKind;
}

/**
 * Executes a `notify` effect of the process definition: resolves the audience to people (region → the
 * region's process leads, and for the protocol also its steering-group chairs with an address; secretariat
 * → every active secretariat user; reviewers → the case's assigned reviewers; board → every board member)
 * and writes their notifications and e-mail in the caller's transaction.
 */
export async function enqueueForEffect(
  ctx: Ctx,
  caseRow: Row<"cases">,
  effect: NotifyEffect,
  opts: { baseUrl?: string } = {},
): Promise<void> {
  const c = await caseForNotice(ctx.db, caseRow.id);
  const recipients = await audienceOf(ctx.db, c, effect.audience, effect.template);
  const told = await deliverNotice(ctx, {
    kind: effect.template,
    caseId: c.id,
    vars: caseVars(c),
    recipients,
    baseUrl: opts.baseUrl,
  });
  const set = toldSet(ctx, caseRow);
  for (const id of told) set.add(id);
}

/**
 * When a case moved to another step, tells the people who must act next (the process's next actors, in the
 * case's scope) that it is their turn — except whoever just acted and anyone this action already told.
 * The roles are those the transition stored in `awaiting_roles` (the process definition's `nextActors`),
 * read back in the caller's transaction, so this works for every process definition alike.
 */
export async function enqueueNextActorsNotice(
  ctx: Ctx,
  caseRow: Row<"cases">,
  nextFacts: { state: string },
  opts: { baseUrl?: string } = {},
): Promise<void> {
  if (caseRow.state === nextFacts.state) return;
  const c = await caseForNotice(ctx.db, caseRow.id);
  const roles = c.awaiting_roles.split("|").filter(Boolean) as Role[];
  if (roles.length === 0) return;
  const told = toldSet(ctx, caseRow);
  const recipients = (await usersForRoles(ctx.db, c, roles)).filter(
    (r) => r.userId !== null && r.userId !== ctx.actor?.id && !told.has(r.userId),
  );
  if (recipients.length === 0) return;
  const ids = await deliverNotice(ctx, {
    kind: "yourTurn",
    caseId: c.id,
    vars: caseVars(c),
    recipients,
    baseUrl: opts.baseUrl,
  });
  for (const id of ids) told.add(id);
}

// ---- the reader's side ------------------------------------------------------------------------------

export async function markNotificationRead(ctx: Ctx, id: string): Promise<Row<"notifications">> {
  const p = actorOf(ctx);
  const n = await ctx.db
    .selectFrom("notifications")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", p.id)
    .executeTakeFirst();
  if (!n) throw errors.notFound("notification");
  if (n.read_at) return n;
  const readAt = ctx.now.toISOString();
  await ctx.db.updateTable("notifications").set({ read_at: readAt }).where("id", "=", id).execute();
  return { ...n, read_at: readAt };
}

export async function markAllNotificationsRead(ctx: Ctx): Promise<number> {
  const p = actorOf(ctx);
  const res = await ctx.db
    .updateTable("notifications")
    .set({ read_at: ctx.now.toISOString() })
    .where("user_id", "=", p.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function updateNotificationPreferences(
  ctx: Ctx,
  items: { kind: NotificationKind; email: boolean }[],
): Promise<void> {
  const p = actorOf(ctx);
  const locked = items.filter((i) => !i.email && emailLocked(i.kind)).map((i) => i.kind);
  if (locked.length) {
    throw errors.invalid(
      "notificationPreference.locked",
      {
        sv: "Beslut och påminnelser skickas alltid med e-post och kan inte stängas av.",
        en: "Decisions and reminders are always sent by e-mail and cannot be switched off.",
      },
      { kinds: locked },
    );
  }
  const nowIso = ctx.now.toISOString();
  for (const item of items) {
    await ctx.db
      .insertInto("notification_preferences")
      .values({ user_id: p.id, kind: item.kind, email: item.email ? 1 : 0, updated_at: nowIso })
      .onConflict((oc) =>
        oc.columns(["user_id", "kind"]).doUpdateSet({ email: item.email ? 1 : 0, updated_at: nowIso }),
      )
      .execute();
  }
  await appendEvent(ctx, {
    streamType: "user",
    streamId: p.id,
    type: "user.notificationPreferencesChanged",
    payload: { items },
  });
}

// ---- reminder settings --------------------------------------------------------------------------------

export const REMINDER_OFFSETS_KEY = "reminders.offsets";
export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [14, 3, 0];

function validOffsets(value: unknown): number[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (!value.every((v) => Number.isInteger(v) && v >= 0 && v <= 365)) return null;
  return [...new Set(value as number[])].sort((a, b) => b - a);
}

/** Days before a due date on which whoever must act is reminded (the settings row, else 14, 3, 0). */
export async function reminderOffsets(
  db: Executor,
): Promise<{ offsets: number[]; updatedAt: string | null }> {
  const row = await db
    .selectFrom("settings")
    .selectAll()
    .where("key", "=", REMINDER_OFFSETS_KEY)
    .executeTakeFirst();
  if (!row) return { offsets: [...DEFAULT_REMINDER_OFFSETS], updatedAt: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.value);
  } catch {
    parsed = null;
  }
  return { offsets: validOffsets(parsed) ?? [...DEFAULT_REMINDER_OFFSETS], updatedAt: row.updated_at };
}

export async function setReminderOffsets(ctx: Ctx, offsets: number[]): Promise<number[]> {
  const p = actorOf(ctx);
  if (!reminderSettingsActions(p).includes("update")) throw errors.forbidden("settings");
  const normalised = validOffsets(offsets);
  if (!normalised) {
    throw errors.invalid("settings.invalid_offsets", {
      sv: "Ange hela dagar mellan 0 och 365.",
      en: "Give whole days between 0 and 365.",
    });
  }
  const previous = await reminderOffsets(ctx.db);
  const nowIso = ctx.now.toISOString();
  const value = JSON.stringify(normalised);
  await ctx.db
    .insertInto("settings")
    .values({ key: REMINDER_OFFSETS_KEY, value, updated_at: nowIso })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: nowIso }))
    .execute();
  await appendEvent(ctx, {
    streamType: "setting",
    streamId: REMINDER_OFFSETS_KEY,
    type: "setting.changed",
    payload: { key: REMINDER_OFFSETS_KEY, from: previous.offsets, to: normalised },
  });
  return normalised;
}

// ---- calendar tokens ----------------------------------------------------------------------------------

export function calendarTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function revokeActiveTokens(ctx: Ctx, userId: string): Promise<number> {
  const res = await ctx.db
    .updateTable("calendar_tokens")
    .set({ revoked_at: ctx.now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Creates my secret feed token, revoking any earlier one. Only its hash is stored; the token is shown once. */
export async function createCalendarToken(ctx: Ctx): Promise<{ token: string; createdAt: string }> {
  const p = actorOf(ctx);
  if (!mayHaveCalendarFeed(p)) throw errors.forbidden("calendar");
  const rotated = await revokeActiveTokens(ctx, p.id);
  const token = randomBytes(32).toString("base64url");
  const createdAt = ctx.now.toISOString();
  await ctx.db
    .insertInto("calendar_tokens")
    .values({
      id: ctx.newId(),
      user_id: p.id,
      token_hash: calendarTokenHash(token),
      created_at: createdAt,
      revoked_at: null,
    })
    .execute();
  await appendEvent(ctx, {
    streamType: "user",
    streamId: p.id,
    type: "user.calendarTokenCreated",
    payload: { rotated: rotated > 0 },
  });
  return { token, createdAt };
}

export async function revokeCalendarToken(ctx: Ctx): Promise<void> {
  const p = actorOf(ctx);
  const revoked = await revokeActiveTokens(ctx, p.id);
  if (revoked === 0) throw errors.notFound("calendarToken");
  await appendEvent(ctx, {
    streamType: "user",
    streamId: p.id,
    type: "user.calendarTokenRevoked",
    payload: {},
  });
}
