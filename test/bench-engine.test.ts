/**
 * The benchmark's engine peer walks whole certification cases through the real use cases: it must keep working as
 * the rules change (D2 made it fail once, unseen until a bench run). Not a timing: it only has to complete cases.
 */
import { expect, it } from "vitest";
import { spelplanInstances } from "../bench/engine";

it("walks full certification cases through performCaseAction, the board deciding on the meeting's day", async () => {
  const run = await spelplanInstances({ seconds: 0.5, warmup: 1 });
  expect(run.instances.count).toBeGreaterThan(0);
  // Every instance took every action of the path.
  expect(run.actions.count % run.instances.count).toBe(0);
  expect(run.actions.count / run.instances.count).toBeGreaterThan(15);
}, 60_000);
