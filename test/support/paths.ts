import type { SnapshotFrom } from "xstate";
import { getSimplePaths, type StatePath } from "xstate/graph";
import { type ActionName, parseActionPayload } from "../../src/domain/certification/actions";
import {
  availableActions,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  type CertificationEvent,
  certificationProcessV1,
} from "../../src/domain/certification/machine";
import type { CaseKind, CaseState } from "../../src/domain/certification/steps";
import {
  actorWithRole,
  type PathOptions,
  TEST_CRITERIA,
  validPayloadFor,
  worldFor,
} from "../../src/domain/certification/test-support";

type Snapshot = SnapshotFrom<typeof certificationProcessV1>;

/** Actions that never move a case (a phone meeting, a postponement, re-planning): left out of the path graph. */
const STATIONARY: ActionName[] = ["recordPhoneMeeting", "grantPostponement"];

function factsOf(s: Snapshot): CaseFacts {
  const { kind, criteriaNumbers, record } = s.context;
  return { kind, criteriaNumbers, record, state: s.value as CaseState };
}

function eventsFor(s: Snapshot): CertificationEvent[] {
  if (s.status !== "active") return [];
  const facts = factsOf(s);
  const actor = actorWithRole("secretariat", facts);
  const world = worldFor(facts);
  return availableActions({ processVersion: CERTIFICATION_PROCESS_VERSION, facts, actor, world })
    .filter((a) => !STATIONARY.includes(a))
    .flatMap((action) =>
      (action === "recordDecision"
        ? (["approved", "postponed", "rejected"] as const).map((decisionOutcome) => ({ decisionOutcome }))
        : [{}]
      ).map((options: PathOptions) => {
        const parsed = parseActionPayload(action, validPayloadFor(action, facts, options));
        if (!parsed.ok) throw new Error(`bad payload for ${action}`);
        return { type: action, payload: parsed.payload, actor, world } as CertificationEvent;
      }),
    );
}

/** A vertex: the state, which parts of the record are filled in, and whether a postponed round lies behind. */
function serializeState(s: Snapshot): string {
  const { phoneMeetings: _p, deadlines: _d, previousRounds, ...parts } = s.context.record;
  return JSON.stringify({
    state: s.value,
    parts: Object.keys(parts).sort(),
    rounds: previousRounds.length > 0,
    outcome: s.context.record.decision?.outcome,
  });
}

export interface PathStep {
  action: ActionName;
  options: PathOptions;
  state: CaseState;
}

/** Every simple path (xstate/graph) from a new case of the kind to a final state, as action lists. */
export function simplePaths(kind: CaseKind): PathStep[][] {
  const paths: StatePath<Snapshot, CertificationEvent>[] = getSimplePaths(certificationProcessV1, {
    input: { kind, criteriaNumbers: TEST_CRITERIA },
    events: eventsFor,
    serializeState,
    serializeEvent: (e: CertificationEvent) =>
      e.type === "recordDecision" ? `${e.type}:${e.payload.outcome}` : e.type,
    toState: (s: Snapshot) => s.status === "done",
    limit: 20_000,
  });
  return paths.map((p) =>
    p.steps.slice(1).map(({ event, state }) => ({
      action: event.type,
      options: event.type === "recordDecision" ? { decisionOutcome: event.payload.outcome } : {},
      state: state.value as CaseState,
    })),
  );
}
