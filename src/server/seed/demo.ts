import type { Ctx } from "../context";
import type { DB } from "../db/connect";
import { appendEvent } from "../modules/events/event-log";
import type { MemberInput } from "../modules/registry/schemas";
import * as registry from "../modules/registry/use-cases";
import { createUser } from "../modules/users/use-cases";
import { CURRENT_CRITERIA, EARLIER_CRITERIA } from "./criteria";
import { loadDemoCases } from "./demo-cases";
import { loadDemoFollowUps } from "./demo-follow-ups";

export const DEMO_PASSWORD = "spelplan-demo";

import { SYSTEM } from "./system";

export { SYSTEM };

export const DEMO_ACCOUNTS = [
  { email: "kansli@demo.spelplan.se", name: "Karin Kansli", role: "secretariat" },
  { email: "granskare1@demo.spelplan.se", name: "Gunnar Granskare", role: "reviewer" },
  { email: "granskare2@demo.spelplan.se", name: "Greta Granskare", role: "reviewer" },
  { email: "styrelse@demo.spelplan.se", name: "Stig Styrelse", role: "board" },
  { email: "region@demo.spelplan.se", name: "Rebecka Region", role: "regionLead", region: 0 },
  { email: "region2@demo.spelplan.se", name: "Rolf Region", role: "regionLead", region: 1 },
  { email: "norrbotten@demo.spelplan.se", name: "Nora Nordin", role: "regionLead", region: 2 },
  { email: "lokal@demo.spelplan.se", name: "Lena Lokal", role: "localLead", region: 0, localCollege: 0 },
  { email: "admin@demo.spelplan.se", name: "Adam Admin", role: "admin" },
] as const;

interface DemoRegion {
  name: string;
  description: string;
  municipalities: string[];
  localColleges: { name: string; municipalities: string[] }[];
  providers: {
    name: string;
    kind: "public" | "private";
    municipality: string;
    localCollege: number;
    programmes: [string, string, string[]][];
  }[];
  companies: { name: string; municipality: string; localCollege: number }[];
  agreement: {
    title: string;
    validFrom: string;
    validTo: string;
    signedOn: string;
    addenda: [string, string][];
  };
}

const PROGRAMMES = {
  te: ["Teknikprogrammet", "TE", ["Produktionsteknik", "Design och produktutveckling"]] as [
    string,
    string,
    string[],
  ],
  ee: ["El- och energiprogrammet", "EE", ["Automation", "Elteknik"]] as [string, string, string[]],
  in: ["Industritekniska programmet", "IN", ["Produkt och maskinteknik", "Svetsteknik"]] as [
    string,
    string,
    string[],
  ],
};

const REGIONS: DemoRegion[] = [
  {
    name: "Teknikcollege Skaraborg",
    description: "Samverkan mellan kommuner, skolor och industri i Skaraborg.",
    municipalities: ["1496", "1499", "1494", "1493", "1495", "1472"],
    localColleges: [
      { name: "Teknikcollege Skövde", municipalities: ["1496", "1472"] },
      { name: "Teknikcollege Lidköping", municipalities: ["1494", "1495"] },
      { name: "Teknikcollege Falköping", municipalities: ["1499"] },
    ],
    providers: [
      {
        name: "Västerhöjdsgymnasiet",
        kind: "public",
        municipality: "1496",
        localCollege: 0,
        programmes: [PROGRAMMES.te, PROGRAMMES.in],
      },
      {
        name: "De la Gardiegymnasiet",
        kind: "public",
        municipality: "1494",
        localCollege: 1,
        programmes: [PROGRAMMES.ee, PROGRAMMES.in],
      },
      {
        name: "Ållebergsgymnasiet",
        kind: "public",
        municipality: "1499",
        localCollege: 2,
        programmes: [PROGRAMMES.te],
      },
      {
        name: "Yrkesakademin Skövde",
        kind: "private",
        municipality: "1496",
        localCollege: 0,
        programmes: [PROGRAMMES.in],
      },
    ],
    companies: [
      { name: "Skövde Verkstads AB", municipality: "1496", localCollege: 0 },
      { name: "Billingen Automation AB", municipality: "1496", localCollege: 0 },
      { name: "Lidköpings Mekaniska AB", municipality: "1494", localCollege: 1 },
      { name: "Falbygdens Gjuteri AB", municipality: "1499", localCollege: 2 },
    ],
    agreement: {
      title: "Samverkansavtal Teknikcollege Skaraborg 2025–2028",
      validFrom: "2025-01-01",
      validTo: "2028-12-31",
      signedOn: "2024-11-20",
      addenda: [["1472", "2025-09-01"]],
    },
  },
  {
    name: "Teknikcollege Jönköpings län",
    description: "Teknikcollege i Jönköpings län med fem kommuner.",
    municipalities: ["0680", "0683", "0682", "0662", "0685"],
    localColleges: [
      { name: "Teknikcollege Jönköping", municipalities: ["0680"] },
      { name: "Teknikcollege GGVV", municipalities: ["0683", "0662", "0685"] },
    ],
    providers: [
      {
        name: "Erik Dahlbergsgymnasiet",
        kind: "public",
        municipality: "0680",
        localCollege: 0,
        programmes: [PROGRAMMES.te, PROGRAMMES.ee],
      },
      {
        name: "Finnvedens gymnasium",
        kind: "public",
        municipality: "0683",
        localCollege: 1,
        programmes: [PROGRAMMES.in],
      },
    ],
    companies: [
      { name: "Vätterstrandens Industri AB", municipality: "0680", localCollege: 0 },
      { name: "Gnosjöregionens Plast AB", municipality: "0662", localCollege: 1 },
    ],
    agreement: {
      title: "Samverkansavtal Teknikcollege Jönköpings län",
      validFrom: "2024-07-01",
      validTo: "2027-06-30",
      signedOn: "2024-06-10",
      addenda: [],
    },
  },
  {
    name: "Teknikcollege Norrbotten",
    description: "Teknikcollege i Luleå, Piteå, Boden och Kalix.",
    municipalities: ["2580", "2581", "2582", "2514"],
    localColleges: [
      { name: "Teknikcollege Luleå–Boden", municipalities: ["2580", "2582"] },
      { name: "Teknikcollege Piteå", municipalities: ["2581"] },
    ],
    providers: [
      {
        name: "Luleå gymnasieskola",
        kind: "public",
        municipality: "2580",
        localCollege: 0,
        programmes: [PROGRAMMES.te, PROGRAMMES.ee],
      },
      {
        name: "Strömbackaskolan",
        kind: "public",
        municipality: "2581",
        localCollege: 1,
        programmes: [PROGRAMMES.in],
      },
    ],
    companies: [
      { name: "Norrbottens Stålservice AB", municipality: "2580", localCollege: 0 },
      { name: "Piteå Processteknik AB", municipality: "2581", localCollege: 1 },
    ],
    agreement: {
      title: "Samverkansavtal Teknikcollege Norrbotten",
      validFrom: "2023-01-01",
      validTo: "2026-12-31",
      signedOn: "2022-12-01",
      addenda: [],
    },
  },
];

const PEOPLE = [
  "Anna Andersson",
  "Björn Berg",
  "Cecilia Claesson",
  "David Dahl",
  "Eva Ek",
  "Fredrik Falk",
  "Gun Gran",
];

function member(
  name: string,
  kind: MemberInput["representsKind"],
  representsName: string,
  isChair = false,
  representsId?: string,
): MemberInput {
  return {
    name,
    title: null,
    email: null,
    representsKind: kind,
    representsName,
    representsId: representsId ?? null,
    isChair,
  };
}

/** Loads the demo: three regions with real municipalities, their colleges, providers, groups, agreements and accounts. */
export async function loadDemoData(db: DB, now: Date, newId: () => string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const ctx: Ctx = { db: tx, actor: SYSTEM, now, newId, meta: { ip: null, userAgent: "spelplan demo" } };
    await seedCriteria(ctx);
    const regionIds: string[] = [];
    const collegeIds: string[][] = [];
    const providerIds: string[][] = [];
    for (const [ri, r] of REGIONS.entries()) {
      const regionId = await registry.createRegion(ctx, {
        name: r.name,
        description: r.description,
        website: null,
        municipalityCodes: [],
      });
      regionIds.push(regionId);
      const colleges: string[] = [];
      for (const lc of r.localColleges)
        colleges.push(await registry.createLocalCollege(ctx, regionId, { name: lc.name }));
      collegeIds.push(colleges);
      for (const code of r.municipalities) {
        const lcIndex = r.localColleges.findIndex((lc) => lc.municipalities.includes(code));
        await registry.addMunicipalityToRegion(ctx, {
          regionId,
          code,
          localCollegeId: lcIndex >= 0 ? colleges[lcIndex] : null,
          joinedOn: "2024-01-01",
        });
      }
      const companyIds: string[] = [];
      for (const c of r.companies) {
        companyIds.push(
          await registry.createCompany(ctx, {
            regionId,
            localCollegeId: colleges[c.localCollege],
            name: c.name,
            orgNumber: null,
            municipalityCode: c.municipality,
            letterOfIntentOn: "2024-03-15",
          }),
        );
      }
      providerIds.push([]);
      for (const p of r.providers) {
        const providerId = await registry.createProvider(ctx, {
          regionId,
          localCollegeId: colleges[p.localCollege],
          name: p.name,
          kind: p.kind,
          orgNumber: null,
          municipalityCode: p.municipality,
        });
        providerIds[ri].push(providerId);
        for (const [name, code, specs] of p.programmes) {
          await registry.addProgramme(ctx, providerId, { name, code });
          const programme = await tx
            .selectFrom("programmes")
            .select("id")
            .where("provider_id", "=", providerId)
            .where("name", "=", name)
            .executeTakeFirstOrThrow();
          for (const s of specs) await registry.addSpecialisation(ctx, programme.id, { name: s });
        }
      }
      // A regional group that keeps the rule (companies hold majority and chair)…
      await registry.createSteeringGroup(ctx, {
        regionId,
        level: "regional",
        name: `Regional styrgrupp ${r.name.replace("Teknikcollege ", "")}`,
        members: [
          member(PEOPLE[0], "company", r.companies[0].name, true, companyIds[0]),
          member(PEOPLE[1], "company", r.companies[1].name, false, companyIds[1]),
          member(PEOPLE[2], "company", r.companies[companyIds.length > 2 ? 2 : 0].name),
          member(
            PEOPLE[3],
            "municipality",
            `${r.localColleges[0].name.replace("Teknikcollege ", "")} kommun`,
          ),
          member(PEOPLE[4], "provider", r.providers[0].name),
        ],
      });
      // …and a local group that breaks it, so the warning shows in the demo.
      await registry.createSteeringGroup(ctx, {
        regionId,
        level: "local",
        localCollegeId: colleges[1],
        name: `Lokal styrgrupp ${r.localColleges[1].name.replace("Teknikcollege ", "")}`,
        members: [
          member(PEOPLE[5], "municipality", "Kommunen", true),
          member(PEOPLE[6], "company", r.companies[companyIds.length > 2 ? 2 : 1].name),
          member(PEOPLE[2], "provider", r.providers[1 % r.providers.length].name),
        ],
      });
      const agreementId = await registry.createAgreement(ctx, {
        regionId,
        title: r.agreement.title,
        validFrom: r.agreement.validFrom,
        validTo: r.agreement.validTo,
        signedOn: r.agreement.signedOn,
      });
      for (const [code, signedOn] of r.agreement.addenda) {
        await registry.addAddendum(ctx, agreementId, {
          partyKind: "municipality",
          partyId: code,
          signedOn,
          note: "Ansluten kommun",
        });
      }
    }
    const cliCtx: Ctx = { ...ctx, actor: null };
    const userIds: Record<string, string> = {};
    for (const a of DEMO_ACCOUNTS) {
      userIds[a.email] = (
        await createUser(cliCtx, {
          email: a.email,
          name: a.name,
          role: a.role,
          regionId: "region" in a ? regionIds[a.region] : null,
          localCollegeId: "localCollege" in a ? collegeIds[a.region][a.localCollege] : null,
          language: "sv",
          password: DEMO_PASSWORD,
        })
      ).id;
    }
    await loadDemoCases(
      ctx,
      {
        skaraborg: regionIds[0],
        jonkoping: regionIds[1],
        norrbotten: regionIds[2],
        jonkopingProvider: providerIds[1][0],
      },
      {
        secretariatId: userIds["kansli@demo.spelplan.se"],
        reviewerIds: [userIds["granskare1@demo.spelplan.se"], userIds["granskare2@demo.spelplan.se"]],
      },
    );
    await loadDemoFollowUps(ctx, regionIds[2], userIds["norrbotten@demo.spelplan.se"]);
    await appendEvent(ctx, {
      streamType: "system",
      streamId: "demo",
      type: "demo.loaded",
      payload: { regions: regionIds.length },
    });
  });
}

/** Both criteria sets: the earlier ten (retired) and today's eight (active). */
export async function seedCriteria(ctx: Ctx): Promise<void> {
  const existing = await ctx.db.selectFrom("criteria_sets").select("id").executeTakeFirst();
  if (existing) return;
  const sets = [
    {
      version: 1,
      name: "Kriterier (tio kriterier)",
      validFrom: "2015-01-01",
      status: "retired",
      criteria: EARLIER_CRITERIA.map(([n, t]) => [n, t, ""] as const),
    },
    {
      version: 2,
      name: "Kriterier för Teknikcollege",
      validFrom: "2022-01-01",
      status: "active",
      criteria: CURRENT_CRITERIA,
    },
  ];
  for (const set of sets) {
    const id = ctx.newId();
    await ctx.db
      .insertInto("criteria_sets")
      .values({
        id,
        version: set.version,
        name: set.name,
        valid_from: set.validFrom,
        status: set.status,
        created_at: ctx.now.toISOString(),
      })
      .execute();
    await ctx.db
      .insertInto("criteria")
      .values(
        set.criteria.map(([number, title, description]) => ({
          id: ctx.newId(),
          criteria_set_id: id,
          number,
          title,
          description,
        })),
      )
      .execute();
    await appendEvent(ctx, {
      streamType: "criteriaSet",
      streamId: id,
      type: "criteriaSet.seeded",
      payload: { version: set.version },
    });
  }
}
