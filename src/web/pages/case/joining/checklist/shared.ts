import type { JoiningRecord } from "../../../../../domain/joining/machine";
import type { CaseDetail, RegionDetail } from "../../../../../shared/dto";

/** What every form of the joining checklist gets: the case and its region. */
export type FormProps = { c: CaseDetail; region: RegionDetail };

export function conditionsOf(c: CaseDetail) {
  return (c.record as JoiningRecord).conditions;
}

export function parties(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}
