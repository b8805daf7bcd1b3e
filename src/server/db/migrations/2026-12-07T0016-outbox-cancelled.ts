import type { Kysely } from "kysely";
import { inList, setCheck } from "../check-constraints";

/**
 * Reminders re-checked at send: an outbox row of a deadline reminder carries the deadline and due date it reminds
 * of (`deadline`, `due_date`; null for other mail), and a reminder whose task was done, moved to others or whose
 * due date changed before it went out is `cancelled`, with the reason (`cancel_reason`) and when
 * (`cancelled_at`). Frozen once landed.
 */

const STATUSES = ["pending", "sending", "sent", "failed", "kept", "cancelled"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["deadline", "due_date", "cancel_reason", "cancelled_at"]) {
    await db.schema.alterTable("outbox").addColumn(column, "text").execute();
  }
  await setCheck(db, { table: "outbox", name: "outbox_status", expression: inList("status", STATUSES) });
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("outbox").set({ status: "kept" }).where("status", "=", "cancelled").execute();
  await setCheck(db, {
    table: "outbox",
    name: "outbox_status",
    expression: inList(
      "status",
      STATUSES.filter((s) => s !== "cancelled"),
    ),
  });
  for (const column of ["cancelled_at", "cancel_reason", "due_date", "deadline"]) {
    await db.schema.alterTable("outbox").dropColumn(column).execute();
  }
}
