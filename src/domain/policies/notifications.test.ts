import { describe, expect, it } from "vitest";
import type { Principal } from "../access";
import { NOTIFY_TEMPLATES } from "../certification/machine";
import {
  emailLocked,
  mayHaveCalendarFeed,
  NOTIFICATION_KINDS,
  notificationActions,
  reminderCancelReason,
  reminderSettingsActions,
  seesNotification,
  seesOutbox,
  wantsEmail,
} from "./notifications";

const p = (role: Principal["role"], id = "u1"): Principal => ({
  id,
  role,
  regionId: null,
  localCollegeId: null,
});

describe("notification policy", () => {
  it("has a kind for every notice of the process, and locks decisions and reminders on", () => {
    for (const t of NOTIFY_TEMPLATES) expect(NOTIFICATION_KINDS).toContain(t);
    expect(NOTIFICATION_KINDS.filter(emailLocked)).toEqual(["decisionSent", "reminder", "deadlinePassed"]);
    expect(wantsEmail("yourTurn", undefined)).toBe(true);
    expect(wantsEmail("yourTurn", false)).toBe(false);
    expect(wantsEmail("decisionSent", false)).toBe(true);
    expect(wantsEmail("reminder", false)).toBe(true);
  });

  it("keeps a notification its recipient's", () => {
    expect(seesNotification(p("secretariat", "a"), { userId: "b" })).toBe(false);
    expect(notificationActions(p("board", "b"), { userId: "b", readAt: null })).toEqual(["read"]);
    expect(notificationActions(p("board", "b"), { userId: "b", readAt: "2027-01-01T00:00:00Z" })).toEqual([]);
    expect(notificationActions(p("board", "a"), { userId: "b", readAt: null })).toEqual([]);
  });

  it("shows the outbox and reminder settings to the secretariat and admins; feeds to all but admins", () => {
    const roles = ["secretariat", "reviewer", "board", "regionLead", "localLead", "admin"] as const;
    expect(roles.filter((r) => seesOutbox(p(r)))).toEqual(["secretariat", "admin"]);
    expect(roles.filter((r) => reminderSettingsActions(p(r)).includes("update"))).toEqual([
      "secretariat",
      "admin",
    ]);
    expect(roles.filter((r) => mayHaveCalendarFeed(p(r)))).toEqual([
      "secretariat",
      "reviewer",
      "board",
      "regionLead",
      "localLead",
    ]);
  });
});

describe("reminders re-checked at send", () => {
  const m = { deadline: "protocol", dueDate: "2027-02-28" };
  const now = (o: Partial<Parameters<typeof reminderCancelReason>[1] & object> = {}) => ({
    closed: false,
    deadline: "protocol",
    dueDate: "2027-02-28",
    recipientStillActs: true,
    ...o,
  });
  it("lets a reminder go out while the task, its due date and its recipient are as they were", () => {
    expect(reminderCancelReason(m, now())).toBeNull();
  });
  it("cancels it, with the reason, once that has changed", () => {
    expect(reminderCancelReason(m, null)).toBe("caseClosed");
    expect(reminderCancelReason(m, now({ closed: true }))).toBe("caseClosed");
    expect(reminderCancelReason(m, now({ deadline: "response", dueDate: "2027-05-28" }))).toBe("taskDone");
    expect(reminderCancelReason(m, now({ deadline: null, dueDate: null }))).toBe("taskDone");
    expect(reminderCancelReason(m, now({ dueDate: "2027-03-14" }))).toBe("postponed");
    expect(reminderCancelReason(m, now({ recipientStillActs: false }))).toBe("reassigned");
    // A closed case is the first reason given, whatever else changed.
    expect(reminderCancelReason(m, now({ closed: true, recipientStillActs: false }))).toBe("caseClosed");
  });
});
