import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Principal } from "../../../domain/access";
import { seesBoardMeetings } from "../../../domain/policies/cases";
import {
  emailLocked,
  mayHaveCalendarFeed,
  NOTIFICATION_KINDS,
  reminderSettingsActions,
  seesOutbox,
  seesReminderSettings,
  wantsEmail,
} from "../../../domain/policies/notifications";
import { errors } from "../../http/errors";
import { inTransaction, requireUser } from "../../http/request-context";
import { onlyIf } from "../../http/route-access";
import { findCaseForPrincipal, meetingById } from "../cases/repository";
import { buildFeed, feedOwnerForToken, meetingIcs, visitIcs } from "./calendar";
import { listNotifications, listOutbox, preferencesOf, presentNotification } from "./repository";
import {
  feedParam,
  idParam,
  listNotificationsQuery,
  outboxQuery,
  preferencesBody,
  reminderSettingsBody,
} from "./schemas";
import { type Language, mailLinkBase, NOTIFICATION_KIND_LABELS, setMailLinkBase } from "./templates";
import {
  createCalendarToken,
  markAllNotificationsRead,
  markNotificationRead,
  reminderOffsets,
  revokeCalendarToken,
  setReminderOffsets,
  updateNotificationPreferences,
} from "./use-cases";

function languageOf(req: FastifyRequest): Language {
  return req.auth?.user.language === "en" ? "en" : "sv";
}

function sendIcs(reply: FastifyReply, body: string, filename?: string) {
  reply.header("content-type", "text/calendar; charset=utf-8").header("cache-control", "private, no-store");
  if (filename) reply.header("content-disposition", `attachment; filename="${filename}"`);
  return reply.send(body);
}

function safeFileName(s: string): string {
  return s.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Notifications, e-mail preferences, the outbox, reminder settings and calendars. */
export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.db;
  setMailLinkBase(app.deps.config.baseUrl);

  // ---- in-app notifications ----

  r.get(
    "/api/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "My notifications, newest first, with the number unread",
        querystring: listNotificationsQuery,
      },
    },
    async (req) => listNotifications(db, requireUser(req).id, req.query),
  );

  r.post(
    "/api/notifications/:id/read",
    { schema: { tags: ["notifications"], summary: "Mark one of my notifications read", params: idParam } },
    async (req) => {
      requireUser(req);
      return presentNotification(await inTransaction(req, (ctx) => markNotificationRead(ctx, req.params.id)));
    },
  );

  r.post(
    "/api/notifications/read-all",
    { schema: { tags: ["notifications"], summary: "Mark all my notifications read" } },
    async (req) => {
      requireUser(req);
      const updated = await inTransaction(req, (ctx) => markAllNotificationsRead(ctx));
      return { updated, unread: 0 };
    },
  );

  // ---- e-mail preferences ----

  async function presentPreferences(userId: string) {
    const stored = await preferencesOf(db, userId);
    return {
      items: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: NOTIFICATION_KIND_LABELS[kind],
        email: wantsEmail(kind, stored.get(kind)),
        locked: emailLocked(kind),
      })),
    };
  }

  r.get(
    "/api/notification-preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "My e-mail choice per kind of notice (decisions and reminders are locked on)",
      },
    },
    async (req) => presentPreferences(requireUser(req).id),
  );

  r.put(
    "/api/notification-preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "Switch e-mail on or off per kind (in-app notices always arrive)",
        body: preferencesBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      await inTransaction(req, (ctx) => updateNotificationPreferences(ctx, req.body.items));
      return presentPreferences(p.id);
    },
  );

  // ---- outbox ("Utkorg") ----

  r.get(
    "/api/outbox",
    {
      schema: {
        tags: ["notifications"],
        summary:
          "Utkorg: every outgoing e-mail with its status, attempts and last error (admin, secretariat)",
        querystring: outboxQuery,
      },
    },
    async (req) => {
      const p = requireUser(req);
      if (!seesOutbox(p)) throw errors.notFound("route");
      return { ...(await listOutbox(db, req.query)), smtpConfigured: Boolean(app.deps.config.smtpUrl) };
    },
  );

  // ---- reminder settings ----

  async function presentReminderSettings(p: Principal) {
    return { ...(await reminderOffsets(db)), actions: reminderSettingsActions(p) };
  }

  r.get(
    "/api/settings/reminders",
    {
      schema: {
        tags: ["notifications"],
        summary: "Days before a due date on which reminders go out (default 14, 3, 0)",
      },
    },
    async (req) => {
      const p = requireUser(req);
      if (!seesReminderSettings(p)) throw errors.notFound("route");
      return presentReminderSettings(p);
    },
  );

  r.put(
    "/api/settings/reminders",
    {
      config: { access: onlyIf(seesReminderSettings, () => errors.notFound("route")) },
      schema: {
        tags: ["notifications"],
        summary: "Change the reminder days (secretariat)",
        body: reminderSettingsBody,
      },
    },
    async (req) => {
      const p = requireUser(req);
      if (!seesReminderSettings(p)) throw errors.notFound("route");
      await inTransaction(req, (ctx) => setReminderOffsets(ctx, req.body.offsets));
      return presentReminderSettings(p);
    },
  );

  // ---- calendars ----

  r.post(
    "/api/calendar/token",
    {
      config: { access: onlyIf(mayHaveCalendarFeed, () => errors.notFound("route")) },
      schema: {
        tags: ["calendar"],
        summary: "Create (or rotate) my secret calendar feed; the URL is shown only now",
      },
    },
    async (req, reply) => {
      const p = requireUser(req);
      if (!mayHaveCalendarFeed(p)) throw errors.notFound("route");
      const { token, createdAt } = await inTransaction(req, (ctx) => createCalendarToken(ctx));
      const path = `/api/calendar/${token}.ics`;
      return reply.status(201).send({ url: `${mailLinkBase()}${path}`, path, createdAt });
    },
  );

  r.delete(
    "/api/calendar/token",
    { schema: { tags: ["calendar"], summary: "Revoke my calendar feed" } },
    async (req, reply) => {
      requireUser(req);
      await inTransaction(req, (ctx) => revokeCalendarToken(ctx));
      return reply.status(204).send();
    },
  );

  r.get(
    "/api/calendar/:token.ics",
    {
      schema: {
        tags: ["calendar"],
        summary: "My calendar feed (no login: the token is the secret): visits, board meetings, deadlines",
        params: feedParam,
        security: [],
      },
    },
    async (req, reply) => {
      const owner = await feedOwnerForToken(db, req.params.token);
      if (!owner) throw errors.notFound("calendar");
      return sendIcs(reply, await buildFeed(db, owner, app.deps.clock()));
    },
  );

  r.get(
    "/api/cases/:id/visit.ics",
    {
      schema: { tags: ["calendar"], summary: "The case's review visit as a calendar file", params: idParam },
    },
    async (req, reply) => {
      const p = requireUser(req);
      const c = await findCaseForPrincipal(db, p, req.params.id);
      if (!c) throw errors.notFound("case");
      const body = visitIcs(c, languageOf(req), app.deps.clock());
      if (!body) throw errors.notFound("visit");
      return sendIcs(reply, body, `${safeFileName(`visit ${c.registration_number}`)}.ics`);
    },
  );

  r.get(
    "/api/board-meetings/:id.ics",
    { schema: { tags: ["calendar"], summary: "A board meeting as a calendar file", params: idParam } },
    async (req, reply) => {
      const p = requireUser(req);
      if (!seesBoardMeetings(p)) throw errors.notFound("boardMeeting");
      const m = await meetingById(db, req.params.id).executeTakeFirst();
      if (!m) throw errors.notFound("boardMeeting");
      return sendIcs(reply, meetingIcs(m, languageOf(req), app.deps.clock()), `board-meeting-${m.date}.ics`);
    },
  );
}
