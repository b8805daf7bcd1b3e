import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { listStream, verifyAllStreams } from "../src/server/modules/events/event-log";
import { deleteEntity, setStatus } from "../src/server/modules/registry/entities";
import { regionDto } from "../src/server/modules/registry/repository";
import * as uc from "../src/server/modules/registry/use-cases";
import { SYSTEM } from "../src/server/seed/demo";
import { ROLES } from "../src/shared/roles";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { inTx, makeWorld } from "./support/factories";

describeEachEngine("registry use cases", (engine) => {
  let t: TestDb;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  beforeEach(async () => {
    t = await freshDb(engine);
    w = await makeWorld(t.db);
  });
  afterEach(async () => t.close());

  it("loads all 290 municipalities and 21 counties with SCB codes", async () => {
    const m = await t.db
      .selectFrom("municipalities")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const c = await t.db
      .selectFrom("counties")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    expect(Number(m?.n)).toBe(290);
    expect(Number(c?.n)).toBe(21);
    const kalix = await t.db
      .selectFrom("municipalities")
      .selectAll()
      .where("code", "=", "2514")
      .executeTakeFirst();
    expect(kalix?.name).toBe("Kalix kommun");
  });

  it("presents a region with its municipalities, colleges and the caller's actions", async () => {
    const detail = await regionDto(t.db, w.users.regionLeadA.principal, w.regionA);
    expect(detail.municipalities.map((m) => m.shortName).sort()).toEqual(["Falköping", "Skövde"]);
    expect(detail.localColleges.map((c) => c.name)).toEqual(["College A", "College A2"]);
    expect(detail.actions).toContain("update");
    expect(detail.actions).not.toContain("delete");
  });

  it("refuses a municipality that belongs to another region, and writes nothing", async () => {
    const before = await listStream(t.db, "region", w.regionB);
    await expect(
      inTx(t.db, SYSTEM, (ctx) => uc.addMunicipalityToRegion(ctx, { regionId: w.regionB, code: "1496" })),
    ).rejects.toMatchObject({ code: "municipality.in_other_region", status: 409 });
    const row = await t.db
      .selectFrom("region_municipalities")
      .selectAll()
      .where("municipality_code", "=", "1496")
      .executeTakeFirst();
    expect(row?.region_id).toBe(w.regionA);
    expect(await listStream(t.db, "region", w.regionB)).toHaveLength(before.length);
  });

  it("rolls back a region whose municipalities cannot be added", async () => {
    await expect(
      inTx(t.db, SYSTEM, (ctx) =>
        uc.createRegion(ctx, { name: "Ny region", website: null, municipalityCodes: ["0680"] }),
      ),
    ).rejects.toMatchObject({ code: "municipality.in_other_region" });
    expect(await t.db.selectFrom("regions").select("id").where("name", "=", "Ny region").execute()).toEqual(
      [],
    );
  });

  it("updates with optimistic concurrency and logs each change", async () => {
    const lead = w.users.regionLeadA.principal;
    const v = (await regionDto(t.db, lead, w.regionA)).version;
    await inTx(t.db, lead, (ctx) =>
      uc.updateRegion(ctx, w.regionA, { expectedVersion: v, description: "Ny text" }),
    );
    await expect(
      inTx(t.db, lead, (ctx) =>
        uc.updateRegion(ctx, w.regionA, { expectedVersion: v, description: "Krock" }),
      ),
    ).rejects.toMatchObject({ code: "region.stale_version", status: 409 });
    const detail = await regionDto(t.db, lead, w.regionA);
    expect(detail.description).toBe("Ny text");
    expect(detail.version).toBe(v + 1);
    const events = await listStream(t.db, "region", w.regionA);
    const last = events[events.length - 1];
    expect(last.type).toBe("region.updated");
    expect(last.actor_id).toBe(lead.id);
    expect(JSON.parse(last.payload)).toMatchObject({ description: "Ny text" });
  });

  it("hides other regions (404) and forbids readers to edit (403)", async () => {
    await expect(
      inTx(t.db, w.users.regionLeadB.principal, (ctx) =>
        uc.updateRegion(ctx, w.regionA, { expectedVersion: 1, name: "x" }),
      ),
    ).rejects.toMatchObject({ status: 404, code: "region.not_found" });
    await expect(
      inTx(t.db, w.users.reviewer.principal, (ctx) =>
        uc.updateRegion(ctx, w.regionA, { expectedVersion: 1, name: "x" }),
      ),
    ).rejects.toMatchObject({ status: 403, code: "region.forbidden" });
  });

  it("keeps a localLead to their own local college", async () => {
    const lead = w.users.localLeadA.principal;
    const own = await inTx(t.db, lead, (ctx) =>
      uc.createProvider(ctx, {
        regionId: w.regionA,
        localCollegeId: w.collegeA,
        name: "Egen skola",
        kind: "public",
        orgNumber: null,
      }),
    );
    expect(own).toBeTruthy();
    await expect(
      inTx(t.db, lead, (ctx) =>
        uc.createProvider(ctx, {
          regionId: w.regionA,
          localCollegeId: w.collegeA2,
          name: "Annans",
          kind: "public",
          orgNumber: null,
        }),
      ),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      inTx(t.db, lead, (ctx) => uc.createLocalCollege(ctx, w.regionA, { name: "Nytt" })),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("records steering groups with the composition warning", async () => {
    const id = await inTx(t.db, w.users.regionLeadA.principal, (ctx) =>
      uc.createSteeringGroup(ctx, {
        regionId: w.regionA,
        level: "regional",
        name: "Regional styrgrupp",
        members: [
          { name: "A", representsKind: "municipality", representsName: "Skövde kommun", isChair: true },
          { name: "B", representsKind: "company", representsName: "Verkstad AB", isChair: false },
        ],
      }),
    );
    const detail = await regionDto(t.db, SYSTEM, w.regionA);
    const group = detail.steeringGroups.find((g) => g.id === id);
    expect(group?.members.map((m) => m.name)).toEqual(["A", "B"]);
    expect(group?.composition.warnings.map((x) => x.code)).toEqual([
      "steeringGroup.industry_minority",
      "steeringGroup.chair_not_industry",
    ]);
    await expect(
      inTx(t.db, SYSTEM, (ctx) =>
        uc.createSteeringGroup(ctx, { regionId: w.regionA, level: "local", name: "X", members: [] }),
      ),
    ).rejects.toMatchObject({ code: "steeringGroup.local_college_required", status: 422 });
  });

  it("records agreements with addenda (hängavtal)", async () => {
    const agreementId = await inTx(t.db, SYSTEM, (ctx) =>
      uc.createAgreement(ctx, {
        regionId: w.regionA,
        title: "Samverkansavtal",
        validFrom: "2027-01-01",
        validTo: "2029-12-31",
      }),
    );
    await inTx(t.db, SYSTEM, (ctx) =>
      uc.addAddendum(ctx, agreementId, {
        partyKind: "municipality",
        partyId: "1472",
        signedOn: "2027-05-01",
      }),
    );
    const detail = await regionDto(t.db, SYSTEM, w.regionA);
    expect(detail.agreements[0].addenda).toMatchObject([{ partyName: "Tibro", signedOn: "2027-05-01" }]);
    await expect(
      inTx(t.db, SYSTEM, (ctx) =>
        uc.updateAgreement(ctx, agreementId, { expectedVersion: 2, validTo: "2020-01-01" }),
      ),
    ).rejects.toMatchObject({ code: "agreement.period_invalid" });
  });

  it("deletes only what nothing refers to; archives otherwise", async () => {
    await expect(inTx(t.db, SYSTEM, (ctx) => deleteEntity(ctx, "region", w.regionA))).rejects.toMatchObject({
      code: "region.in_use",
      status: 409,
    });
    const fresh = await inTx(t.db, SYSTEM, (ctx) =>
      uc.createRegion(ctx, { name: "Tom region", website: null }),
    );
    await inTx(t.db, SYSTEM, (ctx) => deleteEntity(ctx, "region", fresh));
    expect(await t.db.selectFrom("regions").select("id").where("id", "=", fresh).execute()).toEqual([]);
    const v = (await regionDto(t.db, SYSTEM, w.regionA)).version;
    await inTx(t.db, SYSTEM, (ctx) => setStatus(ctx, "region", w.regionA, v, "archived"));
    expect((await regionDto(t.db, SYSTEM, w.regionA)).status).toBe("archived");
  });

  it("keeps every stream's hash chain intact, and the log cannot be edited in place", async () => {
    const report = await verifyAllStreams(t.db);
    expect(report.events).toBeGreaterThan(5);
    expect(report.broken).toEqual([]);
    await expect(sql`update events set payload = '{}'`.execute(t.db)).rejects.toThrow();
    await expect(sql`delete from events`.execute(t.db)).rejects.toThrow();
  });

  it("detects a tampered event once the database's guard is bypassed", async () => {
    const ev = (await listStream(t.db, "region", w.regionA))[0];
    if (engine === "postgres") {
      await sql`alter table events disable trigger events_no_update`.execute(t.db);
    } else {
      await sql`drop trigger events_no_update`.execute(t.db);
    }
    await sql`update events set payload = ${'{"name":"Förfalskad"}'} where id = ${ev.id}`.execute(t.db);
    const report = await verifyAllStreams(t.db);
    expect(report.broken).toEqual([
      { streamType: "region", streamId: w.regionA, problems: [{ seq: 1, problem: "hash_mismatch" }] },
    ]);
  });

  it("accepts exactly the domain's roles in the database", async () => {
    for (const role of ROLES) {
      await t.db.updateTable("users").set({ role }).where("id", "=", w.users.board.id).execute();
    }
    await expect(
      t.db.updateTable("users").set({ role: "superuser" }).where("id", "=", w.users.board.id).execute(),
    ).rejects.toThrow();
  });
});
