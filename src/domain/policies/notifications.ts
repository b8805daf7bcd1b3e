import type { ReminderCancelReason } from "../../shared/outbox";
import type { Principal } from "../access";
import { NOTIFY_TEMPLATES } from "../certification/machine";
import { FOLLOW_UP_NOTIFY_TEMPLATES } from "../follow-up/labels";

/**
 * Notifications, reminders and calendar feeds: what each kind is, which kinds a user may switch off by
 * e-mail, and who may see the outbox, change reminder settings and hold a calendar feed.
 */

/** The notices of process A (joining), both to the secretariat. */
export const JOINING_NOTIFY_TEMPLATES = ["noProviderAgreement", "joiningCompleted"] as const;

/** Every kind of notice: one per notice of the process definitions, plus the engine's own. */
export const NOTIFICATION_KINDS = [
  ...NOTIFY_TEMPLATES,
  ...JOINING_NOTIFY_TEMPLATES,
  ...FOLLOW_UP_NOTIFY_TEMPLATES,
  "yourTurn",
  "reminder",
  "deadlinePassed",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Decisions and deadline reminders always go out by e-mail: nobody may miss them. */
export const EMAIL_LOCKED_KINDS: readonly NotificationKind[] = ["decisionSent", "reminder", "deadlinePassed"];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export function emailLocked(kind: NotificationKind): boolean {
  return EMAIL_LOCKED_KINDS.includes(kind);
}

/** Whether a user gets e-mail for a kind, given their stored choice (none stored: on). */
export function wantsEmail(kind: NotificationKind, stored: boolean | undefined): boolean {
  return emailLocked(kind) || stored !== false;
}

/** A notification is its recipient's alone: anyone else gets 404. */
export function seesNotification(p: Principal, n: { userId: string }): boolean {
  return n.userId === p.id;
}

export function notificationActions(p: Principal, n: { userId: string; readAt: string | null }): string[] {
  if (!seesNotification(p, n)) return [];
  return n.readAt ? [] : ["read"];
}

/** The outbox ("Utkorg"): every message with its delivery state, for administrators and the secretariat. */
export function seesOutbox(p: Principal): boolean {
  return p.role === "admin" || p.role === "secretariat";
}

/** Reminder offsets are a process setting: the secretariat's (DOMAIN.md), and the administrator's (settings). */
export function reminderSettingsActions(p: Principal): string[] {
  return p.role === "secretariat" || p.role === "admin" ? ["update"] : [];
}

export function seesReminderSettings(p: Principal): boolean {
  return p.role === "secretariat" || p.role === "admin";
}

/** A personal calendar feed: anyone with case or meeting dates (an administrator sees no case content). */
export function mayHaveCalendarFeed(p: Principal): boolean {
  return p.role !== "admin";
}

/** A reminder waiting in the outbox: what it reminds of, as it was when the scan gave it. */
export interface ReminderAtScan {
  deadline: string;
  dueDate: string;
}

/** The case as it is when the reminder's turn to be sent comes, and whether its recipient still has to act. */
export interface ReminderCaseNow {
  closed: boolean;
  /** The deadline the case waits on now, and its due date (null: none open). */
  deadline: string | null;
  dueDate: string | null;
  recipientStillActs: boolean;
}

/**
 * Re-checked at send: null when the reminder is still due, else why not. The task is done when the case waits on
 * another deadline (or none); a changed due date is a postponement (its people were told, and the scan reminds
 * anew by the new date); a recipient who no longer acts on the case (reviewers replaced, account disabled) is
 * not reminded.
 */
export function reminderCancelReason(
  m: ReminderAtScan,
  c: ReminderCaseNow | null,
): ReminderCancelReason | null {
  if (!c || c.closed) return "caseClosed";
  if (c.deadline !== m.deadline || c.dueDate === null) return "taskDone";
  if (c.dueDate !== m.dueDate) return "postponed";
  if (!c.recipientStillActs) return "reassigned";
  return null;
}
