import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { indicatorsOf } from "../../src/server/modules/follow-ups/open";
import { loginAll, type Session, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeWorld } from "../support/factories";

describeEachEngine("registry API", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let s: Record<string, Session>;
  beforeAll(async () => {
    t = await freshDb(engine);
    w = await makeWorld(t.db);
    app = await testApp(t.db);
    s = await loginAll(app, w.users);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("lists only the regions in the caller's scope", async () => {
    const names = async (who: string) =>
      (await s[who].request({ url: "/api/regions" })).json().items.map((r: { name: string }) => r.name);
    expect(await names("secretariat")).toEqual(["Region A", "Region B"]);
    expect(await names("reviewer")).toEqual(["Region A", "Region B"]);
    expect(await names("regionLeadB")).toEqual(["Region B"]);
    expect(await names("localLeadA")).toEqual(["Region A"]);
    expect((await s.secretariat.request({ url: "/api/regions" })).json().actions).toEqual(["create"]);
    expect((await s.regionLeadA.request({ url: "/api/regions" })).json().actions).toEqual([]);
  });

  it("answers 404 outside the scope, 403 for readers, 200 for managers (region read and edit)", async () => {
    const expected: Record<string, [number, number]> = {
      secretariat: [200, 200],
      reviewer: [200, 403],
      board: [200, 403],
      admin: [200, 403],
      regionLeadA: [200, 200],
      regionLeadB: [404, 404],
      localLeadA: [200, 403],
    };
    for (const [who, [read, edit]] of Object.entries(expected)) {
      const got = await s[who].request({ url: `/api/regions/${w.regionA}` });
      expect(got.statusCode, `${who} read`).toBe(read);
      const version = (await s.secretariat.request({ url: `/api/regions/${w.regionA}` })).json().version;
      const res = await s[who].request({
        method: "PATCH",
        url: `/api/regions/${w.regionA}`,
        payload: { expectedVersion: version, description: `av ${who}` },
      });
      expect(res.statusCode, `${who} edit`).toBe(edit);
      if (read === 404) expect(got.body).not.toContain("Region A");
    }
  });

  it("creates a region with municipalities and returns the detail", async () => {
    const res = await s.secretariat.request({
      method: "POST",
      url: "/api/regions",
      payload: { name: "Teknikcollege Test", description: "Ny", municipalityCodes: ["2580", "2581"] },
    });
    expect(res.statusCode).toBe(201);
    expect(
      res
        .json()
        .municipalities.map((m: { code: string }) => m.code)
        .sort(),
    ).toEqual(["2580", "2581"]);
    const denied = await s.regionLeadA.request({
      method: "POST",
      url: "/api/regions",
      payload: { name: "Egen" },
    });
    expect(denied.statusCode).toBe(403);
    const dup = await s.secretariat.request({
      method: "POST",
      url: "/api/regions",
      payload: { name: "Teknikcollege Test" },
    });
    expect(dup.statusCode).toBe(409);
  });

  it("reports a stale version with 409 and the reload message", async () => {
    const region = (await s.regionLeadA.request({ url: `/api/regions/${w.regionA}` })).json();
    const first = await s.regionLeadA.request({
      method: "PATCH",
      url: `/api/regions/${w.regionA}`,
      payload: { expectedVersion: region.version, name: "Region A" },
    });
    expect(first.statusCode).toBe(200);
    const second = await s.regionLeadA.request({
      method: "PATCH",
      url: `/api/regions/${w.regionA}`,
      payload: { expectedVersion: region.version, name: "Region A" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe("region.stale_version");
  });

  it("manages providers with programmes and specialisations", async () => {
    const created = await s.localLeadA.request({
      method: "POST",
      url: "/api/providers",
      payload: {
        regionId: w.regionA,
        localCollegeId: w.collegeA,
        name: "Teknikgymnasiet",
        kind: "public",
        municipalityCode: "1496",
      },
    });
    expect(created.statusCode).toBe(201);
    const provider = created.json();
    const withProgramme = await s.localLeadA.request({
      method: "POST",
      url: `/api/providers/${provider.id}/programmes`,
      payload: { name: "Teknikprogrammet", code: "TE" },
    });
    const programmeId = withProgramme.json().programmes[0].id;
    const withSpec = await s.localLeadA.request({
      method: "POST",
      url: `/api/programmes/${programmeId}/specialisations`,
      payload: { name: "Produktionsteknik" },
    });
    expect(withSpec.json().programmes[0].specialisations[0].name).toBe("Produktionsteknik");
    // Another region's lead cannot even see it.
    expect((await s.regionLeadB.request({ url: `/api/providers/${provider.id}` })).statusCode).toBe(404);
    expect(
      (
        await s.regionLeadB.request({
          method: "POST",
          url: `/api/programmes/${programmeId}/specialisations`,
          payload: { name: "X" },
        })
      ).statusCode,
    ).toBe(404);
    // The programme refers to the provider, so the provider cannot be deleted.
    const del = await s.regionLeadA.request({ method: "DELETE", url: `/api/providers/${provider.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.code).toBe("provider.in_use");
  });

  it("edits a provider's and a company's fields, and clears one with null", async () => {
    const provider = (
      await s.localLeadA.request({
        method: "POST",
        url: "/api/providers",
        payload: {
          regionId: w.regionA,
          localCollegeId: w.collegeA,
          name: "Verkstadsskolan",
          kind: "private",
        },
      })
    ).json();
    const edited = await s.localLeadA.request({
      method: "PATCH",
      url: `/api/providers/${provider.id}`,
      payload: { expectedVersion: provider.version, name: "Verkstadsskolan AB", orgNumber: "556000-0001" },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      name: "Verkstadsskolan AB",
      orgNumber: "556000-0001",
      kind: "private",
    });
    const cleared = await s.localLeadA.request({
      method: "PATCH",
      url: `/api/providers/${provider.id}`,
      payload: { expectedVersion: edited.json().version, orgNumber: null },
    });
    expect(cleared.json()).toMatchObject({ name: "Verkstadsskolan AB", orgNumber: null });

    const company = await s.localLeadA.request({
      method: "POST",
      url: "/api/companies",
      payload: {
        regionId: w.regionA,
        localCollegeId: w.collegeA,
        name: "Gjuteriet",
        letterOfIntentOn: "2026-01-15",
      },
    });
    expect(company.statusCode, company.body).toBe(201);
    expect(company.json()).toMatchObject({
      name: "Gjuteriet",
      letterOfIntentOn: "2026-01-15",
      orgNumber: null,
    });
    const noLetter = await s.localLeadA.request({
      method: "PATCH",
      url: `/api/companies/${company.json().id}`,
      payload: { expectedVersion: company.json().version, letterOfIntentOn: null },
    });
    expect(noLetter.json()).toMatchObject({ name: "Gjuteriet", letterOfIntentOn: null });
    // Moving it to a local college of another region is refused.
    const elsewhere = await s.localLeadA.request({
      method: "PATCH",
      url: `/api/companies/${company.json().id}`,
      payload: { expectedVersion: noLetter.json().version, localCollegeId: "no-such-college" },
    });
    expect(elsewhere.statusCode).toBeGreaterThanOrEqual(400);
    expect(elsewhere.statusCode).toBeLessThan(500);
  });

  it("edits steering groups and shows the composition warning", async () => {
    const res = await s.regionLeadA.request({
      method: "POST",
      url: "/api/steering-groups",
      payload: {
        regionId: w.regionA,
        level: "local",
        localCollegeId: w.collegeA,
        name: "Lokal styrgrupp A",
        members: [
          { name: "Ordf", representsKind: "company", representsName: "AB", isChair: true },
          { name: "Kommun", representsKind: "municipality", representsName: "Skövde" },
          { name: "Skola", representsKind: "provider", representsName: "Gymnasiet" },
        ],
      },
    });
    expect(res.statusCode).toBe(201);
    const group = res.json();
    expect(group.composition).toMatchObject({ companies: 1, total: 3 });
    expect(group.composition.warnings[0].code).toBe("steeringGroup.industry_minority");
    const fixed = await s.localLeadA.request({
      method: "PUT",
      url: `/api/steering-groups/${group.id}`,
      payload: {
        expectedVersion: group.version,
        name: group.name,
        members: [
          { name: "Ordf", representsKind: "company", representsName: "AB", isChair: true },
          { name: "Två", representsKind: "company", representsName: "CD AB" },
          { name: "Kommun", representsKind: "municipality", representsName: "Skövde" },
        ],
      },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().composition.warnings).toEqual([]);
  });

  it("archives and restores with confirmation of the version", async () => {
    const lc = (
      await s.regionLeadA.request({
        method: "POST",
        url: `/api/regions/${w.regionA}/local-colleges`,
        payload: { name: "Tillfälligt" },
      })
    ).json();
    const archived = await s.regionLeadA.request({
      method: "POST",
      url: `/api/local-colleges/${lc.id}/archive`,
      payload: { expectedVersion: lc.version },
    });
    expect(archived.json()).toMatchObject({
      status: "archived",
      actions: expect.arrayContaining(["restore"]),
    });
    const deleted = await s.regionLeadA.request({ method: "DELETE", url: `/api/local-colleges/${lc.id}` });
    expect(deleted.statusCode).toBe(204);
  });

  it("serves reference data and the criteria sets", async () => {
    const municipalities = (await s.board.request({ url: "/api/municipalities" })).json();
    expect(municipalities).toHaveLength(290);
    expect(municipalities.find((m: { code: string }) => m.code === "1496")).toMatchObject({
      shortName: "Skövde",
      regionId: w.regionA,
    });
    const sets = (await s.board.request({ url: "/api/criteria-sets" })).json();
    expect(sets.map((x: { status: string; criteria: unknown[] }) => [x.status, x.criteria.length])).toEqual([
      ["active", 8],
      ["retired", 10],
    ]);
    const geo = await s.board.request({ url: "/api/geo/municipalities" });
    expect(geo.headers["content-type"]).toContain("geo+json");
    expect(JSON.parse(geo.body).features).toHaveLength(290);
  });

  it("versions criteria: a new draft, activated, retires the old one", async () => {
    const draft = await s.secretariat.request({
      method: "POST",
      url: "/api/criteria-sets",
      payload: {
        name: "Kriterier 2028",
        validFrom: "2028-01-01",
        criteria: [
          { number: 1, title: "Ett" },
          { number: 2, title: "Två" },
        ],
      },
    });
    expect(draft.json()).toMatchObject({ version: 3, status: "draft" });
    expect(
      (
        await s.regionLeadA.request({
          method: "POST",
          url: `/api/criteria-sets/${draft.json().id}/activate`,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    const active = await s.secretariat.request({
      method: "POST",
      url: `/api/criteria-sets/${draft.json().id}/activate`,
      payload: {},
    });
    expect(active.json().status).toBe("active");
    const sets = (await s.board.request({ url: "/api/criteria-sets" })).json();
    expect(sets.filter((x: { status: string }) => x.status === "active")).toHaveLength(1);
    // Without indicators of its own, a set's follow-ups report the defaults.
    expect(active.json().indicators.map((i: { key: string }) => i.key)).toContain("students");
  });

  it("lets a new criteria set name the indicators its follow-ups report, and refuses bad ones", async () => {
    const indicators = [
      { key: "apprentices", label: { sv: "Lärlingar", en: "Apprentices" } },
      { key: "students", label: { sv: "Elever", en: "Students" } },
    ];
    const created = await s.secretariat.request({
      method: "POST",
      url: "/api/criteria-sets",
      payload: {
        name: "Kriterier 2029",
        validFrom: "2029-01-01",
        criteria: [{ number: 1, title: "Ett" }],
        indicators,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().indicators).toEqual(indicators);
    // What a follow-up opened under the set reports.
    expect(await indicatorsOf(t.db, created.json().id)).toEqual(indicators);
    const events = await t.db
      .selectFrom("events")
      .select("payload")
      .where("stream_id", "=", created.json().id)
      .execute();
    expect(events.map((e) => JSON.parse(e.payload).indicators)).toEqual([indicators]);
    for (const bad of [
      [{ key: "två ord", label: { sv: "X", en: "X" } }],
      [indicators[0], indicators[0]],
      [],
    ]) {
      const res = await s.secretariat.request({
        method: "POST",
        url: "/api/criteria-sets",
        payload: {
          name: "Fel",
          validFrom: "2029-01-01",
          criteria: [{ number: 1, title: "Ett" }],
          indicators: bad,
        },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
  });
});
