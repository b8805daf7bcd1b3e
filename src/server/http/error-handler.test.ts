import { NoResultError, type SelectQueryNode } from "kysely";
import { describe, expect, it } from "vitest";
import { render } from "./error-handler";

describe("the error handler's answers", () => {
  it("answers 404 for a row that was gone by the time it was read, not 500", () => {
    const r = render(new NoResultError({ kind: "SelectQueryNode" } as SelectQueryNode));
    expect(r).toMatchObject({ status: 404, code: "request.not_found" });
    expect(r.message.sv).toContain("finns inte");
  });

  it("answers 409 for a broken constraint and 500 for the unknown", () => {
    expect(render({ code: "SQLITE_CONSTRAINT_UNIQUE" }).status).toBe(409);
    expect(render(new Error("boom")).status).toBe(500);
  });
});
