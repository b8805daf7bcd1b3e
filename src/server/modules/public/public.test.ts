import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { testApp } from "../../../../test/support/app";
import { driveAsSecretariat, FULL_PATH, insertBoardMeeting } from "../../../../test/support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../../../../test/support/db";
import { inTx, makeUser, makeWorld, testClock } from "../../../../test/support/factories";
import { addCalendarDays } from "../../../domain/certification/deadlines";
import { openCertificationCase } from "../cases/use-cases";

describeEachEngine("public register of certifications", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-03-01T09:00:00Z");
    app = await testApp(t.db, clock);
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  it("lists, without login, only certifications that are certified and valid today, with no personal data", async () => {
    const world = await makeWorld(t.db);
    const reviewer2 = await makeUser(t.db, "reviewer");
    const secretariat = world.users.secretariat.principal;
    // Each certification decided at its own ordinary board meeting (D2), the case placed on it two weeks before.
    const meetingOn = (date: string) => insertBoardMeeting(t.db, { id: randomUUID(), date });
    const certify = async (regionId: string, decidedOn: string) => {
      const meeting = await meetingOn(decidedOn);
      const id = await inTx(t.db, secretariat, (ctx) =>
        openCertificationCase(
          { ...ctx, now: new Date("2024-01-01T09:00:00Z") },
          { kind: "newRegion", regionId },
        ),
      );
      const before = addCalendarDays(decidedOn, -14);
      await driveAsSecretariat(t.db, secretariat, id, FULL_PATH, {
        now: new Date(`${before}T09:00:00Z`),
        today: before,
        reviewerIds: [world.users.reviewer.id, reviewer2.id],
        secretariatIds: [secretariat.id],
        boardMeeting: meeting,
      });
    };
    await certify(world.regionA, "2024-05-20"); // valid to 2027-05-20
    await certify(world.regionB, "2024-02-01"); // valid to 2027-02-01: ended before today

    const res = await app.inject({ method: "GET", url: "/api/public/certifications" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toContain("public");
    const body = res.json();
    expect(body.asOf).toBe("2027-03-01");
    expect(body.items).toEqual([
      {
        regionId: world.regionA,
        regionName: "Region A",
        subjectKind: "region",
        subjectName: "Region A",
        validFrom: "2024-05-20",
        validTo: "2027-05-20",
      },
    ]);
    // No names of people, e-mail addresses or case data anywhere in the answer.
    expect(res.body).not.toMatch(/@|Test |caseId|registration/);

    // Decertified: gone from the register.
    await t.db.updateTable("certifications").set({ status: "decertified" }).execute();
    const after = await app.inject({ method: "GET", url: "/api/public/certifications" });
    expect(after.json().items).toEqual([]);
  });

  it("is rate limited per client", async () => {
    let last = 200;
    for (let i = 0; i < 125 && last === 200; i++) {
      last = (await app.inject({ method: "GET", url: "/api/public/certifications" })).statusCode;
    }
    expect(last).toBe(429);
  });
});
