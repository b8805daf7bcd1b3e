import { z } from "zod";
import { NOTIFICATION_KINDS } from "../../../domain/policies/notifications";
import { OUTBOX_STATUSES } from "../../../shared/outbox";

const id = z.string().min(1).max(100);

const boolish = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const idParam = z.object({ id });

export const listNotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Only notifications created before this instant (the `createdAt` of the last one seen): the next page. */
  before: z.iso.datetime().optional(),
  unreadOnly: boolish,
});

export const preferencesBody = z.object({
  items: z
    .array(z.object({ kind: z.enum(NOTIFICATION_KINDS), email: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length),
});

export const outboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  caseId: id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const reminderSettingsBody = z.object({
  /** Days before a due date on which whoever must act is reminded, e.g. [14, 3, 0]. */
  offsets: z.array(z.number().int().min(0).max(365)).min(1).max(10),
});

export const feedParam = z.object({ token: z.string().min(1).max(200) });
