import type { Principal } from "../domain/access";
import type { Executor } from "./db/connect";
import { errors } from "./http/errors";

/** Where a request comes from, for the log. */
export interface RequestMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * What every use case gets: the database (inside a transaction when it changes anything), who acts,
 * the time, an id generator and the request's origin. Nothing reads the clock or makes ids on its own.
 */
export interface Ctx {
  db: Executor;
  actor: Principal | null;
  now: Date;
  newId: () => string;
  meta: RequestMeta;
}

/** The acting principal of a use case (401 without one). */
export function actorOf(ctx: Ctx): Principal {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}
