import type { Writable } from "node:stream";
import { caseStateLabel } from "../../../domain/case-labels";
import {
  CRITERION_STATUS_LABELS,
  FOLLOW_UP_OUTCOME_LABELS,
  type FollowUpState,
} from "../../../domain/follow-up/labels";
import type { FollowUpRecord } from "../../../domain/follow-up/record";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { FollowUpReportData } from "../documents/pdf";
import { criteriaOfSet } from "../documents/repository";
import { workbookTo } from "../documents/workbook";

/**
 * The follow-up's exports: one follow-up as the Swedish report (the data for `followUpReportDefinition`), and a
 * region's matrix (per certification: criteria × years, then the indicators) as an XLSX workbook.
 */

/** What the follow-up report shows of a follow-up case, from its record and the criteria of its set. */
export async function followUpReportData(
  db: Executor,
  row: {
    registration_number: string;
    region_name: string;
    state: string;
    criteria_set_id: string | null;
    record: string;
  },
  now: Date,
): Promise<FollowUpReportData> {
  const record = JSON.parse(row.record) as FollowUpRecord;
  const criteria = await criteriaOfSet(db, row.criteria_set_id);
  const deadline = record.deadlines.followUp;
  return {
    registrationNumber: row.registration_number,
    regionName: row.region_name,
    subjectName: record.subjectName,
    year: record.year,
    stateLabel: caseStateLabel(row.state as FollowUpState).sv,
    openedOn: record.openedOn,
    dueDate: deadline && !deadline.closedOn ? deadline.dueDate : null,
    submittedOn: record.submissions.at(-1)?.submittedOn ?? null,
    generalPlan: record.generalPlan ?? null,
    criteria: criteria.map((c) => {
      const a = record.assessments.find((x) => x.criterionNumber === c.number);
      return {
        number: c.number,
        title: c.title,
        plan: record.plan.find((x) => x.criterionNumber === c.number)?.text ?? null,
        statusLabel: a?.status ? CRITERION_STATUS_LABELS[a.status].sv : null,
        done: a?.done ?? "",
        plannedActions: a?.plannedActions ?? [],
        contributions: record.contributions
          .filter((x) => x.criterionNumber === c.number)
          .map((x) => ({ localCollegeName: x.localCollegeName, text: x.text })),
        supplements: record.supplementRequests
          .flatMap((r) => r.items)
          .filter((x) => x.criterionNumber === c.number)
          .map((x) => ({ request: x.request, answer: x.answer ?? null })),
      };
    }),
    indicators: record.indicatorDefinitions.map((i) => ({
      label: i.label.sv,
      value: record.indicators[i.key] ?? null,
    })),
    review: record.review
      ? {
          outcomeLabel: FOLLOW_UP_OUTCOME_LABELS[record.review.outcome].sv,
          decidedOn: record.review.decidedOn,
          summary: record.review.summary ?? null,
          reason: record.review.reason ?? null,
        }
      : null,
    now,
  };
}

/** A worksheet's name: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, " ")
      .slice(0, 28)
      .trim() || "Certifiering";
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const STATUS_FILL: Record<dto.FollowUpCriterionStatus, string> = {
  onTrack: "FFD3F9D8",
  atRisk: "FFFFEC99",
  notMet: "FFFFC9C9",
};

/** The region's follow-up matrix as a workbook: one sheet per certification, the years as columns. */
export async function writeFollowUpMatrixXlsx(
  data: dto.RegionFollowUps,
  regionName: string,
  now: Date,
  out: Writable,
): Promise<void> {
  const wb = workbookTo(out, now);
  const taken = new Set<string>();
  if (data.certifications.length === 0) {
    const ws = wb.addWorksheet("Uppföljning");
    ws.addRow([`${regionName} har ingen certifiering med årlig uppföljning.`]).commit();
    ws.commit();
  }
  for (const cert of data.certifications) {
    const { years, criteria, indicators } = cert.history;
    const ws = wb.addWorksheet(sheetName(cert.subjectName, taken), {
      views: [{ state: "frozen", xSplit: 2, ySplit: 4 }],
    });
    ws.columns = [{ width: 6 }, { width: 48 }, ...years.map(() => ({ width: 16 }))];
    ws.addRow([`${regionName}: ${cert.subjectName}`]).commit();
    ws.addRow([`Certifierad ${cert.validFrom} – ${cert.validTo}`]).commit();
    ws.addRow([]).commit();
    const header = ws.addRow(["Nr", "Kriterium", ...years.map((y) => y.year)]);
    header.font = { bold: true };
    header.commit();
    for (const c of criteria) {
      const row = ws.addRow([
        c.number,
        c.title,
        ...c.statuses.map((s) => (s ? CRITERION_STATUS_LABELS[s].sv : "–")),
      ]);
      c.statuses.forEach((s, i) => {
        if (s)
          row.getCell(3 + i).fill = { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_FILL[s] } };
      });
      row.commit();
    }
    const outcome = ws.addRow([
      "",
      "Kansliets bedömning",
      ...years.map((y) => (y.outcome ? FOLLOW_UP_OUTCOME_LABELS[y.outcome].sv : caseStateLabel(y.state).sv)),
    ]);
    outcome.font = { italic: true };
    outcome.commit();
    ws.addRow([]).commit();
    const head2 = ws.addRow(["", "Indikator", ...years.map((y) => y.year)]);
    head2.font = { bold: true };
    head2.commit();
    for (const i of indicators) ws.addRow(["", i.label.sv, ...i.values.map((v) => v ?? "")]).commit();
    ws.addRow([]).commit();
    ws.addRow(["", "Diarienummer", ...years.map((y) => y.registrationNumber)]).commit();
    ws.commit();
  }
  await wb.commit();
}
