import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../../config";
import type { DB } from "../../db/connect";
import { assertArchivable, writeArchivePackage } from "./archive";
import { verifyArchivePackage } from "./archive-verify";
import { filesRoot } from "./settings";
import { FsBlobStorage } from "./storage";
import { recordArchivePackage } from "./use-cases";

/** `npm run spelplan -- archive:build <caseId|diarienummer> <ut.zip>` and `archive:verify <fil.zip>`. */

export const ARCHIVE_HELP = `  archive:build <ärende-id|diarienummer> <ut.zip>
                                  skapar arkivpaketet (E-ARK SIP, ZIP) för ett avslutat ärende
  archive:verify <fil.zip>        kontrollerar ett arkivpakets kontrollsummor och loggens hashkedjor`;

export async function archiveBuildCommand(db: DB, config: Config, args: string[]): Promise<number> {
  const [ref, out] = args;
  if (!ref || !out) {
    console.error(
      "Ange ärendets id eller diarienummer och filen att skriva: archive:build <ärende> <ut.zip>",
    );
    return 2;
  }
  const row = await db
    .selectFrom("cases")
    .select(["id", "registration_number"])
    .where((eb) => eb.or([eb("id", "=", ref), eb("registration_number", "=", ref)]))
    .executeTakeFirst();
  if (!row) {
    console.error(`Hittar inget ärende ${ref}.`);
    return 1;
  }
  const storage = new FsBlobStorage(filesRoot(config.dataDir));
  await assertArchivable(db, storage, row.id);
  const now = new Date();
  await db
    .transaction()
    .execute((tx) =>
      recordArchivePackage(
        { db: tx, actor: null, now, newId: randomUUID, meta: { userAgent: "spelplan cli" } },
        row.id,
      ),
    );
  const target = path.resolve(out);
  const tmp = `${target}.${randomUUID().slice(0, 8)}.part`;
  try {
    const summary = await writeArchivePackage(
      db,
      storage,
      row.id,
      now,
      createWriteStream(tmp, { flags: "wx" }),
    );
    await rename(tmp, target);
    console.log(
      `Skrev arkivpaketet för ${summary.registrationNumber} till ${target}: ${summary.files} filer, ${summary.documents} dokument.`,
    );
    return 0;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function archiveVerifyCommand(args: string[]): Promise<number> {
  const [file] = args;
  if (!file) {
    console.error("Ange arkivpaketet: archive:verify <fil.zip>");
    return 2;
  }
  const result = await verifyArchivePackage(path.resolve(file));
  for (const p of result.problems) console.log(`FEL: ${p}`);
  if (result.ok) {
    console.log(
      `Arkivpaketet är helt: ${result.files} filer stämmer med manifest och METS, ${result.events} händelser i obrutna hashkedjor.`,
    );
    return 0;
  }
  console.log(`Arkivpaketet är INTE helt: ${result.problems.length} fel.`);
  return 1;
}
