/**
 * An outgoing e-mail's states, for the server and the web alike: waiting, being sent (claimed by a worker), sent,
 * failed for good, kept (no SMTP configured) and cancelled (a reminder no longer due when its turn came).
 */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "kept", "cancelled"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Why a reminder was cancelled at send (domain/policies/notifications.ts decides). */
export const REMINDER_CANCEL_REASONS = ["caseClosed", "taskDone", "postponed", "reassigned"] as const;
export type ReminderCancelReason = (typeof REMINDER_CANCEL_REASONS)[number];
