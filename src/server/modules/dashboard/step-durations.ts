import { histogramMedian, windowStartMonth } from "../../../domain/case-statistics";
import { CERTIFICATION_STEPS, type CertificationStep } from "../../../domain/certification/steps";
import type { Executor } from "../../db/connect";

/**
 * How long certification cases stay in each step: the median of the stays that ended in the current calendar
 * month and the eleven before, read from the histogram the transitions keep (`step_stay_counts`, see
 * modules/cases/statistics.ts) — a few hundred counters, however many cases there are.
 */

export interface StepDuration {
  step: CertificationStep;
  /** Median days (one decimal below ten days, whole days from there on); null when no stay ended in the window. */
  medianDays: number | null;
  /** Stays that ended in the window. */
  count: number;
}

export async function stepDurations(db: Executor, today: string): Promise<StepDuration[]> {
  const rows = await db
    .selectFrom("step_stay_counts")
    .select(["state", "bucket"])
    .select((eb) => eb.fn.sum<number>("n").as("n"))
    .where("process", "=", "certification")
    .where("month", ">=", windowStartMonth(today))
    .groupBy(["state", "bucket"])
    .execute();
  const byState = new Map<string, { bucket: number; n: number }[]>();
  for (const r of rows) {
    const list = byState.get(r.state) ?? [];
    list.push({ bucket: Number(r.bucket), n: Number(r.n) });
    byState.set(r.state, list);
  }
  return CERTIFICATION_STEPS.map((step) => {
    const counts = byState.get(step) ?? [];
    return {
      step,
      medianDays: histogramMedian(counts),
      count: counts.reduce((sum, c) => sum + c.n, 0),
    };
  });
}
