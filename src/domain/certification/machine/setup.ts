/** The machine's setup (types, guards, effect actions) and the transition pieces several steps share. */
import { setup } from "xstate";
import type { ActionName, ActionPayloads } from "../actions";
import type { IsoDate } from "../deadlines";
import type { CaseRecord, DeadlineRecord } from "../record";
import type { DeadlineKind } from "../steps";
import { closeDeadline, openDeadlineKinds } from "./helpers";
import { type GuardArgs, guards } from "./rules";
import type {
  CertificationEvent,
  EventOf,
  MachineContext,
  MachineInput,
  NotifyAudience,
  NotifyTemplate,
} from "./types";

export const noop = () => {};

export const processSetup = setup({
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
export function update<A extends ActionName>(
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

export const notify = (audience: NotifyAudience, template: NotifyTemplate) =>
  ({ type: "notify", params: { audience, template } }) as const;

/** Allowed in every step that is not final: postponing an open deadline, withdrawing the case. */
export const caseWide = {
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

export const recordPhoneMeeting = {
  actions: update("recordPhoneMeeting", (record, payload, event) => ({
    ...record,
    phoneMeetings: [...record.phoneMeetings, { ...payload, recordedOn: event.world.today }],
  })),
};
