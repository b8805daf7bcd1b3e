/**
 * Every simple path through the certification machine, enumerated with xstate/graph and driven through
 * `applyAction` with valid payloads: each one must reach a final state, and no state may be a dead end.
 */

import { describe, expect, it } from "vitest";
import type { SnapshotFrom } from "xstate";
import { type AdjacencyMap, getAdjacencyMap, getSimplePaths, type StatePath } from "xstate/graph";
import { type ActionName, parseActionPayload } from "./actions";
import {
  applyAction,
  availableActions,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  type CertificationEvent,
  certificationProcessV1,
  type Effect,
  startCase,
} from "./machine";
import {
  CASE_FINAL_STATES,
  CASE_STATES,
  type CaseKind,
  type CaseState,
  DECISION_OUTCOMES,
  isFinalState,
} from "./steps";
import {
  actorFor,
  actorWithRole,
  type PathOptions,
  TEST_CRITERIA,
  validPayloadFor,
  worldFor,
} from "./test-support";

type Snapshot = SnapshotFrom<typeof certificationProcessV1>;
type Path = StatePath<Snapshot, CertificationEvent>;

function factsOf(snapshot: Snapshot): CaseFacts {
  const { kind, criteriaNumbers, record } = snapshot.context;
  return { kind, criteriaNumbers, record, state: snapshot.value as CaseState };
}

/** The options that make validPayloadFor produce this event's payload again (only the outcome varies). */
function optionsOf(event: CertificationEvent): PathOptions {
  return event.type === "recordDecision" ? { decisionOutcome: event.payload.outcome } : {};
}

/** Every action the secretariat may take in this state, with a valid payload (all three decision outcomes). */
function eventsFor(snapshot: Snapshot): CertificationEvent[] {
  if (snapshot.status !== "active") return [];
  const facts = factsOf(snapshot);
  const actor = actorWithRole("secretariat", facts);
  const world = worldFor(facts);
  const actions = availableActions({ processVersion: CERTIFICATION_PROCESS_VERSION, facts, actor, world });
  return actions.flatMap((action) =>
    (action === "recordDecision"
      ? DECISION_OUTCOMES.map((decisionOutcome) => ({ decisionOutcome }))
      : [{}]
    ).map((options: PathOptions) => {
      const parsed = parseActionPayload(action, validPayloadFor(action, facts, options));
      if (!parsed.ok) throw new Error(`invalid test payload for ${action}: ${JSON.stringify(parsed.issues)}`);
      return { type: action, payload: parsed.payload, actor, world } as CertificationEvent;
    }),
  );
}

/**
 * A vertex is the state plus what the record holds (which parts are filled in, the decision's outcome,
 * whether phone meetings, earlier rounds and postponements exist), so repeating an action that adds
 * nothing new does not count as progress and the graph stays finite.
 */
function serializeState(snapshot: Snapshot): string {
  let key = serialized.get(snapshot);
  if (key === undefined) {
    key = vertexKey(snapshot);
    serialized.set(snapshot, key);
  }
  return key;
}

const serialized = new WeakMap<Snapshot, string>();

function vertexKey(snapshot: Snapshot): string {
  const { record } = snapshot.context;
  const { phoneMeetings, deadlines, previousRounds, ...parts } = record;
  return JSON.stringify({
    state: snapshot.value,
    parts: Object.keys(parts).sort(),
    outcome: record.decision?.outcome,
    phoneMeetings: phoneMeetings.length > 0,
    previousRounds: previousRounds.length > 0,
    deadlines: Object.entries(deadlines).map(([kind, d]) => [
      kind,
      d?.closedOn !== undefined,
      (d?.postponements.length ?? 0) > 0,
    ]),
  });
}

function serializeEvent(event: CertificationEvent): string {
  return event.type === "recordDecision" ? `${event.type}:${event.payload.outcome}` : event.type;
}

const traversals = new Map<CaseKind, ReturnType<typeof computeTraversal>>();

function traverse(kind: CaseKind) {
  let result = traversals.get(kind);
  if (!result) {
    result = computeTraversal(kind);
    traversals.set(kind, result);
  }
  return result;
}

function computeTraversal(kind: CaseKind) {
  const options = {
    input: { kind, criteriaNumbers: TEST_CRITERIA },
    events: eventsFor,
    serializeState,
    serializeEvent,
    limit: 5_000,
  };
  const adjacency: AdjacencyMap<Snapshot, CertificationEvent> = getAdjacencyMap(
    certificationProcessV1,
    options,
  );
  const paths: Path[] = getSimplePaths(certificationProcessV1, {
    ...options,
    toState: (snapshot) => snapshot.status === "done",
  });
  return { adjacency, paths };
}

/** The events of a path; its first step is the initial state ("xstate.init"). */
function eventsOf(path: Path): CertificationEvent[] {
  return path.steps.slice(1).map((step) => step.event);
}

function describePath(path: Path): string {
  return eventsOf(path).map(serializeEvent).join(" → ");
}

/** One action through applyAction with the actor the handbook names and a freshly built valid payload. */
function step(facts: CaseFacts, event: CertificationEvent): { facts: CaseFacts; effects: Effect[] } {
  const options = optionsOf(event);
  const action: ActionName = event.type;
  const result = applyAction({
    processVersion: CERTIFICATION_PROCESS_VERSION,
    facts,
    actor: actorFor(action, facts, options),
    world: worldFor(facts, options),
    action,
    payload: validPayloadFor(action, facts, options),
  });
  if (!result.ok) {
    throw new Error(`${action} in ${facts.state}: ${result.code} ${JSON.stringify(result.details)}`);
  }
  return { facts: { ...facts, state: result.state, record: result.record }, effects: result.effects };
}

/** Drives one path through applyAction, checking each state against the machine's. */
function replay(kind: CaseKind, path: Path): { facts: CaseFacts; effects: Effect[][] } {
  let facts = startCase({ kind, criteriaNumbers: TEST_CRITERIA });
  expect(facts.state).toBe(path.steps[0].state.value);
  const effects: Effect[][] = [];
  for (const { event, state } of path.steps.slice(1)) {
    const next = step(facts, event);
    expect(next.facts.state, describePath(path)).toBe(state.value);
    facts = next.facts;
    effects.push(next.effects);
  }
  return { facts, effects };
}

type Trie = {
  paths: Path[];
  children: Map<string, { event: CertificationEvent; state: unknown; trie: Trie }>;
};

/**
 * Drives every path through applyAction. The paths share long prefixes, so they are merged into a trie
 * and each shared prefix is driven once (applyAction is pure, so this is the same as driving each path).
 * Returns the final facts of every path.
 */
function replayAll(kind: CaseKind, paths: Path[]): { path: Path; facts: CaseFacts }[] {
  const root: Trie = { paths: [], children: new Map() };
  for (const path of paths) {
    let node = root;
    for (const { event, state } of path.steps.slice(1)) {
      const key = serializeEvent(event);
      let child = node.children.get(key);
      if (!child) {
        child = { event, state: state.value, trie: { paths: [], children: new Map() } };
        node.children.set(key, child);
      }
      node = child.trie;
    }
    node.paths.push(path);
  }
  const results: { path: Path; facts: CaseFacts }[] = [];
  const visit = (node: Trie, facts: CaseFacts, trail: string[]) => {
    for (const path of node.paths) results.push({ path, facts });
    for (const [key, child] of node.children) {
      const next = step(facts, child.event).facts;
      if (next.state !== child.state) {
        throw new Error(
          `${[...trail, key].join(" → ")}: applyAction gave ${next.state}, the machine ${child.state}`,
        );
      }
      visit(child.trie, next, [...trail, key]);
    }
  };
  visit(root, startCase({ kind, criteriaNumbers: TEST_CRITERIA }), []);
  return results;
}

/** Vertices from which no final state can be reached. */
function deadEnds(adjacency: AdjacencyMap<Snapshot, CertificationEvent>): string[] {
  const vertices = Object.entries(adjacency);
  const canFinish = new Set(
    vertices.filter(([, vertex]) => vertex.state.status === "done").map(([key]) => key),
  );
  let grew = true;
  while (grew) {
    grew = false;
    for (const [key, vertex] of vertices) {
      if (canFinish.has(key)) continue;
      if (
        (Object.values(vertex.transitions) as { state: Snapshot }[]).some((t) =>
          canFinish.has(serializeState(t.state)),
        )
      ) {
        canFinish.add(key);
        grew = true;
      }
    }
  }
  return Object.keys(adjacency).filter((key) => !canFinish.has(key));
}

describe.each(["newRegion", "decertification"] as const)("every path of a %s case", (kind) => {
  const { adjacency, paths } = traverse(kind);
  const vertices = Object.values(adjacency).map((v) => v.state);

  it("reaches every step the kind goes through and every final state", () => {
    const reached = new Set(vertices.map((s) => s.value));
    const expected =
      kind === "decertification"
        ? ["decisionPrep", "decision", "response", ...CASE_FINAL_STATES]
        : CASE_STATES;
    expect([...reached].sort()).toEqual([...expected].sort());
  });

  it("has no dead end: a final state can be reached from every state", () => {
    expect(deadEnds(adjacency)).toEqual([]);
  });

  it("reaches a final state along every simple path, driven through applyAction", () => {
    expect(paths.length).toBeGreaterThan(kind === "decertification" ? 10 : 1000);
    const results = replayAll(kind, paths);
    expect(results).toHaveLength(paths.length);
    for (const { path, facts } of results) {
      expect(isFinalState(facts.state), describePath(path)).toBe(true);
      expect(facts.state).toBe(path.state.value);
    }
    expect([...new Set(results.map((r) => r.facts.state))].sort()).toEqual([...CASE_FINAL_STATES].sort());
  });
});

describe("paths of note", () => {
  const { paths } = traverse("newRegion");
  const find = (pattern: RegExp) => {
    const path = paths.find((p) => pattern.test(describePath(p)));
    if (!path) throw new Error(`no path matches ${pattern}`);
    return path;
  };

  it("a postponed decision returns to the response step, and the next decision approves", () => {
    const path = find(
      /recordDecision:postponed → sendDecision → submitResponse → recordDecisionBasis → placeOnAgenda → recordDecision:approved → sendDecision → recordCeremony$/,
    );
    const { facts, effects } = replay("newRegion", path);
    expect(facts.state).toBe("closed");
    const states = path.steps.map((s) => s.state.value);
    expect(states.slice(-8)).toEqual([
      "decision",
      "response",
      "decisionPrep",
      "decisionPrep",
      "decision",
      "decision",
      "ceremony",
      "closed",
    ]);
    const flat = effects.flat();
    expect(flat).toContainEqual({ type: "deadlineSet", deadline: "response", dueDate: "2027-05-29" });
    expect(flat.filter((e) => e.type === "certificationGranted")).toEqual([
      { type: "certificationGranted", years: 3 },
    ]);
    expect(facts.record.previousRounds).toHaveLength(1);
    expect(facts.record.previousRounds[0].decision.outcome).toBe("postponed");
  });

  it("a granted postponement moves the open deadline and the case still closes", () => {
    const path = find(
      /saveProtocol → grantPostponement → sendProtocol → .*recordDecision:approved → sendDecision → skipCeremony$/,
    );
    const { facts, effects } = replay("newRegion", path);
    expect(facts.state).toBe("closed");
    expect(effects.flat()).toContainEqual({
      type: "deadlineSet",
      deadline: "protocol",
      dueDate: "2027-05-15",
    });
    expect(facts.record.deadlines.protocol).toMatchObject({
      dueDate: "2027-05-15",
      closedOn: "2027-03-15",
      postponements: [{ previousDueDate: "2027-04-15", newDueDate: "2027-05-15", reason: "Sjukdom." }],
    });
  });
});
