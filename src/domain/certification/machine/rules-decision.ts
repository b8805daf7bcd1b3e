/** Rules of the decision phase (steps 11–13): the agenda, the board's decision (D2), sending it, the ceremony. */
import { failure, type PreconditionFailure } from "../failures";
import { notBefore, notInFuture, payloadOf } from "./helpers";
import { OTHER_BRANCH, type Rule } from "./rule";
import type { CertificationEvent, MachineContext } from "./types";

export const decisionSendable = (
  context: MachineContext,
  event: CertificationEvent,
): PreconditionFailure[] => {
  const decision = context.record.decision;
  if (!decision) return [failure("decision.missing")];
  const payload = payloadOf(event, "sendDecision");
  if (!payload) return [];
  return [
    ...notInFuture("sentOn", payload.sentOn, event.world.today),
    ...notBefore("sentOn", payload.sentOn, decision.decidedOn),
  ];
};

/** A branch of sendDecision: the decision must be sendable, and the branch is chosen by `matches`. */
export function decisionBranch(matches: (context: MachineContext) => boolean): Rule {
  return (context, event) => {
    const failures = decisionSendable(context, event);
    if (failures.length > 0) return failures;
    return matches(context) ? [] : OTHER_BRANCH;
  };
}

export const DECISION_RULES = {
  agendaPlacementValid: (context, event) => {
    const basis = context.record.decisionBasis ? [] : [failure("decisionBasis.missing")];
    const payload = payloadOf(event, "placeOnAgenda");
    if (!payload) return basis;
    const { boardMeeting: meeting, today } = event.world;
    if (!meeting || meeting.id !== payload.boardMeetingId) {
      return [...basis, failure("meeting.not_found", { boardMeetingId: payload.boardMeetingId })];
    }
    return [
      ...basis,
      ...(meeting.kind === "ordinary" ? [] : [failure("meeting.not_ordinary")]),
      ...(meeting.status === "held" ? [failure("meeting.already_held")] : []),
      ...(meeting.status === "cancelled" ? [failure("meeting.cancelled")] : []),
      ...(meeting.date > today ? [] : [failure("meeting.not_in_future", { date: meeting.date, today })]),
    ];
  },

  /**
   * D2, "RTS styrelse beslutar på ordinarie möten": one decision per agenda placement, recorded once the day of
   * the ordinary meeting the case is on has come (today in Stockholm), dated that day.
   */
  decisionAtMeeting: (context, event) => {
    if (context.record.decision) return [failure("decision.already_recorded")];
    const payload = payloadOf(event, "recordDecision");
    if (!payload) return [];
    const placed = context.record.agenda;
    const meeting = event.world.agendaMeeting;
    if (
      !placed ||
      !meeting ||
      meeting.id !== placed.boardMeetingId ||
      meeting.kind !== "ordinary" ||
      meeting.status === "cancelled"
    ) {
      return [failure("decision.not_on_agenda")];
    }
    const named = { title: meeting.title ?? "", date: meeting.date };
    if (event.world.today < meeting.date) {
      return [failure("decision.before_meeting", { ...named, today: event.world.today })];
    }
    return payload.decidedOn === meeting.date
      ? []
      : [failure("decision.not_meeting_date", { ...named, decidedOn: payload.decidedOn })];
  },

  /** A meeting's change reaches the cases on its agenda while no decision is recorded for them. */
  meetingChangeApplies: (context, event) => {
    const payload = payloadOf(event, "meetingMoved") ?? payloadOf(event, "meetingCancelled");
    if (context.record.decision) return [failure("meeting.decision_recorded")];
    if (payload && context.record.agenda?.boardMeetingId !== payload.boardMeetingId) {
      return [failure("meeting.not_found", { boardMeetingId: payload.boardMeetingId })];
    }
    return [];
  },

  decertificationApproved: decisionBranch(
    (c) => c.kind === "decertification" && c.record.decision?.outcome === "approved",
  ),
  certificationApproved: decisionBranch(
    (c) => c.kind !== "decertification" && c.record.decision?.outcome === "approved",
  ),
  decisionPostponed: decisionBranch((c) => c.record.decision?.outcome === "postponed"),
  decisionRejected: decisionBranch((c) => c.record.decision?.outcome === "rejected"),

  ceremonyHeld: (_context, event) => {
    const payload = payloadOf(event, "recordCeremony");
    return payload ? notInFuture("heldOn", payload.heldOn, event.world.today) : [];
  },

  /** The deadline is open and the new due date is later than the current one. */
} satisfies Record<string, Rule>;
