import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Executor } from "../../db/connect";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../reference-data");

export function referenceFile(name: string): string {
  return path.join(ROOT, name);
}

/** Minimal CSV reader for the shipped reference files (no quoted commas in them). */
function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(referenceFile(name), "utf8").trim().split(/\r?\n/);
  const cols = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [cols[i], v.trim()])));
}

/**
 * Loads counties and municipalities (SCB codes) from reference-data/ when the tables are empty.
 * Corrects the mechanically built long names flagged in the data's README.
 */
export async function loadReferenceData(db: Executor): Promise<{ counties: number; municipalities: number }> {
  const have = await db
    .selectFrom("municipalities")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  if (Number(have?.n ?? 0) > 0) return { counties: 0, municipalities: 0 };
  const counties = readCsv("counties.csv").map((r) => ({
    code: r.county_code,
    name: r.county_name,
    short_name: r.county_name_short,
  }));
  const municipalities = readCsv("municipalities.csv").map((r) => ({
    code: r.municipality_code,
    name: longName(r.municipality_name, r.municipality_name_short),
    short_name: r.municipality_name_short,
    county_code: r.county_code,
  }));
  await db.insertInto("counties").values(counties).execute();
  for (let i = 0; i < municipalities.length; i += 100) {
    await db
      .insertInto("municipalities")
      .values(municipalities.slice(i, i + 100))
      .execute();
  }
  return { counties: counties.length, municipalities: municipalities.length };
}

/** Long names that the source built mechanically and got wrong. */
const LONG_NAME_FIXES: Record<string, string> = { Kalmar: "Kalmar kommun" };

/** "Kalixs kommun" → "Kalix kommun": a genitive -s was added to names already ending in s, x or z. */
export function longName(long: string, short: string): string {
  if (LONG_NAME_FIXES[short]) return LONG_NAME_FIXES[short];
  if (/[sxz]$/i.test(short) && long === `${short}s kommun`) return `${short} kommun`;
  return long;
}
