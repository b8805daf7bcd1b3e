import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import type { DB, Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import type { Row } from "../../db/schema";
import { appendEvent } from "../events/event-log";
import { reminderNoLongerDue } from "./reminders";

/**
 * The outbox dispatcher: claims due e-mail rows, sends them over SMTP and records the outcome. Safe with any
 * number of processes on one database: a row is claimed by one worker at a time (PostgreSQL: `for update
 * skip locked`; SQLite: one UPDATE … RETURNING, and SQLite has one writer at a time), and a claim that was
 * never finished (a crash) expires and is claimed again. A deadline reminder is looked at once more before it
 * goes out (reminders.ts): one whose task was done, moved to others or postponed since the scan is marked
 * `cancelled` with the reason, logged, instead of sent. The look and the send are not one transaction (an SMTP
 * exchange is not held inside one), so an action in the milliseconds between them cannot stop that one e-mail.
 */

/** What the dispatcher needs of a mail transport (nodemailer's, or a test double). */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
}

export const MAX_ATTEMPTS = 5;
/** Minutes to wait after the 1st, 2nd, 3rd, 4th failed attempt; the 5th failure is final. */
export const RETRY_DELAYS_MINUTES = [1, 5, 25, 125] as const;
/** How long a claim holds; longer than any SMTP exchange (the transport times out well before). */
export const CLAIM_MS = 5 * 60_000;

export interface DispatchOptions {
  db: DB;
  /** null when SMTP_URL is unset: e-mail is kept in the database (status `kept`) and shown in the outbox. */
  transport: MailTransport | null;
  now: Date;
  workerId: string;
  batch?: number;
  /** The sender, e.g. `Spelplan <noreply@spelplan.example>`. */
  from?: string;
  claimMs?: number;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  kept: number;
  cancelled: number;
}

/** An SMTP transport for SMTP_URL (`smtp://user:pass@host:587`, `smtps://…`), or null when unset. */
export function createMailTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  // A small pool: one connection per message would cost a TCP and SMTP handshake each time.
  const transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: 3 });
  return {
    sendMail: (m) => transport.sendMail(m),
    close: () => transport.close(),
  };
}

/** The default sender: noreply at the host of SPELPLAN_BASE_URL. */
export function defaultMailFrom(baseUrl: string): string {
  let host = "localhost";
  try {
    host = new URL(baseUrl).hostname || host;
  } catch {
    // keep localhost
  }
  return `Spelplan <noreply@${host}>`;
}

function dueCondition(nowIso: string) {
  return sql<boolean>`kind = 'email' and ((status = 'pending' and next_attempt_at <= ${nowIso})
    or (status = 'sending' and claimed_until < ${nowIso}))`;
}

/** The ids of the first `batch` due rows, in the order they are claimed. */
function dueBatch(db: Executor, nowIso: string, batch: number) {
  return db
    .selectFrom("outbox")
    .select("id")
    .where(dueCondition(nowIso))
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(batch);
}

/** Claims up to `batch` due rows for this worker: pending ones whose time has come, and expired claims. */
export async function claimOutbox(
  db: DB,
  opts: { now: Date; workerId: string; batch: number; claimMs?: number },
): Promise<Row<"outbox">[]> {
  const nowIso = opts.now.toISOString();
  const claim = {
    status: "sending",
    claimed_by: opts.workerId,
    claimed_until: new Date(opts.now.getTime() + (opts.claimMs ?? CLAIM_MS)).toISOString(),
  };
  if (isPostgres(db)) {
    // A short transaction: lock due rows others have not locked, mark them ours, commit.
    return db.transaction().execute(async (tx) => {
      const ids = await dueBatch(tx, nowIso, opts.batch).forUpdate().skipLocked().execute();
      if (ids.length === 0) return [];
      return tx
        .updateTable("outbox")
        .set(claim)
        .where(
          "id",
          "in",
          ids.map((r) => r.id),
        )
        .returningAll()
        .execute();
    });
  }
  // SQLite: a single statement is atomic, and writers are serialised.
  return db
    .updateTable("outbox")
    .set(claim)
    .where("id", "in", dueBatch(db, nowIso, opts.batch))
    .returningAll()
    .execute();
}

/** Records the outcome only while the claim is still ours (a row re-claimed after expiry belongs to another). */
function mine(db: Executor, row: Row<"outbox">, workerId: string) {
  return db
    .updateTable("outbox")
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("claimed_by", "=", workerId);
}

/**
 * Marks a reminder that is no longer due `cancelled` with its reason, logged, in one transaction. "due": send it;
 * "lost": our claim expired and another worker holds the row now, which decides.
 */
async function cancelIfNoLongerDue(
  db: DB,
  row: Row<"outbox">,
  workerId: string,
  now: Date,
): Promise<"due" | "cancelled" | "lost"> {
  return db.transaction().execute(async (tx) => {
    const reason = await reminderNoLongerDue(tx, row);
    if (reason === null) return "due";
    const iso = now.toISOString();
    const done = await mine(tx, row, workerId)
      .set({
        status: "cancelled",
        cancel_reason: reason,
        cancelled_at: iso,
        claimed_by: null,
        claimed_until: null,
      })
      .returning("id")
      .executeTakeFirst();
    if (!done) return "lost";
    await appendEvent(
      { db: tx, actor: null, now, newId: randomUUID, meta: {} },
      {
        streamType: "outbox",
        streamId: row.id,
        type: "outbox.cancelled",
        payload: { caseId: row.case_id, deadline: row.deadline, dueDate: row.due_date, reason },
      },
    );
    return "cancelled";
  });
}

function errorText(err: unknown): string {
  const e = err as { message?: unknown; responseCode?: unknown; code?: unknown };
  const parts = [e?.code, e?.responseCode, e?.message ?? String(err)].filter((p) => p !== undefined);
  return parts.join(" ").slice(0, 1000);
}

/** One pass: claims a batch of due e-mail and sends, retries, fails or keeps each. */
export async function dispatchOutbox(opts: DispatchOptions): Promise<DispatchResult> {
  const { db, transport, now, workerId } = opts;
  const result: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, kept: 0, cancelled: 0 };
  const rows = await claimOutbox(db, { now, workerId, batch: opts.batch ?? 20, claimMs: opts.claimMs });
  result.claimed = rows.length;
  const release = { claimed_by: null, claimed_until: null };
  for (const row of rows) {
    const second = row.due_date === null ? "due" : await cancelIfNoLongerDue(db, row, workerId, now);
    if (second !== "due") {
      if (second === "cancelled") result.cancelled++;
      continue;
    }
    if (!transport) {
      await mine(db, row, workerId)
        .set({ status: "kept", ...release })
        .execute();
      result.kept++;
      continue;
    }
    const attempts = row.attempts + 1;
    try {
      await transport.sendMail({
        from: opts.from ?? defaultMailFrom("http://localhost"),
        to: row.to_address,
        subject: row.subject,
        text: row.text,
        html: row.html,
        // A stable Message-ID: a receiver can recognise a message delivered twice after a crash.
        messageId: `<${row.id}@spelplan>`,
        headers: { "X-Spelplan-Outbox-Id": row.id, "Auto-Submitted": "auto-generated" },
      });
      await mine(db, row, workerId)
        .set({ status: "sent", attempts, sent_at: now.toISOString(), last_error: null, ...release })
        .execute();
      result.sent++;
    } catch (err) {
      const final = attempts >= MAX_ATTEMPTS;
      const delay = RETRY_DELAYS_MINUTES[Math.min(attempts, RETRY_DELAYS_MINUTES.length) - 1];
      await mine(db, row, workerId)
        .set({
          status: final ? "failed" : "pending",
          attempts,
          last_error: errorText(err),
          next_attempt_at: final
            ? row.next_attempt_at
            : new Date(now.getTime() + delay * 60_000).toISOString(),
          ...release,
        })
        .execute();
      if (final) result.failed++;
      else result.retried++;
    }
  }
  return result;
}

/** Dispatches until nothing due is left (or `maxRounds` passes), e.g. for a CLI run or a test. */
export async function drainOutbox(opts: DispatchOptions & { maxRounds?: number }): Promise<DispatchResult> {
  const total: DispatchResult = { claimed: 0, sent: 0, retried: 0, failed: 0, kept: 0, cancelled: 0 };
  for (let round = 0; round < (opts.maxRounds ?? 1000); round++) {
    const r = await dispatchOutbox(opts);
    for (const k of Object.keys(total) as (keyof DispatchResult)[]) total[k] += r[k];
    if (r.claimed === 0) break;
  }
  return total;
}
