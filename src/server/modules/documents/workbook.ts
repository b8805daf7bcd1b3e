import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { FastifyBaseLogger, FastifyReply } from "fastify";
import { contentDisposition } from "./file-names";

/** Spelplan's Excel exports: a streaming workbook, and the answer that streams one to the browser. */

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A workbook written row by row to `out` (exceljs' streaming writer), with Spelplan as its author. */
export function workbookTo(out: Writable, now: Date): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  wb.creator = "Spelplan";
  wb.created = now;
  return wb;
}

/**
 * Answers with the workbook `write` produces, streamed as it is written; a failure half-way is logged and cuts
 * the download off (the browser reports it failed) rather than sending a workbook that ends early.
 */
export function sendWorkbook(
  reply: FastifyReply,
  log: FastifyBaseLogger,
  fileName: string,
  write: (out: Writable) => Promise<void>,
): FastifyReply {
  const out = new PassThrough();
  write(out).catch((err) => {
    log.error({ err, fileName }, "xlsx export failed");
    out.destroy(err);
  });
  return reply
    .header("content-type", XLSX_TYPE)
    .header("content-disposition", contentDisposition(fileName))
    .header("cache-control", "no-store")
    .send(out);
}
