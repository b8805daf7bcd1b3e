import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { Principal } from "../../domain/access";
import type { Config } from "../config";
import type { Ctx } from "../context";
import type { DB } from "../db/connect";
import { transact } from "../db/group-commit";
import type { SessionPrincipal } from "../modules/auth/sessions";
import { errors } from "./errors";

/** What the app is built from. Tests pass their own clock and database. */
export interface AppDeps {
  db: DB;
  config: Config;
  clock: () => Date;
  newId: () => string;
}

export function defaultDeps(db: DB, config: Config): AppDeps {
  return { db, config, clock: () => new Date(), newId: () => randomUUID() };
}

declare module "fastify" {
  interface FastifyRequest {
    auth: SessionPrincipal | null;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

/** The logged-in principal, or 401. */
export function requireUser(req: FastifyRequest): Principal {
  if (!req.auth) throw errors.unauthenticated();
  return req.auth.principal;
}

function meta(req: FastifyRequest) {
  return { ip: req.ip, userAgent: req.headers["user-agent"]?.slice(0, 400) ?? null };
}

/** A use-case context outside a transaction, for reads. */
export function readCtx(req: FastifyRequest): Ctx {
  const { deps } = req.server;
  return {
    db: deps.db,
    actor: req.auth?.principal ?? null,
    now: deps.clock(),
    newId: deps.newId,
    meta: meta(req),
  };
}

/**
 * Runs `fn` in one transaction: the change, its log events and outbox rows commit together or not at all. On
 * SQLite, requests that arrive together share one commit (db/group-commit.ts).
 */
export function inTransaction<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const { deps } = req.server;
  return transact(deps.db, (tx) =>
    fn({
      db: tx,
      actor: req.auth?.principal ?? null,
      now: deps.clock(),
      newId: deps.newId,
      meta: meta(req),
    }),
  );
}
