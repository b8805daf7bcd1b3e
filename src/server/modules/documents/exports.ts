import type { Writable } from "node:stream";
import type { Principal } from "../../../domain/access";
import { normalizeCaseRecord } from "../../../domain/certification/record";
import {
  CASE_KIND_LABELS,
  type CaseKind,
  type CaseState,
  DECISION_OUTCOME_LABELS,
  STATE_LABELS,
} from "../../../domain/certification/steps";
import type * as dto from "../../../shared/dto";
import { ROLE_LABELS, type Role } from "../../../shared/roles";
import type { Executor } from "../../db/connect";
import { listCases } from "../cases/case-list";
import { scoped } from "../cases/repository";
import type { ListCasesQuery } from "../cases/schemas";
import { workbookTo } from "./workbook";

/**
 * Exports: the case list (the same filters and scope as `GET /api/cases`) as CSV and XLSX, and a region's
 * certification history as CSV.
 *
 * CSV is written for Swedish Excel: UTF-8 with a byte-order mark, `;` between fields, CRLF line ends, fields
 * quoted when needed. Cells that a spreadsheet would run as a formula (starting with = + - @ or a tab) get a
 * leading apostrophe (CSV injection).
 */

export type ExportQuery = Omit<ListCasesQuery, "page" | "pageSize">;

const PAGE = 200;

/** Every case of the list, page by page through `listCases` (so the filters and scope are the list's own). */
export async function* allCases(
  db: Executor,
  p: Principal,
  q: ExportQuery,
  now: Date,
): AsyncGenerator<dto.CaseSummary> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const result = await listCases(db, p, { ...q, page, pageSize: PAGE }, now);
    for (const item of result.items) yield item;
    seen += result.items.length;
    if (result.items.length < PAGE || seen >= result.total) return;
  }
}

export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(";")}\r\n`;
}

export const CSV_BOM = "\uFEFF";

const CASE_COLUMNS: { header: string; key: string; width: number; value: (c: dto.CaseSummary) => unknown }[] =
  [
    { header: "Diarienummer", key: "registrationNumber", width: 16, value: (c) => c.registrationNumber },
    { header: "Ärende", key: "title", width: 50, value: (c) => c.title },
    { header: "Ärendetyp", key: "kind", width: 24, value: (c) => c.kindLabel.sv },
    { header: "Steg", key: "step", width: 6, value: (c) => c.stepNumber ?? "" },
    { header: "Status", key: "state", width: 30, value: (c) => c.stateLabel.sv },
    { header: "Region", key: "region", width: 30, value: (c) => c.region.name },
    {
      header: "Nästa frist",
      key: "deadline",
      width: 14,
      value: (c) => c.nextDeadline?.dueDate ?? "",
    },
    {
      header: "Försenat",
      key: "overdue",
      width: 9,
      value: (c) => (c.nextDeadline ? (c.nextDeadline.overdue ? "ja" : "nej") : ""),
    },
    {
      header: "Väntar på",
      key: "awaiting",
      width: 30,
      value: (c) => c.awaiting.map((r) => ROLE_LABELS[r as Role]?.sv ?? r).join(", "),
    },
    { header: "Öppnat", key: "createdAt", width: 12, value: (c) => c.createdAt.slice(0, 10) },
    { header: "Senast ändrat", key: "updatedAt", width: 12, value: (c) => c.updatedAt.slice(0, 10) },
  ];

/** The case list as CSV lines (header first), streamed page by page. */
export async function* casesCsv(
  db: Executor,
  p: Principal,
  q: ExportQuery,
  now: Date,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(CASE_COLUMNS.map((c) => c.header));
  for await (const c of allCases(db, p, q, now)) yield csvLine(CASE_COLUMNS.map((col) => col.value(c)));
}

/** The case list as an XLSX workbook written to `out` with exceljs' streaming writer (row by row). */
export async function writeCasesXlsx(
  db: Executor,
  p: Principal,
  q: ExportQuery,
  now: Date,
  out: Writable,
): Promise<void> {
  const wb = workbookTo(out, now);
  const ws = wb.addWorksheet("Ärenden", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = CASE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  for await (const c of allCases(db, p, q, now)) {
    ws.addRow(Object.fromEntries(CASE_COLUMNS.map((col) => [col.key, col.value(c)]))).commit();
  }
  ws.commit();
  await wb.commit();
}

const HISTORY_HEADER = [
  "Diarienummer",
  "Ärende",
  "Ärendetyp",
  "Status",
  "Öppnat",
  "Avslutat",
  "Beslut",
  "Beslutsdatum",
  "Certifiering avser",
  "Certifieringens status",
  "Giltig från",
  "Giltig till",
];

const CERT_STATUS_LABELS: Record<string, string> = {
  certified: "Certifierad",
  postponed: "Uppskjuten",
  decertified: "Avcertifierad",
  expired: "Utgången",
  superseded: "Ersatt",
};

/**
 * A region's certification history: one row per case in the caller's scope (oldest first) with its decision and
 * the certification it granted, if any.
 */
export async function* regionHistoryCsv(
  db: Executor,
  p: Principal,
  regionId: string,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(HISTORY_HEADER);
  const cases = await scoped(
    db
      .selectFrom("cases")
      .innerJoin("regions", "regions.id", "cases.region_id")
      .selectAll("cases")
      .where("cases.region_id", "=", regionId),
    p,
  )
    .orderBy("cases.reg_year")
    .orderBy("cases.reg_seq")
    .execute();
  const certs = cases.length
    ? await db
        .selectFrom("certifications")
        .selectAll()
        .where(
          "case_id",
          "in",
          cases.map((c) => c.id),
        )
        .execute()
    : [];
  const certByCase = new Map(certs.map((c) => [c.case_id, c]));
  for (const c of cases) {
    const record = normalizeCaseRecord(JSON.parse(c.record));
    const decision = record.decision ?? record.previousRounds.at(-1)?.decision;
    const cert = certByCase.get(c.id);
    yield csvLine([
      c.registration_number,
      c.title,
      CASE_KIND_LABELS[c.kind as CaseKind]?.sv ?? c.kind,
      STATE_LABELS[c.state as CaseState]?.sv ?? c.state,
      c.created_at.slice(0, 10),
      c.closed_at?.slice(0, 10) ?? "",
      decision ? DECISION_OUTCOME_LABELS[decision.outcome].sv : "",
      decision?.decidedOn ?? "",
      cert?.subject_name ?? "",
      cert ? (CERT_STATUS_LABELS[cert.status] ?? cert.status) : "",
      cert?.valid_from ?? "",
      cert?.valid_to ?? "",
    ]);
  }
}
