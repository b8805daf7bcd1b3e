import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { isPostgres } from "./dialect";

/**
 * Queries built once and run many times. Kysely builds and compiles a query on every call, which for the hot
 * reads (the session of every request, the case page) cost as much as SQLite answering them. A prepared query is
 * built once per SQL dialect with placeholders (`p.name`) where the values go, and each call only fills in the
 * values. Only scalar values can be placeholders (not `in` lists, which expand into one parameter per item); a
 * `limit` or `offset` can be one.
 */

const NAME = Symbol("placeholder");
type Placeholder = { [NAME]: string };

function isPlaceholder(v: unknown): v is Placeholder {
  return typeof v === "object" && v !== null && NAME in v;
}

/** The placeholders handed to a query's builder: `p.id` stands for the `id` value of each call. */
type Placeholders<A> = { readonly [K in keyof A]: A[K] };

// biome-ignore lint/suspicious/noExplicitAny: runs on the database or a transaction of any schema type
type AnyDb = Kysely<any>;

export interface Prepared<A, R> {
  /** All rows. */
  all(db: AnyDb, args: A): Promise<R[]>;
  /** The first row, or undefined. */
  first(db: AnyDb, args: A): Promise<R | undefined>;
  /** The query with this call's values, as it would run (for EXPLAIN in tests). */
  compiled(db: AnyDb, args: A): CompiledQuery<R>;
}

// biome-ignore lint/suspicious/noExplicitAny: the builder gets the caller's own Kysely type
export function prepared<A extends Record<string, unknown>, R, DB = any>(
  build: (db: Kysely<DB>, p: Placeholders<A>) => Compilable<R>,
): Prepared<A, R> {
  const compiled = new Map<boolean, CompiledQuery<R>>();
  const placeholders = new Proxy({} as Placeholders<A>, {
    get: (_t, name) => ({ [NAME]: String(name) }) as never,
  });
  const compile = (db: Kysely<DB>): CompiledQuery<R> => {
    const pg = isPostgres(db);
    let q = compiled.get(pg);
    if (!q) {
      q = build(db, placeholders).compile();
      compiled.set(pg, q);
    }
    return q;
  };
  const withValues = (db: Kysely<DB>, args: A): CompiledQuery<R> => {
    const q = compile(db);
    return { ...q, parameters: q.parameters.map((v) => (isPlaceholder(v) ? args[v[NAME]] : v)) };
  };
  const run = async (db: Kysely<DB>, args: A) => (await db.executeQuery<R>(withValues(db, args))).rows;
  return {
    all: (db, args) => run(db as Kysely<DB>, args),
    first: async (db, args) => (await run(db as Kysely<DB>, args))[0],
    compiled: (db, args) => withValues(db as Kysely<DB>, args),
  };
}

/** The named fields of a placeholder object, for `values()` and `set()` (which read an object's own keys). */
export function fields<A, K extends keyof A>(a: A, names: readonly K[]): Pick<A, K> {
  return Object.fromEntries(names.map((n) => [n, a[n]])) as Pick<A, K>;
}
