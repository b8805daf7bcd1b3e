import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine, freshDb, type TestDb } from "../../../test/support/db";
import { makeRegion } from "../../../test/support/factories";
import { prepared } from "./prepared";
import type { Database } from "./schema";

describeEachEngine("prepared queries", (engine) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(engine);
    await makeRegion(t.db, "Region A", ["1496"]);
    await makeRegion(t.db, "Region B", ["1488"]);
  });
  afterAll(async () => t.close());

  const byName = prepared<{ name: string; limit: number }, { name: string }, Database>((db, a) =>
    db.selectFrom("regions").select("name").where("name", "=", a.name).limit(a.limit),
  );

  it("fills in each call's values, in a transaction as well, on the engine it runs on", async () => {
    expect(await byName.all(t.db, { name: "Region A", limit: 5 })).toEqual([{ name: "Region A" }]);
    expect(await byName.first(t.db, { name: "Region B", limit: 5 })).toEqual({ name: "Region B" });
    expect(await byName.first(t.db, { name: "Region B", limit: 0 })).toBeUndefined();
    expect(await byName.first(t.db, { name: "nobody", limit: 5 })).toBeUndefined();
    const inTx = await t.db.transaction().execute((tx) => byName.all(tx, { name: "Region A", limit: 1 }));
    expect(inTx).toEqual([{ name: "Region A" }]);
  });
});
