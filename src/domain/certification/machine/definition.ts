/**
 * The transition table of process B, one state per step, in one place: which actions each step accepts, under
 * which guard (rules-application, rules-review and rules-decision.ts, by phase), the record update and the
 * effects, and where it leads.
 */
import { type IsoDate, protocolDueDate, responseDueDate } from "../deadlines";
import { type CaseRecord, type DeadlineRecord, emptyCaseRecord, omitKeys } from "../record";
import {
  certificationYears,
  closeDeadline,
  mergeByCriterion,
  newDeadline,
  withoutUndefined,
} from "./helpers";
import { caseWide, notify, processSetup, recordPhoneMeeting, update } from "./setup";

/** The version new cases start with. A case keeps the version it started with (see `certificationProcesses`). */
export const CERTIFICATION_PROCESS_VERSION = 1;

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
