/** Rules of the review phase (steps 7–10): reviewers, the visit, the protocol and the response. */
import { failure, type PreconditionFailure } from "../failures";
import {
  duplicates,
  mergeByCriterion,
  missingCriteria,
  notBefore,
  notInFuture,
  payloadOf,
  requiredSupplementIds,
  unknownCriteria,
} from "./helpers";
import type { Rule } from "./rule";
import type { MachineContext } from "./types";

export const reviewersAssigned = (context: MachineContext): PreconditionFailure[] =>
  context.record.reviewerIds?.length === 2 ? [] : [failure("reviewers.not_two")];

export const REVIEW_RULES = {
  reviewersAreReviewers: (_context, event) => {
    const payload = payloadOf(event, "assignReviewers");
    if (!payload) return [];
    const userIds = payload.reviewerIds.filter((id) => event.world.users[id]?.role !== "reviewer");
    return userIds.length > 0 ? [failure("reviewers.not_reviewers", { userIds })] : [];
  },

  reviewersAssigned,

  /** Exactly the two assigned reviewers (no other reviewer) and at least one secretariat member. */
  visitParticipantsValid: (context, event) => {
    const assigned = reviewersAssigned(context);
    const payload = payloadOf(event, "recordVisit");
    if (assigned.length > 0 || !payload) return assigned;
    const { users, today } = event.world;
    const participants = payload.participantIds;
    const reviewerIds: readonly string[] = context.record.reviewerIds ?? [];
    const unknown = participants.filter((id) => users[id] === undefined);
    const missing = reviewerIds.filter((id) => !participants.includes(id));
    const others = participants.filter((id) => users[id]?.role === "reviewer" && !reviewerIds.includes(id));
    return [
      ...(unknown.length > 0 ? [failure("visit.unknown_participants", { userIds: unknown })] : []),
      ...(missing.length > 0 ? [failure("visit.reviewer_missing", { userIds: missing })] : []),
      ...(others.length > 0 ? [failure("visit.other_reviewers", { userIds: others })] : []),
      ...(participants.some((id) => users[id]?.role === "secretariat")
        ? []
        : [failure("visit.no_secretariat")]),
      ...notInFuture("heldOn", payload.heldOn, today),
    ];
  },

  findingsMatchCriteria: (context, event) => {
    const payload = payloadOf(event, "saveProtocol");
    if (!payload) return [];
    const criteria = unknownCriteria(
      context.criteriaNumbers,
      payload.findings.map((f) => f.criterionNumber),
    );
    const merged = mergeByCriterion(context.record.protocol?.findings ?? [], payload.findings);
    const supplementIds = duplicates(merged.flatMap((f) => f.requiredSupplements.map((s) => s.id)));
    return [
      ...(criteria.length > 0 ? [failure("protocol.unknown_criteria", { criteria })] : []),
      ...(supplementIds.length > 0 ? [failure("protocol.duplicate_supplements", { supplementIds })] : []),
    ];
  },

  /** A finding for every criterion; sent today or earlier, not before the visit. */
  protocolReadyToSend: (context, event) => {
    const assessed = (context.record.protocol?.findings ?? []).map((f) => f.criterionNumber);
    const criteria = missingCriteria(context.criteriaNumbers, assessed);
    const payload = payloadOf(event, "sendProtocol");
    const visit = context.record.visit;
    return [
      ...(criteria.length > 0 ? [failure("protocol.missing_criteria", { criteria })] : []),
      ...(payload ? notInFuture("sentOn", payload.sentOn, event.world.today) : []),
      ...(payload && visit ? notBefore("sentOn", payload.sentOn, visit.heldOn) : []),
    ];
  },

  /** An answer for every supplement the protocol requires, and for nothing else. */
  responseComplete: (context, event) => {
    const payload = payloadOf(event, "submitResponse");
    if (!payload) return [];
    const required = requiredSupplementIds(context.record);
    const answered = payload.answers.map((a) => a.supplementId);
    const missing = required.filter((id) => !answered.includes(id));
    const unknown = answered.filter((id) => !required.includes(id));
    return [
      ...(missing.length > 0 ? [failure("response.missing_supplements", { supplementIds: missing })] : []),
      ...(unknown.length > 0 ? [failure("response.unknown_supplements", { supplementIds: unknown })] : []),
    ];
  },

  /** Decision basis recorded; the meeting is ordinary, still planned, and after today. */
} satisfies Record<string, Rule>;
