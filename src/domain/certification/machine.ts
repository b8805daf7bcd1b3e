/**
 * Process B (Certifiering) as one XState v5 machine, used only as a pure transition function: the case's
 * state and record are restored into a snapshot, one event is applied, and the next state, record and
 * effects (plain data for the caller to execute) come back. No actors, no timers, no clock.
 *
 * Every rule about when an action may be taken lives here: which state accepts it (the `on` tables) and
 * what must hold (the guards, each backed by a rule that can say why it failed). Who may take an action
 * is the policy in ./permissions.
 */
import { getNextTransitions, initialTransition, setup, transition } from "xstate";
import {
  ACTION_NAMES,
  type ActionName,
  type ActionPayloads,
  isActionName,
  isMeetingAction,
  type PayloadIssue,
  parseActionPayload,
} from "./actions";
import { type IsoDate, isIsoDate, protocolDueDate, responseDueDate } from "./deadlines";
import { failure, type PreconditionFailure } from "./failures";
import {
  ACTION_RESPONSIBLE,
  type ActorFacts,
  actorSeesCase,
  ROLES,
  type Role,
  roleMayTakeAction,
} from "./permissions";
import {
  type CaseRecord,
  type DeadlineRecord,
  emptyCaseRecord,
  normalizeCaseRecord,
  omitKeys,
} from "./record";
import {
  type BoardMeetingKind,
  type BoardMeetingStatus,
  type CaseKind,
  type CaseState,
  DEADLINE_KINDS,
  type DeadlineKind,
  isCaseState,
  isFinalState,
  type Label,
} from "./steps";

export type { PreconditionFailure, PreconditionReason } from "./failures";
export type { ActorFacts, Role } from "./permissions";
export type { CaseRecord } from "./record";

/** The version new cases start with. A case keeps the version it started with (see `certificationProcesses`). */
export const CERTIFICATION_PROCESS_VERSION = 1;

// ---- facts passed in by the caller ---------------------------------------------------------------------

/** The case as stored: its kind, state, the criteria set it is judged by, and the accumulated record. */
export type CaseFacts = {
  kind: CaseKind;
  state: CaseState;
  /** Criterion numbers of the case's criteria set, e.g. [1, …, 8]. */
  criteriaNumbers: number[];
  record: CaseRecord;
};

export type BoardMeetingFacts = {
  id: string;
  date: IsoDate;
  kind: BoardMeetingKind;
  status: BoardMeetingStatus;
  /** For messages ("Styrelsemöte mars"); may be empty. */
  title?: string;
};

/** What the guards need to know about the world outside the case. */
export type WorldFacts = {
  /** Today's date in Stockholm (`stockholmDate(now)`). */
  today: IsoDate;
  /** Roles of the users whose ids appear in the payload (reviewers, visit participants). */
  users: Record<string, { role: Role }>;
  /** The board meeting named by `placeOnAgenda`. */
  boardMeeting?: BoardMeetingFacts;
  /** The board meeting whose agenda the case is on, as it stands now (recordDecision, the meeting actions). */
  agendaMeeting?: BoardMeetingFacts;
};

// ---- effects ---------------------------------------------------------------------------------------

export const NOTIFY_AUDIENCES = ["secretariat", "region", "reviewers", "board"] as const;
export type NotifyAudience = (typeof NOTIFY_AUDIENCES)[number];

export const NOTIFY_TEMPLATES = [
  "interestSubmitted",
  "feedbackGiven",
  "applicationSubmitted",
  "reviewersAssigned",
  "protocolSent",
  "responseSubmitted",
  "caseOnAgenda",
  "decisionSent",
  "deadlinePostponed",
  "caseWithdrawn",
  "agendaCancelled",
] as const;
export type NotifyTemplate = (typeof NOTIFY_TEMPLATES)[number];

/** Plain data the caller executes in the same transaction as the state change (outbox, registry …). */
export type Effect =
  | { type: "certificationGranted"; years: 3 | 5 }
  | { type: "certificationWithdrawn" }
  | { type: "deadlineSet"; deadline: DeadlineKind; dueDate: IsoDate }
  | { type: "deadlineClosed"; deadline: DeadlineKind }
  | { type: "notify"; audience: NotifyAudience; template: NotifyTemplate };

// ---- results ---------------------------------------------------------------------------------------

export type ActionErrorCode =
  | "case.action_unknown"
  | "case.not_found"
  | "case.forbidden"
  | "case.action_not_allowed_in_state"
  | "case.invalid_payload"
  | "case.precondition_failed";

export type ActionError = {
  ok: false;
  code: ActionErrorCode;
  status: 400 | 403 | 404 | 409 | 422;
  message: Label;
  details?: {
    action?: string;
    state?: CaseState;
    issues?: PayloadIssue[];
    failures?: PreconditionFailure[];
  };
};

export type ActionSuccess = { ok: true; state: CaseState; record: CaseRecord; effects: Effect[] };
export type ApplyActionResult = ActionSuccess | ActionError;

// ---- machine types ---------------------------------------------------------------------------------

type MachineContext = { kind: CaseKind; criteriaNumbers: number[]; record: CaseRecord };
type MachineInput = { kind: CaseKind; criteriaNumbers: number[] };

type EventOf<A extends ActionName> = {
  type: A;
  payload: ActionPayloads[A];
  actor: ActorFacts;
  world: WorldFacts;
  /** Asked by availableActions/nextActors: no payload, so only rules about the case itself are checked. */
  probe?: boolean;
};
export type CertificationEvent = { [A in ActionName]: EventOf<A> }[ActionName];

// ---- helpers ---------------------------------------------------------------------------------------

/** The payload of `event` when it is the named action and not a probe. */
function payloadOf<A extends ActionName>(
  event: CertificationEvent,
  action: A,
): ActionPayloads[A] | undefined {
  if (event.probe || event.type !== action) return undefined;
  return (event as EventOf<A>).payload;
}

function notInFuture(field: string, date: IsoDate, today: IsoDate): PreconditionFailure[] {
  return date > today ? [failure("date.in_future", { field, date, today })] : [];
}

function notBefore(field: string, date: IsoDate, earliest: IsoDate): PreconditionFailure[] {
  return date < earliest ? [failure("date.too_early", { field, date, earliest })] : [];
}

function mergeByCriterion<T extends { criterionNumber: number }>(
  existing: readonly T[],
  updates: readonly T[],
): T[] {
  const byNumber = new Map(existing.map((item) => [item.criterionNumber, item]));
  for (const item of updates) byNumber.set(item.criterionNumber, item);
  return [...byNumber.values()].sort((a, b) => a.criterionNumber - b.criterionNumber);
}

function missingCriteria(criteria: readonly number[], present: Iterable<number>): number[] {
  const have = new Set(present);
  return criteria.filter((n) => !have.has(n));
}

function unknownCriteria(criteria: readonly number[], numbers: readonly number[]): number[] {
  return [...new Set(numbers.filter((n) => !criteria.includes(n)))].sort((a, b) => a - b);
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function requiredSupplementIds(record: CaseRecord): string[] {
  return (record.protocol?.findings ?? []).flatMap((f) => f.requiredSupplements.map((s) => s.id));
}

function openDeadlineKinds(record: CaseRecord): DeadlineKind[] {
  return DEADLINE_KINDS.filter((kind) => {
    const deadline = record.deadlines[kind];
    return deadline !== undefined && deadline.closedOn === undefined;
  });
}

function newDeadline(dueDate: IsoDate, setOn: IsoDate): DeadlineRecord {
  return { dueDate, setOn, postponements: [] };
}

function closeDeadline(
  deadlines: CaseRecord["deadlines"],
  kind: DeadlineKind,
  closedOn: IsoDate,
): CaseRecord["deadlines"] {
  const deadline = deadlines[kind];
  if (!deadline || deadline.closedOn !== undefined) return deadlines;
  return { ...deadlines, [kind]: { ...deadline, closedOn } };
}

/** A copy without keys whose value is undefined, so the stored JSON has no holes. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function certificationYears(kind: CaseKind): 3 | 5 {
  return kind === "recertification" ? 5 : 3;
}

// ---- rules behind the guards -----------------------------------------------------------------------
//
// A rule returns the failures that keep a transition from being taken (empty: the guard passes), or
// OTHER_BRANCH when the transition is simply not the branch for this case (e.g. the decision was not
// "approved"); OTHER_BRANCH is never reported. With `event.probe` (availableActions, nextActors) there is
// no payload and only the case's own data is checked.

const OTHER_BRANCH = "otherBranch" as const;
type RuleResult = PreconditionFailure[] | typeof OTHER_BRANCH;
type Rule = (context: MachineContext, event: CertificationEvent) => RuleResult;

const reviewersAssigned = (context: MachineContext): PreconditionFailure[] =>
  context.record.reviewerIds?.length === 2 ? [] : [failure("reviewers.not_two")];

const decisionSendable = (context: MachineContext, event: CertificationEvent): PreconditionFailure[] => {
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
function decisionBranch(matches: (context: MachineContext) => boolean): Rule {
  return (context, event) => {
    const failures = decisionSendable(context, event);
    if (failures.length > 0) return failures;
    return matches(context) ? [] : OTHER_BRANCH;
  };
}

const RULES = {
  /** Start: a decertification case begins at decisionPrep (steps 1–10 do not apply). */
  isDecertification: (context) => (context.kind === "decertification" ? [] : OTHER_BRANCH),

  answersMatchCriteria: (context, event) => {
    const payload = payloadOf(event, "saveApplicationDraft");
    if (!payload) return [];
    const criteria = unknownCriteria(
      context.criteriaNumbers,
      payload.answers.map((a) => a.criterionNumber),
    );
    return criteria.length > 0 ? [failure("application.unknown_criteria", { criteria })] : [];
  },

  applicationComplete: (context) => {
    const answered = (context.record.application?.answers ?? [])
      .filter((a) => a.text.trim() !== "")
      .map((a) => a.criterionNumber);
    const criteria = missingCriteria(context.criteriaNumbers, answered);
    return criteria.length > 0 ? [failure("application.missing_criteria", { criteria })] : [];
  },

  steeringGroupApprovalRecorded: (context) =>
    context.record.steeringGroupApproval ? [] : [failure("application.steering_group_approval_missing")],

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
  postponementValid: (context, event) => {
    const payload = payloadOf(event, "grantPostponement");
    if (!payload) {
      return openDeadlineKinds(context.record).length > 0 ? [] : [failure("deadline.not_open", {})];
    }
    const { deadline } = payload;
    const current = context.record.deadlines[deadline];
    if (!current || current.closedOn !== undefined) return [failure("deadline.not_open", { deadline })];
    return payload.newDueDate > current.dueDate
      ? []
      : [failure("deadline.not_later", { deadline, dueDate: current.dueDate })];
  },
} satisfies Record<string, Rule>;

function passes(result: RuleResult): boolean {
  return result !== OTHER_BRANCH && result.length === 0;
}

type GuardName = keyof typeof RULES;
type GuardArgs = { context: MachineContext; event: CertificationEvent };

const guards = Object.fromEntries(
  Object.entries(RULES).map(([name, rule]) => [
    name,
    ({ context, event }: GuardArgs) => passes((rule as Rule)(context, event)),
  ]),
) as { [K in GuardName]: (args: GuardArgs) => boolean };

// ---- the machine -----------------------------------------------------------------------------------

const noop = () => {};

const processSetup = setup({
  types: {
    context: {} as MachineContext,
    events: {} as CertificationEvent,
    input: {} as MachineInput,
  },
  guards,
  // Effect actions: never executed here; `applyAction` turns them into `Effect`s for the caller.
  actions: {
    notify: noop as (_: unknown, params: { audience: NotifyAudience; template: NotifyTemplate }) => void,
    setDeadline: noop as (_: unknown, params: { deadline: DeadlineKind; dueDate: IsoDate }) => void,
    closeDeadlines: noop as (_: unknown, params: { deadlines: DeadlineKind[] }) => void,
    grantCertification: noop as (_: unknown, params: { years: 3 | 5 }) => void,
    withdrawCertification: noop,
  },
});

/** An assign that updates the record from the named action's payload. */
function update<A extends ActionName>(
  action: A,
  reduce: (
    record: CaseRecord,
    payload: ActionPayloads[A],
    event: EventOf<A>,
    context: MachineContext,
  ) => CaseRecord,
) {
  return processSetup.assign({
    record: ({ context, event }) => {
      if (event.type !== action) throw new Error(`Record update for ${action} got ${event.type}`);
      const typed = event as EventOf<A>;
      return reduce(context.record, typed.payload, typed, context);
    },
  });
}

const notify = (audience: NotifyAudience, template: NotifyTemplate) =>
  ({ type: "notify", params: { audience, template } }) as const;

/** Allowed in every step that is not final: postponing an open deadline, withdrawing the case. */
const caseWide = {
  grantPostponement: {
    guard: "postponementValid",
    actions: [
      update("grantPostponement", (record, payload, event) => {
        const current = record.deadlines[payload.deadline] as DeadlineRecord;
        const postponement = {
          previousDueDate: current.dueDate,
          newDueDate: payload.newDueDate,
          reason: payload.reason,
          grantedOn: event.world.today,
        };
        return {
          ...record,
          deadlines: {
            ...record.deadlines,
            [payload.deadline]: {
              ...current,
              dueDate: payload.newDueDate,
              postponements: [...current.postponements, postponement],
            },
          },
        };
      }),
      {
        type: "setDeadline",
        params: ({ event }: GuardArgs) => {
          const payload = event.payload as ActionPayloads["grantPostponement"];
          return { deadline: payload.deadline, dueDate: payload.newDueDate };
        },
      },
      {
        type: "notify",
        params: ({ event }: GuardArgs) => ({
          audience:
            (event.payload as ActionPayloads["grantPostponement"]).deadline === "protocol"
              ? ("reviewers" as const)
              : ("region" as const),
          template: "deadlinePostponed" as const,
        }),
      },
    ],
  },
  withdrawCase: {
    target: "withdrawn",
    actions: [
      {
        type: "closeDeadlines",
        params: ({ context }: GuardArgs) => ({ deadlines: openDeadlineKinds(context.record) }),
      },
      update("withdrawCase", (record, payload, event) => {
        let deadlines = record.deadlines;
        for (const kind of openDeadlineKinds(record)) {
          deadlines = closeDeadline(deadlines, kind, event.world.today);
        }
        return {
          ...record,
          deadlines,
          withdrawal: { reason: payload.reason, withdrawnOn: event.world.today },
        };
      }),
      notify("region", "caseWithdrawn"),
    ],
  },
} as const;

const recordPhoneMeeting = {
  actions: update("recordPhoneMeeting", (record, payload, event) => ({
    ...record,
    phoneMeetings: [...record.phoneMeetings, { ...payload, recordedOn: event.world.today }],
  })),
};

function defineCertificationProcess() {
  return processSetup.createMachine({
    id: "certification",
    context: ({ input }) => ({
      kind: input.kind,
      criteriaNumbers: [...input.criteriaNumbers],
      record: emptyCaseRecord(),
    }),
    initial: "start",
    states: {
      /** Transient: a decertification case starts at decisionPrep, every other kind at anchoring. */
      start: {
        always: [{ guard: "isDecertification", target: "decisionPrep" }, { target: "anchoring" }],
      },
      anchoring: {
        on: {
          ...caseWide,
          recordAnchoring: {
            target: "steeringGroup",
            actions: update("recordAnchoring", (record, payload) => ({ ...record, anchoring: payload })),
          },
        },
      },
      steeringGroup: {
        on: {
          ...caseWide,
          recordSteeringGroups: {
            target: "interest",
            actions: update("recordSteeringGroups", (record, payload) => ({
              ...record,
              steeringGroups: payload,
            })),
          },
        },
      },
      interest: {
        on: {
          ...caseWide,
          submitInterest: {
            target: "feedback",
            actions: [
              update("submitInterest", (record, payload) => ({ ...record, interest: payload })),
              notify("secretariat", "interestSubmitted"),
            ],
          },
        },
      },
      feedback: {
        on: {
          ...caseWide,
          giveFeedback: {
            target: "drafting",
            actions: [
              update("giveFeedback", (record, payload) => ({ ...record, feedback: payload })),
              notify("region", "feedbackGiven"),
            ],
          },
        },
      },
      drafting: {
        on: {
          ...caseWide,
          saveApplicationDraft: {
            guard: "answersMatchCriteria",
            actions: update("saveApplicationDraft", (record, payload) => ({
              ...record,
              application: {
                ...record.application,
                answers: mergeByCriterion(record.application?.answers ?? [], payload.answers),
                attachmentIds: payload.attachmentIds ?? record.application?.attachmentIds ?? [],
              },
            })),
          },
          sendToSteeringGroup: {
            target: "submitted",
            guard: "applicationComplete",
            actions: update("sendToSteeringGroup", (record, _payload, event) => ({
              ...record,
              application: {
                answers: [],
                attachmentIds: [],
                ...record.application,
                sentToSteeringGroupOn: event.world.today,
              },
            })),
          },
        },
      },
      submitted: {
        on: {
          ...caseWide,
          recordSteeringGroupApproval: {
            actions: update("recordSteeringGroupApproval", (record, payload) => ({
              ...record,
              steeringGroupApproval: payload,
            })),
          },
          submitApplication: {
            target: "preparation",
            guard: "steeringGroupApprovalRecorded",
            actions: [
              update("submitApplication", (record, _payload, event) => ({
                ...record,
                application: {
                  answers: [],
                  attachmentIds: [],
                  ...record.application,
                  submittedOn: event.world.today,
                },
              })),
              notify("secretariat", "applicationSubmitted"),
            ],
          },
        },
      },
      preparation: {
        on: {
          ...caseWide,
          assignReviewers: {
            guard: "reviewersAreReviewers",
            actions: [
              update("assignReviewers", (record, payload) => ({
                ...record,
                reviewerIds: [payload.reviewerIds[0], payload.reviewerIds[1]],
              })),
              notify("reviewers", "reviewersAssigned"),
            ],
          },
          planVisit: {
            target: "visit",
            guard: "reviewersAssigned",
            actions: update("planVisit", (record, payload) => ({ ...record, visitPlan: payload })),
          },
        },
      },
      visit: {
        on: {
          ...caseWide,
          /** Rescheduling the planned visit. */
          planVisit: {
            guard: "reviewersAssigned",
            actions: update("planVisit", (record, payload) => ({ ...record, visitPlan: payload })),
          },
          recordVisit: {
            target: "protocol",
            guard: "visitParticipantsValid",
            actions: [
              update("recordVisit", (record, payload, event) => ({
                ...record,
                visit: payload,
                deadlines: {
                  ...record.deadlines,
                  protocol: newDeadline(protocolDueDate(payload.heldOn), event.world.today),
                },
              })),
              {
                type: "setDeadline",
                params: ({ context }) => ({
                  deadline: "protocol" as const,
                  dueDate: (context.record.deadlines.protocol as DeadlineRecord).dueDate,
                }),
              },
            ],
          },
        },
      },
      protocol: {
        on: {
          ...caseWide,
          saveProtocol: {
            guard: "findingsMatchCriteria",
            actions: update("saveProtocol", (record, payload) => ({
              ...record,
              protocol: {
                ...record.protocol,
                findings: mergeByCriterion(record.protocol?.findings ?? [], payload.findings),
              },
            })),
          },
          sendProtocol: {
            target: "response",
            guard: "protocolReadyToSend",
            actions: [
              update("sendProtocol", (record, payload, event) => {
                const deadlines = closeDeadline(record.deadlines, "protocol", payload.sentOn);
                return {
                  ...record,
                  protocol: { findings: [], ...record.protocol, sentOn: payload.sentOn },
                  deadlines: {
                    ...deadlines,
                    response: newDeadline(responseDueDate(payload.sentOn), event.world.today),
                  },
                };
              }),
              { type: "closeDeadlines", params: { deadlines: ["protocol"] } },
              {
                type: "setDeadline",
                params: ({ context }) => ({
                  deadline: "response" as const,
                  dueDate: (context.record.deadlines.response as DeadlineRecord).dueDate,
                }),
              },
              notify("region", "protocolSent"),
            ],
          },
        },
      },
      response: {
        on: {
          ...caseWide,
          recordPhoneMeeting,
          submitResponse: {
            target: "decisionPrep",
            guard: "responseComplete",
            actions: [
              update("submitResponse", (record, payload, event) => ({
                ...record,
                response: { answers: payload.answers, submittedOn: event.world.today },
                deadlines: closeDeadline(record.deadlines, "response", event.world.today),
              })),
              { type: "closeDeadlines", params: { deadlines: ["response"] } },
              notify("secretariat", "responseSubmitted"),
            ],
          },
        },
      },
      decisionPrep: {
        on: {
          ...caseWide,
          recordPhoneMeeting,
          recordDecisionBasis: {
            actions: update("recordDecisionBasis", (record, payload, event) => ({
              ...record,
              decisionBasis: { ...payload, recordedOn: event.world.today },
            })),
          },
          placeOnAgenda: {
            target: "decision",
            guard: "agendaPlacementValid",
            actions: [
              update("placeOnAgenda", (record, payload, event) => ({
                ...record,
                agenda: {
                  boardMeetingId: payload.boardMeetingId,
                  meetingDate: event.world.boardMeeting?.date ?? event.world.today,
                  placedOn: event.world.today,
                },
              })),
              notify("board", "caseOnAgenda"),
            ],
          },
        },
      },
      decision: {
        on: {
          ...caseWide,
          recordDecision: {
            guard: "decisionAtMeeting",
            actions: update("recordDecision", (record, payload) => ({ ...record, decision: payload })),
          },
          // The meeting moved: the case stays on its agenda and expects its decision on the new date.
          meetingMoved: {
            guard: "meetingChangeApplies",
            actions: update("meetingMoved", (record, payload) => ({
              ...record,
              agenda: {
                ...(record.agenda as NonNullable<CaseRecord["agenda"]>),
                meetingDate: payload.toDate,
              },
            })),
          },
          // The meeting was cancelled: back to decision preparation, to be placed on another meeting's agenda.
          meetingCancelled: {
            target: "decisionPrep",
            guard: "meetingChangeApplies",
            actions: [
              update("meetingCancelled", (record) => omitKeys(record, "agenda")),
              notify("secretariat", "agendaCancelled"),
            ],
          },
          sendDecision: [
            {
              guard: "decertificationApproved",
              target: "closed",
              actions: [
                update("sendDecision", (record, payload) => ({ ...record, decisionSentOn: payload.sentOn })),
                { type: "withdrawCertification" },
                notify("region", "decisionSent"),
              ],
            },
            {
              guard: "certificationApproved",
              target: "ceremony",
              actions: [
                update("sendDecision", (record, payload) => ({ ...record, decisionSentOn: payload.sentOn })),
                {
                  type: "grantCertification",
                  params: ({ context }) => ({ years: certificationYears(context.kind) }),
                },
                notify("region", "decisionSent"),
              ],
            },
            {
              // Uppskov: back to the response step with a new due date; the required supplements stay,
              // this round's response, decision basis, agenda and decision move to previousRounds.
              guard: "decisionPostponed",
              target: "response",
              actions: [
                update("sendDecision", (record, payload, event) => {
                  const decision = record.decision as NonNullable<CaseRecord["decision"]>;
                  const round = {
                    response: record.response,
                    responseDeadline: record.deadlines.response,
                    decisionBasis: record.decisionBasis,
                    agenda: record.agenda,
                    decision,
                    decisionSentOn: payload.sentOn,
                  };
                  const rest = omitKeys(
                    record,
                    "response",
                    "decisionBasis",
                    "agenda",
                    "decision",
                    "decisionSentOn",
                  );
                  return {
                    ...rest,
                    previousRounds: [...record.previousRounds, withoutUndefined(round)],
                    deadlines: {
                      ...record.deadlines,
                      response: newDeadline(decision.newResponseDueDate as IsoDate, event.world.today),
                    },
                  };
                }),
                {
                  type: "setDeadline",
                  params: ({ context }) => ({
                    deadline: "response" as const,
                    dueDate: (context.record.deadlines.response as DeadlineRecord).dueDate,
                  }),
                },
                notify("region", "decisionSent"),
              ],
            },
            {
              guard: "decisionRejected",
              target: "rejected",
              actions: [
                update("sendDecision", (record, payload) => ({ ...record, decisionSentOn: payload.sentOn })),
                notify("region", "decisionSent"),
              ],
            },
          ],
        },
      },
      ceremony: {
        on: {
          ...caseWide,
          recordCeremony: {
            target: "closed",
            guard: "ceremonyHeld",
            actions: update("recordCeremony", (record, payload) => ({
              ...record,
              ceremony: { held: true, heldOn: payload.heldOn, place: payload.place },
            })),
          },
          skipCeremony: {
            target: "closed",
            actions: update("skipCeremony", (record, payload, event) => ({
              ...record,
              ceremony: {
                held: false,
                skippedOn: event.world.today,
                ...(payload.reason !== undefined ? { reason: payload.reason } : {}),
              },
            })),
          },
        },
      },
      closed: { type: "final" },
      rejected: { type: "final" },
      withdrawn: { type: "final" },
    },
  });
}

export const certificationProcessV1 = defineCertificationProcess();
export type CertificationMachine = typeof certificationProcessV1;

/** Every process version still in use, by number; a case keeps the version it started with. */
export const certificationProcesses: Record<number, CertificationMachine> = {
  1: certificationProcessV1,
};

export function getCertificationProcess(processVersion: number): CertificationMachine {
  const machine = certificationProcesses[processVersion];
  if (!machine) throw new Error(`Unknown certification process version ${processVersion}`);
  return machine;
}

// ---- the pure API ----------------------------------------------------------------------------------

type Snapshot = ReturnType<CertificationMachine["resolveState"]>;

function restore(machine: CertificationMachine, facts: CaseFacts): Snapshot {
  if (!isCaseState(facts.state)) throw new Error(`Unknown case state ${JSON.stringify(facts.state)}`);
  return machine.resolveState({
    value: facts.state,
    context: {
      kind: facts.kind,
      criteriaNumbers: facts.criteriaNumbers,
      record: normalizeCaseRecord(facts.record),
    },
  });
}

/** The transitions of the current state for an action, whatever their guards say. */
function candidateTransitions(snapshot: Snapshot, action: ActionName) {
  return getNextTransitions(snapshot).filter((t) => t.eventType === action);
}

function guardNameOf(guard: unknown): GuardName | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === "string" && guard in RULES) return guard as GuardName;
  throw new Error(`Transition guards must be named rules, got ${String(guard)}`);
}

function explain(snapshot: Snapshot, event: CertificationEvent): PreconditionFailure[] {
  const failures: PreconditionFailure[] = [];
  for (const t of candidateTransitions(snapshot, event.type)) {
    const name = guardNameOf(t.guard);
    if (!name) continue;
    const result = (RULES[name] as Rule)(snapshot.context, event);
    if (result === OTHER_BRANCH) continue;
    for (const f of result) if (!failures.some((seen) => seen.reason === f.reason)) failures.push(f);
  }
  return failures;
}

function probeEvent(action: ActionName, actor: ActorFacts, world: WorldFacts): CertificationEvent {
  return { type: action, payload: undefined as never, actor, world, probe: true };
}

type ToEffectsInput = { type: string; params?: unknown };

function toEffects(action: ToEffectsInput): Effect[] {
  switch (action.type) {
    case "notify": {
      const p = action.params as { audience: NotifyAudience; template: NotifyTemplate };
      return [{ type: "notify", audience: p.audience, template: p.template }];
    }
    case "setDeadline": {
      const p = action.params as { deadline: DeadlineKind; dueDate: IsoDate };
      return [{ type: "deadlineSet", deadline: p.deadline, dueDate: p.dueDate }];
    }
    case "closeDeadlines":
      return (action.params as { deadlines: DeadlineKind[] }).deadlines.map((deadline) => ({
        type: "deadlineClosed",
        deadline,
      }));
    case "grantCertification":
      return [{ type: "certificationGranted", years: (action.params as { years: 3 | 5 }).years }];
    case "withdrawCertification":
      return [{ type: "certificationWithdrawn" }];
    default:
      return [];
  }
}

const ERROR_MESSAGES: Record<ActionErrorCode, Label> = {
  "case.action_unknown": { sv: "Okänd åtgärd", en: "Unknown action" },
  "case.not_found": { sv: "Ärendet finns inte", en: "Case not found" },
  "case.forbidden": { sv: "Du får inte utföra den här åtgärden", en: "You may not take this action" },
  "case.action_not_allowed_in_state": {
    sv: "Åtgärden är inte tillåten i ärendets nuvarande steg",
    en: "The action is not allowed in the case's current step",
  },
  "case.invalid_payload": { sv: "Ogiltiga uppgifter", en: "Invalid data" },
  "case.precondition_failed": { sv: "Villkoren för åtgärden är inte uppfyllda", en: "Preconditions not met" },
};

const ERROR_STATUS: Record<ActionErrorCode, ActionError["status"]> = {
  "case.action_unknown": 400,
  "case.not_found": 404,
  "case.forbidden": 403,
  "case.action_not_allowed_in_state": 409,
  "case.invalid_payload": 400,
  "case.precondition_failed": 422,
};

function error(code: ActionErrorCode, details?: ActionError["details"], message?: Label): ActionError {
  return {
    ok: false,
    code,
    status: ERROR_STATUS[code],
    message: message ?? ERROR_MESSAGES[code],
    ...(details ? { details } : {}),
  };
}

export type ApplyActionInput = {
  processVersion: number;
  facts: CaseFacts;
  actor: ActorFacts;
  world: WorldFacts;
  /** Any string: an unknown name gives `case.action_unknown`. */
  action: string;
  /** Unvalidated; checked against ACTION_SCHEMAS[action]. */
  payload: unknown;
};

/**
 * Applies one action to a case. Checks, in order: the action exists (400), the actor sees the case (404),
 * the actor's role may take it (403), the current state accepts it (409), the payload (400), the
 * preconditions (422). On success returns the next state, the next record and the effects to execute.
 */
export function applyAction(input: ApplyActionInput): ApplyActionResult {
  const { facts, actor, world, action } = input;
  const machine = getCertificationProcess(input.processVersion);
  if (!isIsoDate(world.today)) throw new Error(`world.today must be a YYYY-MM-DD date, got ${world.today}`);
  if (!isActionName(action)) return error("case.action_unknown", { action });
  if (!actorSeesCase(actor)) return error("case.not_found");
  if (!roleMayTakeAction(actor, action)) return error("case.forbidden", { action });
  if (isFinalState(facts.state)) {
    return error("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  const snapshot = restore(machine, facts);
  if (candidateTransitions(snapshot, action).length === 0) {
    return error("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  const parsed = parseActionPayload(action, input.payload);
  if (!parsed.ok) return error("case.invalid_payload", { action, issues: parsed.issues });
  const event = { type: action, payload: parsed.payload, actor, world } as CertificationEvent;
  if (!snapshot.can(event)) {
    const failures = explain(snapshot, event);
    return error("case.precondition_failed", { action, state: facts.state, failures }, failures[0]?.message);
  }
  const [next, actions] = transition(machine, snapshot, event);
  return {
    ok: true,
    state: next.value as CaseState,
    record: next.context.record,
    effects: actions.flatMap((a) => toEffects(a as ToEffectsInput)),
  };
}

export type AvailableActionsInput = {
  processVersion: number;
  facts: CaseFacts;
  actor: ActorFacts;
  world: WorldFacts;
};

/**
 * The actions the case's state and record allow now, whoever asks: the transitions whose guards pass without a
 * payload. No guard reads the actor or the day without a payload, so this depends on the case alone and is
 * stored with the case at every transition (`cases.enabled_actions`); `actionsFor` then narrows it per actor.
 */
export function enabledActions(facts: CaseFacts, processVersion: number): ActionName[] {
  if (isFinalState(facts.state)) return [];
  const snapshot = restore(getCertificationProcess(processVersion), facts);
  return ACTION_NAMES.filter(
    (action) => !isMeetingAction(action) && snapshot.can(probeEvent(action, PROBE_ACTOR, PROBE_WORLD)),
  );
}

/** Of the enabled actions (see enabledActions), those this actor's role and scope allow. */
export function actionsFor(actor: ActorFacts, enabled: readonly string[]): ActionName[] {
  if (!actorSeesCase(actor)) return [];
  return enabled.filter(
    (action): action is ActionName => isActionName(action) && roleMayTakeAction(actor, action),
  );
}

/**
 * The actions this actor may take now: same rules as applyAction except those that need a payload
 * (so a button shown may still answer 400/422 for what the user fills in).
 */
export function availableActions(input: AvailableActionsInput): ActionName[] {
  if (!actorSeesCase(input.actor)) return [];
  return actionsFor(input.actor, enabledActions(input.facts, input.processVersion));
}

const PROBE_ACTOR: ActorFacts = { userId: "", role: "secretariat", inScope: true, isAssignedReviewer: false };
const PROBE_WORLD: WorldFacts = { today: "", users: {} };

/**
 * The roles that must act next (task lists, reminders). If an action that moves the case on is possible,
 * the roles responsible for those actions; otherwise those responsible for the work within the step
 * (e.g. drafting the application, assigning reviewers). Empty for a final state.
 */
export function nextActors(facts: CaseFacts, processVersion: number = CERTIFICATION_PROCESS_VERSION): Role[] {
  if (isFinalState(facts.state)) return [];
  const snapshot = restore(getCertificationProcess(processVersion), facts);
  const enabled = getNextTransitions(snapshot).filter((t) => {
    if (!isActionName(t.eventType) || ACTION_RESPONSIBLE[t.eventType].length === 0) return false;
    const name = guardNameOf(t.guard);
    const event = probeEvent(t.eventType, PROBE_ACTOR, PROBE_WORLD);
    return !name || passes((RULES[name] as Rule)(snapshot.context, event));
  });
  const forward = enabled.filter((t) => (t.target ?? []).some((node) => node.key !== facts.state));
  const roles = new Set(
    (forward.length > 0 ? forward : enabled).flatMap((t) => ACTION_RESPONSIBLE[t.eventType as ActionName]),
  );
  return ROLES.filter((role) => roles.has(role));
}

/** The deadline currently running, if any (at most one is open at a time). */
export function openDeadline(facts: CaseFacts): { deadline: DeadlineKind; dueDate: IsoDate } | null {
  if (isFinalState(facts.state)) return null;
  const record = normalizeCaseRecord(facts.record);
  const [kind] = openDeadlineKinds(record);
  return kind ? { deadline: kind, dueDate: (record.deadlines[kind] as DeadlineRecord).dueDate } : null;
}

/**
 * The date of the case's coming review visit: the planned date while the case is at the visit step (planned and
 * not yet held), otherwise none. Kept as a column at each transition, so the dashboard reads coming visits from an
 * index in date order.
 */
export function plannedVisitDate(facts: CaseFacts): IsoDate | null {
  if (facts.state !== "visit") return null;
  return normalizeCaseRecord(facts.record).visitPlan?.plannedDate ?? null;
}

/** A new case of the given kind: its first state (decisionPrep for decertification) and an empty record. */
export function startCase(input: {
  kind: CaseKind;
  criteriaNumbers: number[];
  processVersion?: number;
}): CaseFacts {
  const machine = getCertificationProcess(input.processVersion ?? CERTIFICATION_PROCESS_VERSION);
  const [snapshot] = initialTransition(machine, { kind: input.kind, criteriaNumbers: input.criteriaNumbers });
  return {
    kind: input.kind,
    state: snapshot.value as CaseState,
    criteriaNumbers: [...input.criteriaNumbers],
    record: snapshot.context.record,
  };
}
