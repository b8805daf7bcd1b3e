import type { CriterionStatus, FollowUpOutcome, IndicatorDefinition } from "./labels";

/**
 * A certification's follow-ups year by year: per criterion the status each year, and each indicator's values as a
 * series over the years. Shown on the region page, beside a recertification's application and in the XLSX export.
 */

export interface FollowUpYearFacts {
  year: number;
  caseId: string;
  registrationNumber: string;
  state: string;
  outcome: FollowUpOutcome | null;
  statuses: Record<string, CriterionStatus>;
  indicators: Record<string, number>;
}

export interface FollowUpHistory {
  years: {
    year: number;
    caseId: string;
    registrationNumber: string;
    state: string;
    outcome: FollowUpOutcome | null;
  }[];
  criteria: { number: number; title: string; statuses: (CriterionStatus | null)[] }[];
  indicators: { key: string; label: IndicatorDefinition["label"]; values: (number | null)[] }[];
}

export function followUpHistory(
  criteria: readonly { number: number; title: string }[],
  indicators: readonly IndicatorDefinition[],
  followUps: readonly FollowUpYearFacts[],
): FollowUpHistory {
  const ordered = [...followUps].sort((a, b) => a.year - b.year);
  return {
    years: ordered.map(({ year, caseId, registrationNumber, state, outcome }) => ({
      year,
      caseId,
      registrationNumber,
      state,
      outcome,
    })),
    criteria: criteria.map((c) => ({
      number: c.number,
      title: c.title,
      statuses: ordered.map((f) => f.statuses[String(c.number)] ?? null),
    })),
    indicators: indicators.map((d) => ({
      key: d.key,
      label: d.label,
      values: ordered.map((f) => f.indicators[d.key] ?? null),
    })),
  };
}

/**
 * Each criterion's latest known status over a certification's follow-ups: this year's where the region has
 * assessed it, else the year before's. A follow-up just opened does not hide last year's risks.
 */
export function latestStatuses(
  followUps: readonly { year: number; statuses: Record<string, CriterionStatus> }[],
): Record<string, CriterionStatus> {
  const latest: Record<string, CriterionStatus> = {};
  for (const f of [...followUps].sort((a, b) => a.year - b.year)) Object.assign(latest, f.statuses);
  return latest;
}

/** A certification is at risk while a criterion's latest known status is "at risk" or "not met". */
export function certificationAtRisk(
  followUps: readonly { year: number; statuses: Record<string, CriterionStatus> }[],
): boolean {
  return Object.values(latestStatuses(followUps)).some((s) => s === "atRisk" || s === "notMet");
}
