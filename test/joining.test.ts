import { afterEach, beforeEach, expect, it } from "vitest";
import type { Principal } from "../src/domain/access";
import { JOINING_ACTION_NAMES } from "../src/domain/joining/actions";
import { type JoiningPayloadOptions, joiningPayloadFor } from "../src/domain/joining/test-support";
import { openJoiningCase } from "../src/server/modules/cases/joining";
import { joiningFactsOf } from "../src/server/modules/cases/processes";
import { findCaseForPrincipal, presentCase } from "../src/server/modules/cases/repository";
import type { JoiningCaseInput } from "../src/server/modules/cases/schemas";
import { performCaseAction } from "../src/server/modules/cases/use-cases";
import { verifyAllStreams } from "../src/server/modules/events/event-log";
import { regionDto } from "../src/server/modules/registry/repository";
import * as registry from "../src/server/modules/registry/use-cases";
import { SYSTEM } from "../src/server/seed/demo";
import type { CaseDetail } from "../src/shared/dto";
import { describeEachEngine, freshDb, type TestDb } from "./support/db";
import { ctxFor, inTx, makeLocalCollege, makeRegion, makeUser } from "./support/factories";

describeEachEngine("joining cases (process A)", (engine) => {
  let t: TestDb;
  let regionId: string;
  let collegeId: string;
  let localGroupId: string;
  let agreementId: string;
  let lead: Principal;
  let kansli: Principal;
  const now = new Date("2027-04-01T10:00:00Z");

  beforeEach(async () => {
    t = await freshDb(engine);
    regionId = await makeRegion(t.db, "Teknikcollege Skaraborg", ["1496", "1499"]);
    collegeId = await makeLocalCollege(t.db, regionId, "Teknikcollege Skövde");
    lead = (await makeUser(t.db, "regionLead", { regionId })).principal;
    kansli = (await makeUser(t.db, "secretariat")).principal;
    await inTx(t.db, SYSTEM, (ctx) =>
      registry.createSteeringGroup(ctx, {
        regionId,
        level: "regional",
        name: "Regional styrgrupp",
        members: [
          {
            name: "Ordf",
            representsKind: "company",
            representsName: "AB",
            isChair: true,
            email: null,
            title: null,
          },
        ],
      }),
    );
    localGroupId = await inTx(t.db, SYSTEM, (ctx) =>
      registry.createSteeringGroup(ctx, {
        regionId,
        level: "local",
        localCollegeId: collegeId,
        name: "Lokal styrgrupp Skövde",
        members: [],
      }),
    );
    agreementId = await inTx(t.db, SYSTEM, (ctx) =>
      registry.createAgreement(ctx, {
        regionId,
        title: "Samverkansavtal",
        validFrom: "2025-01-01",
        validTo: null,
        signedOn: null,
      }),
    );
  });
  afterEach(async () => t.close());

  const start = { agreedOn: "2027-03-15", minutesReference: "RS 2027-03 §7" };

  /** Opens a joining case into the region, as its process lead unless `as` says (no provider to certify unless asked). */
  function openCase(
    input: Omit<JoiningCaseInput, "kind" | "regionId" | "steeringGroupAgreement" | "certifyProvider"> & {
      certifyProvider?: boolean;
    },
    as: Principal = lead,
  ) {
    return inTx(t.db, as, (ctx) =>
      openJoiningCase(
        { ...ctx, now },
        { kind: "joining", regionId, certifyProvider: false, steeringGroupAgreement: start, ...input },
      ),
    );
  }

  async function load(id: string, as: Principal = kansli): Promise<CaseDetail> {
    return presentCase(t.db, as, (await findCaseForPrincipal(t.db, as, id))!, now);
  }

  async function run(id: string, actions: string[], opts: JoiningPayloadOptions = {}, as = lead) {
    for (const action of actions) {
      const row = await t.db.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const payload = joiningPayloadFor(action, joiningFactsOf(row), { today: "2027-04-01", ...opts });
      await t.db.transaction().execute((tx) =>
        performCaseAction(ctxFor(tx, as, now), {
          caseId: id,
          action,
          payload,
          expectedVersion: row.version,
        }),
      );
    }
    return load(id);
  }

  const ITEMS = [
    "completeAnchoring",
    "completeLocalSteeringGroup",
    "completeRegionalRepresentation",
    "completeAgreement",
    "completePoliticalDecision",
  ];

  it("brings a municipality with its own provider in: new local college and group, addendum, representative", async () => {
    const id = await openCase({ municipalityCode: "1497", hasOwnProvider: true });
    let c = await load(id);
    expect(c).toMatchObject({
      kind: "joining",
      state: "open",
      title: "Anslutning: Hjo till Teknikcollege Skaraborg",
    });
    expect(c.checklist?.map((i) => [i.item, i.status])).toEqual([
      ["anchoring", "open"],
      ["localSteeringGroup", "open"],
      ["regionalRepresentation", "open"],
      ["agreement", "open"],
      ["politicalDecision", "open"],
      ["noProviderBranch", "notApplicable"],
      ["certificationStart", "notApplicable"],
      ["qualityPlan", "open"],
    ]);
    c = await run(id, [...ITEMS, "completeQualityPlan"], { agreementId });
    expect(c.actions).toContain("completeJoining");
    expect(c.checklist?.find((i) => i.item === "anchoring")?.entry).toMatchObject({
      completedBy: lead.id,
      completedByRole: "regionLead",
    });
    c = await run(id, ["completeJoining"], { agreementId });
    expect(c.state).toBe("completed");

    const region = await regionDto(t.db, kansli, regionId);
    const hjo = region.municipalities.find((m) => m.code === "1497");
    const college = region.localColleges.find((lc) => lc.name === "Teknikcollege Hjo");
    expect(college).toBeTruthy();
    expect(hjo?.localCollegeId).toBe(college?.id);
    expect(region.steeringGroups.find((g) => g.name === "Lokal styrgrupp Hjo")?.members).toHaveLength(3);
    expect(region.steeringGroups.find((g) => g.level === "regional")?.members.map((m) => m.name)).toEqual([
      "Ordf",
      "Kim Kommun",
    ]);
    expect(region.agreements[0].addenda).toMatchObject([
      { partyKind: "municipality", partyId: "1497", partyName: "Hjo" },
    ]);
    expect((await verifyAllStreams(t.db)).broken).toEqual([]);
  });

  it("has a municipality without its own provider write a cooperation agreement and join an existing group", async () => {
    const id = await openCase({ municipalityCode: "1497", hasOwnProvider: false });
    let c = await run(id, [...ITEMS, "completeQualityPlan"], {
      steeringGroupId: localGroupId,
      newLocalSteeringGroup: false,
      updatedAgreement: true,
    });
    expect(c.actions).not.toContain("completeJoining");
    const refused = await t.db.transaction().execute((tx) =>
      performCaseAction(ctxFor(tx, lead, now), {
        caseId: id,
        action: "completeJoining",
        payload: {},
        expectedVersion: c.version,
      }).catch((e) => e),
    );
    expect(refused).toMatchObject({ status: 422, code: "case.precondition_failed" });
    c = await run(id, ["completeNoProviderAgreement", "completeJoining"]);
    expect(c.state).toBe("completed");
    const log = await t.db
      .selectFrom("events")
      .select("payload")
      .where("stream_id", "=", id)
      .where("type", "=", "case.completeNoProviderAgreement")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(log.payload).effects).toEqual([
      { type: "notify", audience: "secretariat", template: "noProviderAgreement" },
    ]);
    const region = await regionDto(t.db, kansli, regionId);
    expect(region.municipalities.find((m) => m.code === "1497")?.localCollegeId).toBe(collegeId);
    expect(region.agreements.map((a) => a.title).sort()).toEqual([
      "Samverkansavtal",
      "Samverkansavtal (uppdaterat)",
    ]);
  });

  it("brings a new provider in with a linked certification case", async () => {
    const id = await openCase({
      newProvider: { name: "Hjo Tekniska Gymnasium", kind: "public", municipalityCode: "1497" },
      certifyProvider: true,
    });
    let c = await run(id, ["completeAnchoring", "startCertification"]);
    expect(c.linkedCase?.registrationNumber).toMatch(/^TC 2027\/\d{4}$/);
    const linked = await load(c.linkedCase!.id);
    expect(linked).toMatchObject({ kind: "newProvider", state: "anchoring", linkedCase: { id } });
    c = await run(
      id,
      [
        "completeLocalSteeringGroup",
        "completeRegionalRepresentation",
        "completeAgreement",
        "completePoliticalDecision",
        "completeQualityPlan",
        "completeJoining",
      ],
      { localCollegeId: collegeId, agreementId },
    );
    expect(c.state).toBe("completed");
    const provider = await t.db
      .selectFrom("education_providers")
      .selectAll()
      .where("name", "=", "Hjo Tekniska Gymnasium")
      .executeTakeFirstOrThrow();
    expect(provider).toMatchObject({ region_id: regionId, local_college_id: collegeId });
    expect((await regionDto(t.db, kansli, regionId)).agreements[0].addenda[0]).toMatchObject({
      partyKind: "provider",
      partyId: provider.id,
    });
  });

  it("skips the political decision for a private provider; reopening is the secretariat's", async () => {
    const id = await openCase({ newProvider: { name: "Friskolan AB", kind: "private" } }, kansli);
    let c = await run(
      id,
      [
        "completeAnchoring",
        "completeLocalSteeringGroup",
        "completeRegionalRepresentation",
        "completeAgreement",
        "completeQualityPlan",
        "completeJoining",
      ],
      { localCollegeId: collegeId, agreementId },
    );
    expect(c.checklist?.find((i) => i.item === "politicalDecision")?.status).toBe("notApplicable");
    expect(c.state).toBe("completed");
    await expect(run(id, ["reopenJoining"], {}, lead)).rejects.toMatchObject({ status: 403 });
    c = await run(id, ["reopenJoining"], {}, kansli);
    expect(c.state).toBe("open");
    const events = await t.db
      .selectFrom("events")
      .select("type")
      .where("stream_id", "=", id)
      .orderBy("seq")
      .execute();
    expect(events.at(-1)?.type).toBe("case.reopenJoining");
  });

  it("refuses a municipality already in a region, and names from other regions", async () => {
    await expect(openCase({ municipalityCode: "1496" })).rejects.toMatchObject({
      code: "municipality.already_member",
    });
    const other = await makeRegion(t.db, "Annan region", ["0680"]);
    const otherCollege = await makeLocalCollege(t.db, other);
    const id = await openCase({ municipalityCode: "1497" });
    await expect(
      run(id, ["completeLocalSteeringGroup"], { localCollegeId: otherCollege }),
    ).rejects.toMatchObject({ code: "joining.local_college_not_in_region" });
    const outsider = (await makeUser(t.db, "regionLead", { regionId: other })).principal;
    await expect(run(id, ["completeAnchoring"], {}, outsider)).rejects.toMatchObject({ status: 404 });
  });

  it("answers every role × action × scope as DOMAIN.md says", async () => {
    const other = await makeRegion(t.db, "Region B", ["0680"]);
    const otherCollege = await makeLocalCollege(t.db, other);
    const people: Record<string, { in?: Principal; out?: Principal }> = {
      regionLead: { in: lead, out: (await makeUser(t.db, "regionLead", { regionId: other })).principal },
      localLead: {
        in: (await makeUser(t.db, "localLead", { regionId, localCollegeId: collegeId })).principal,
        out: (await makeUser(t.db, "localLead", { regionId: other, localCollegeId: otherCollege })).principal,
      },
      reviewer: { out: (await makeUser(t.db, "reviewer")).principal },
      board: { out: (await makeUser(t.db, "board")).principal },
      admin: { out: (await makeUser(t.db, "admin")).principal },
    };
    const MAY: Record<string, string[]> = {
      completeAnchoring: ["regionLead", "localLead"],
      completeQualityPlan: ["regionLead", "localLead"],
      reopenJoining: [],
    };
    const id = await openCase({ municipalityCode: "1497", hasOwnProvider: false, certifyProvider: true });
    let tried = 0;
    for (const action of JOINING_ACTION_NAMES) {
      if (
        action === "reopenJoining" ||
        action === "completeJoining" ||
        action === "completePoliticalDecision"
      )
        continue;
      for (const [role, scopes] of Object.entries(people)) {
        for (const [scope, p] of Object.entries(scopes)) {
          if (!p) continue;
          const expected = scope === "out" ? 404 : (MAY[action] ?? ["regionLead"]).includes(role) ? 200 : 403;
          const row = await t.db
            .selectFrom("cases")
            .selectAll()
            .where("id", "=", id)
            .executeTakeFirstOrThrow();
          const payload = joiningPayloadFor(action, joiningFactsOf(row), {
            agreementId,
            localCollegeId: collegeId,
            providerId: undefined,
          } as JoiningPayloadOptions);
          const got = await t.db
            .transaction()
            .execute(async (tx) => {
              await performCaseAction(ctxFor(tx, p, now), {
                caseId: id,
                action,
                payload: action === "startCertification" ? { providerId: "none" } : payload,
                expectedVersion: row.version,
              });
              throw Object.assign(new Error("rollback"), { status: 200 });
            })
            .catch((e) => e.status);
          tried++;
          // startCertification with an unknown provider answers 404 for everyone allowed to try it.
          expect(got, `${action} ${role} ${scope}`).toBe(
            action === "startCertification" && expected === 200 ? 404 : expected,
          );
        }
      }
    }
    expect(tried).toBeGreaterThan(50);
  });
});
