import type { JoiningRecord } from "../../../../../domain/joining/machine";
import type { CaseDetail, RegionDetail } from "../../../../../shared/dto";
import type { MemberKind } from "../../../../../shared/roles";
import { optional } from "../../forms/fields";

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

/** A person in a steering group (a member, or the representative in the regional one) as the checklist sends them. */
export function personPayload(p: {
  name: string;
  email: string;
  title: string;
  representsKind: MemberKind;
  representsName: string;
}) {
  return {
    name: p.name.trim(),
    email: optional(p.email),
    title: optional(p.title),
    representsKind: p.representsKind,
    representsName: p.representsName.trim(),
  };
}
