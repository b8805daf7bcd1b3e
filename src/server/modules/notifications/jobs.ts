import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { FastifyInstance } from "fastify";
import { runFollowUpScan } from "../follow-ups/schedule";
import { createMailTransport, defaultMailFrom, drainOutbox } from "./dispatcher";
import { runReminderScan } from "./reminders";

export interface NotificationJobsOptions {
  /** Off in tests (testApp) and with SPELPLAN_DISPATCHER=0; on in `npm start`. */
  enabled: boolean;
  /** The sender address (SMTP_FROM); default noreply at the host of SPELPLAN_BASE_URL. */
  mailFrom?: string;
  dispatchEveryMs?: number;
  reminderScanEveryMs?: number;
}

/**
 * The server's background work, on plain intervals (unref'd, so they never keep a process alive): the
 * outbox dispatcher every 15 seconds and the reminder scan every 10 minutes (and once at start). Both are
 * data-driven and safe to run in every process at once. Stopped, and any run in progress awaited, when the
 * app closes.
 */
export async function notificationJobs(app: FastifyInstance, opts: NotificationJobsOptions): Promise<void> {
  if (!opts.enabled) return;
  const { db, config, clock } = app.deps;
  const transport = createMailTransport(config.smtpUrl);
  const from = opts.mailFrom || defaultMailFrom(config.baseUrl);
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = app.log.child({ module: "notifications", workerId });
  if (!transport) log.warn("SMTP_URL is not set: e-mail is kept in the outbox (status 'kept')");

  // How long a claim holds before another worker may take it over (tests shorten it to see a crash recovered).
  const claimMs = Number(process.env.SPELPLAN_OUTBOX_CLAIM_SECONDS) * 1000 || undefined;
  let dispatching: Promise<void> | null = null;
  let scanning: Promise<void> | null = null;
  let closed = false;

  const dispatch = () => {
    if (dispatching || closed) return;
    dispatching = drainOutbox({ db, transport, now: clock(), workerId, from, maxRounds: 50, claimMs })
      .then((r) => {
        if (r.claimed) log.info(r, "outbox dispatched");
      })
      .catch((err) => log.error({ err }, "outbox dispatch failed"))
      .finally(() => {
        dispatching = null;
      });
  };
  const scan = () => {
    if (scanning || closed) return;
    // This year's follow-ups that are due open first, so their people hear of them in the same round.
    scanning = runFollowUpScan({ db, now: clock() })
      .then((f) => {
        if (f.opened) log.info(f, "follow-ups opened");
      })
      .catch((err) => log.error({ err }, "follow-up scan failed"))
      .then(() => runReminderScan({ db, now: clock(), baseUrl: config.baseUrl }))
      .then((r) => {
        if (r.reminders || r.passed) log.info(r, "reminders given");
        if (r.reminders || r.passed) dispatch();
      })
      .catch((err) => log.error({ err }, "reminder scan failed"))
      .finally(() => {
        scanning = null;
      });
  };

  const timers = [
    // Intervals can be shortened by environment (the multi-process tests use a few hundred milliseconds).
    setInterval(dispatch, opts.dispatchEveryMs ?? Number(process.env.SPELPLAN_DISPATCH_EVERY_MS || 15_000)),
    setInterval(
      scan,
      opts.reminderScanEveryMs ?? Number(process.env.SPELPLAN_REMINDER_SCAN_EVERY_MS || 10 * 60_000),
    ),
  ];
  for (const t of timers) t.unref();
  app.addHook("onReady", async () => {
    scan();
    dispatch();
  });
  app.addHook("onClose", async () => {
    closed = true;
    for (const t of timers) clearInterval(t);
    await Promise.all([dispatching, scanning]);
    transport?.close?.();
  });
}
