/**
 * Reads, once before a scale's scenarios, every page of the tables the read scenarios (a)–(d) touch and of their
 * indexes, so that the operating system's page cache holds them as it does on a server that has been running for a
 * while. Without it the first scale after a generation measures the disk: the generator's writes (35 GB at
 * 1,000,000 cases, more than this machine's memory) leave the cache holding whatever was written last.
 * The event log (the bulk of the file), the outbox and the notifications are left out: the read scenarios do not
 * read them. Document versions and the diarium are read (the case page shows each document's current version and
 * diarium number; until session 5 they were left out, and the first pass of (a) after a generation read them
 * from the disk).
 */
import path from "node:path";
import SQLite from "better-sqlite3";

/** Tables the read scenarios never read (and that make up most of the file). */
const NOT_READ = new Set(["events", "outbox", "notifications"]);

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function warmPageCache(dataDir: string): { seconds: number; tables: number; indexes: number } {
  const started = performance.now();
  const db = new SQLite(path.join(dataDir, "spelplan.sqlite"), { readonly: true, fileMustExist: true });
  let tables = 0;
  let indexes = 0;
  try {
    const names = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const table of names.filter((t) => !NOT_READ.has(t))) {
      const columns = (db.prepare(`pragma table_info(${ident(table)})`).all() as { name: string }[]).map(
        (c) => `coalesce(length(${ident(c.name)}), 0)`,
      );
      // NOT INDEXED: the table's own pages (every column, overflow pages too), not a covering index.
      db.prepare(`select sum(${columns.join(" + ")}) from ${ident(table)} not indexed`).get();
      tables += 1;
      const indexList = db.prepare(`pragma index_list(${ident(table)})`).all() as {
        name: string;
        partial: number;
      }[];
      for (const index of indexList) {
        const first = (
          db.prepare(`pragma index_info(${ident(index.name)})`).all() as { name: string | null }[]
        )[0]?.name;
        if (!first) continue;
        const definition = index.partial
          ? ((db.prepare("select sql from sqlite_master where name = ?").pluck().get(index.name) as string) ??
            "")
          : "";
        const partialWhere = /\swhere\s([\s\S]*)$/i.exec(definition)?.[1];
        try {
          db.prepare(
            `select count(*) from ${ident(table)} indexed by ${ident(index.name)} where ${ident(first)} is not null${
              partialWhere ? ` and (${partialWhere})` : ""
            }`,
          ).get();
          indexes += 1;
        } catch {
          // An index this query cannot use is left to warm up under the scenario's own warm-up.
        }
      }
    }
  } finally {
    db.close();
  }
  return { seconds: Math.round((performance.now() - started) / 100) / 10, tables, indexes };
}
