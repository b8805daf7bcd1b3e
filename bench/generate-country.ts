/**
 * The synthetic country the generated cases belong to: 24 regions (the 21 counties, three of them split in two)
 * with their municipalities, local colleges, companies, steering groups and agreements, and the providers with
 * their programmes, all through the registry use cases; users (one precomputed argon2 hash for everyone) and six
 * board meetings a year as rows with their log events.
 */
import { stockholmDate } from "../src/domain/certification/deadlines";
import type { Role } from "../src/domain/certification/permissions";
import type { Ctx } from "../src/server/context";
import type { DB } from "../src/server/db/connect";
import { hashPassword } from "../src/server/modules/auth/passwords";
import { criteriaNumbersOf } from "../src/server/modules/cases/facts";
import { appendEvent } from "../src/server/modules/events/event-log";
import { activeCriteriaSet } from "../src/server/modules/registry/criteria";
import * as registry from "../src/server/modules/registry/use-cases";
import { SYSTEM } from "../src/server/seed/demo";
import type { Meeting } from "./templates";
import { insertUserRow } from "./user-row";

export const BENCH_PASSWORD = "spelplan-bench";

const COUNTS = { secretariat: 5, reviewers: 40, board: 7, localCollegesPerRegion: 3, companiesPerRegion: 2 };
/** Counties split into two regions, to make 24 regions of Sweden's 21 counties. */
const SPLIT_COUNTIES = new Set(["01", "12", "14"]);

/** The generated users' e-mail addresses by role (the manifest's `users`). */
export interface BenchUsers {
  secretariat: string[];
  reviewers: string[];
  board: string[];
  regionLeads: string[];
  localLeads: string[];
  admin: string;
}

export interface Region {
  id: string;
  name: string;
  leadId: string;
  steeringGroupId: string;
  localColleges: string[];
}
export interface Provider {
  id: string;
  name: string;
  regionIndex: number;
  localCollegeId: string;
  programmes: { id: string; name: string; specialisations: { id: string; name: string }[] }[];
}
export interface Country {
  regions: Region[];
  providers: Provider[];
  secretariat: string[];
  reviewers: string[];
  board: string[];
  emails: BenchUsers;
  meetings: Meeting[];
  criteriaSetId: string;
  criteriaSetVersion: number;
  criteriaNumbers: number[];
}

export const PROGRAMMES: [string, string, string[]][] = [
  ["Teknikprogrammet", "TE", ["Produktionsteknik", "Design och produktutveckling"]],
  ["El- och energiprogrammet", "EE", ["Automation", "Elteknik"]],
  ["Industritekniska programmet", "IN", ["Produkt och maskinteknik", "Svetsteknik"]],
];
const PROVIDER_NAMES = ["gymnasiet", "gymnasieskola", "Tekniska gymnasium", "Yrkesakademi", "Industriskola"];

/** Registry through the app's use cases, users and board meetings as rows with their events. */
export async function seedCountry(
  db: DB,
  opts: { providers: number; now: Date; rand: () => number },
): Promise<Country> {
  const { now, rand } = opts;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const newId = () => crypto.randomUUID();
  return db.transaction().execute(async (tx) => {
    const ctx: Ctx = { db: tx, actor: SYSTEM, now, newId, meta: { ip: null, userAgent: "spelplan bench" } };
    const counties = await tx.selectFrom("counties").selectAll().orderBy("code").execute();
    const municipalities = await tx.selectFrom("municipalities").selectAll().orderBy("code").execute();
    const regionDefs: { name: string; codes: string[] }[] = [];
    for (const c of counties) {
      const codes = municipalities.filter((m) => m.county_code === c.code).map((m) => m.code);
      if (SPLIT_COUNTIES.has(c.code)) {
        const half = Math.ceil(codes.length / 2);
        regionDefs.push({ name: `Teknikcollege ${c.short_name} norra`, codes: codes.slice(0, half) });
        regionDefs.push({ name: `Teknikcollege ${c.short_name} södra`, codes: codes.slice(half) });
      } else {
        regionDefs.push({ name: `Teknikcollege ${c.short_name}`, codes });
      }
    }
    const regions: Region[] = [];
    const emails: BenchUsers = {
      secretariat: [],
      reviewers: [],
      board: [],
      regionLeads: [],
      localLeads: [],
      admin: "",
    };
    const nowIso = now.toISOString();
    /** addProgramme and addSpecialisation do not return the id they make: it is the first id they draw. */
    const firstIdDrawn = async (make: (recording: Ctx) => Promise<unknown>): Promise<string> => {
      const drawn: string[] = [];
      const recording: Ctx = {
        ...ctx,
        newId: () => {
          const id = newId();
          drawn.push(id);
          return id;
        },
      };
      await make(recording);
      return drawn[0];
    };
    const addUser = async (u: {
      email: string;
      name: string;
      role: Role;
      regionId?: string | null;
      localCollegeId?: string | null;
    }) => {
      const id = newId();
      await insertUserRow(tx, {
        id,
        email: u.email,
        name: u.name,
        passwordHash,
        role: u.role,
        regionId: u.regionId ?? null,
        localCollegeId: u.localCollegeId ?? null,
        at: nowIso,
      });
      await appendEvent(
        { ...ctx, actor: null },
        {
          streamType: "user",
          streamId: id,
          type: "user.created",
          payload: {
            email: u.email,
            name: u.name,
            role: u.role,
            regionId: u.regionId ?? null,
            localCollegeId: u.localCollegeId ?? null,
            language: "sv",
          },
        },
      );
      return id;
    };

    for (const [ri, def] of regionDefs.entries()) {
      const regionId = await registry.createRegion(ctx, {
        name: def.name,
        description: `Teknikcollege i ${def.name.replace("Teknikcollege ", "")}.`,
        website: null,
        municipalityCodes: [],
      });
      const colleges: string[] = [];
      for (let i = 0; i < COUNTS.localCollegesPerRegion; i++) {
        const name = `${def.name} lokalt college ${i + 1}`;
        colleges.push(await registry.createLocalCollege(ctx, regionId, { name }));
      }
      for (const [mi, code] of def.codes.entries()) {
        await registry.addMunicipalityToRegion(ctx, {
          regionId,
          code,
          localCollegeId: colleges[mi % colleges.length],
          joinedOn: "2016-01-01",
        });
      }
      const companies: { id: string; name: string }[] = [];
      for (let i = 0; i < COUNTS.companiesPerRegion; i++) {
        const name = `${def.name.replace("Teknikcollege ", "")} Industri ${i + 1} AB`;
        const id = await registry.createCompany(ctx, {
          regionId,
          localCollegeId: colleges[i % colleges.length],
          name,
          orgNumber: null,
          municipalityCode: def.codes[0] ?? null,
          letterOfIntentOn: "2016-03-01",
        });
        companies.push({ id, name });
      }
      const member = (
        name: string,
        kind: "company" | "municipality" | "provider",
        repr: string,
        chair = false,
        id?: string,
      ) => ({
        name,
        title: null,
        email: null,
        representsKind: kind,
        representsId: id ?? null,
        representsName: repr,
        isChair: chair,
      });
      const steeringGroupId = await registry.createSteeringGroup(ctx, {
        regionId,
        level: "regional",
        name: `Regional styrgrupp ${def.name.replace("Teknikcollege ", "")}`,
        members: [
          member("Anna Andersson", "company", companies[0].name, true, companies[0].id),
          member("Björn Berg", "company", companies[1].name, false, companies[1].id),
          member("Cecilia Claesson", "company", companies[0].name),
          member("David Dahl", "municipality", "Kommunen"),
          member("Eva Ek", "provider", "Gymnasiet"),
        ],
      });
      await registry.createAgreement(ctx, {
        regionId,
        title: `Samverkansavtal ${def.name}`,
        validFrom: "2016-01-01",
        validTo: null,
        signedOn: "2015-12-01",
      });
      const n = String(ri + 1).padStart(2, "0");
      const leadEmail = `region${n}@bench.spelplan.se`;
      const leadId = await addUser({
        email: leadEmail,
        name: `Processledare ${n}`,
        role: "regionLead",
        regionId,
      });
      emails.regionLeads.push(leadEmail);
      for (const [ci, lc] of colleges.entries()) {
        const email = `lokal${n}-${ci + 1}@bench.spelplan.se`;
        await addUser({
          email,
          name: `Lokal ledare ${n}-${ci + 1}`,
          role: "localLead",
          regionId,
          localCollegeId: lc,
        });
        emails.localLeads.push(email);
      }
      regions.push({ id: regionId, name: def.name, leadId, steeringGroupId, localColleges: colleges });
    }

    const providers: Provider[] = [];
    for (let i = 0; i < opts.providers; i++) {
      const regionIndex = i % regions.length;
      const region = regions[regionIndex];
      const code = regionDefs[regionIndex].codes[i % regionDefs[regionIndex].codes.length];
      const localCollegeId = region.localColleges[i % region.localColleges.length];
      const name = `${PROVIDER_NAMES[i % PROVIDER_NAMES.length]} ${i + 1} (${region.name.replace("Teknikcollege ", "")})`;
      const providerId = await registry.createProvider(ctx, {
        regionId: region.id,
        localCollegeId,
        name,
        kind: rand() < 0.75 ? "public" : "private",
        orgNumber: null,
        municipalityCode: code ?? null,
      });
      const provider: Provider = { id: providerId, name, regionIndex, localCollegeId, programmes: [] };
      for (const [pname, pcode, specs] of PROGRAMMES) {
        const programme = {
          id: await firstIdDrawn((c) => registry.addProgramme(c, providerId, { name: pname, code: pcode })),
          name: pname,
          specialisations: [] as { id: string; name: string }[],
        };
        for (const sname of specs) {
          const id = await firstIdDrawn((c) => registry.addSpecialisation(c, programme.id, { name: sname }));
          programme.specialisations.push({ id, name: sname });
        }
        provider.programmes.push(programme);
      }
      providers.push(provider);
    }

    const secretariat: string[] = [];
    for (let i = 1; i <= COUNTS.secretariat; i++) {
      const email = `kansli${i}@bench.spelplan.se`;
      secretariat.push(await addUser({ email, name: `Kansli ${i}`, role: "secretariat" }));
      emails.secretariat.push(email);
    }
    const reviewers: string[] = [];
    for (let i = 1; i <= COUNTS.reviewers; i++) {
      const n = String(i).padStart(2, "0");
      const email = `granskare${n}@bench.spelplan.se`;
      reviewers.push(await addUser({ email, name: `Granskare ${n}`, role: "reviewer" }));
      emails.reviewers.push(email);
    }
    const board: string[] = [];
    for (let i = 1; i <= COUNTS.board; i++) {
      const email = `styrelse${i}@bench.spelplan.se`;
      board.push(await addUser({ email, name: `Styrelseledamot ${i}`, role: "board" }));
      emails.board.push(email);
    }
    emails.admin = "admin@bench.spelplan.se";
    await addUser({ email: emails.admin, name: "Admin", role: "admin" });

    // Six ordinary board meetings a year, from eleven years back to a year ahead.
    const today = stockholmDate(now);
    const firstYear = Number(today.slice(0, 4)) - 11;
    const lastYear = Number(today.slice(0, 4)) + 1;
    const meetings: Meeting[] = [];
    for (let y = firstYear; y <= lastYear; y++) {
      for (const m of ["02", "04", "06", "09", "10", "12"]) {
        const date = `${y}-${m}-15`;
        const id = newId();
        const title = `Styrelsemöte ${date}`;
        await tx
          .insertInto("board_meetings")
          .values({
            id,
            date,
            kind: "ordinary",
            title,
            location: "Stockholm",
            status: date < today ? "held" : "planned",
            created_at: nowIso,
            updated_at: nowIso,
          })
          .execute();
        await appendEvent(ctx, {
          streamType: "boardMeeting",
          streamId: id,
          type: "boardMeeting.created",
          payload: { date, kind: "ordinary", title, location: "Stockholm" },
        });
        meetings.push({ id, date });
      }
    }
    const set = await activeCriteriaSet(tx);
    if (!set) throw new Error("no active criteria set");
    return {
      regions,
      providers,
      secretariat,
      reviewers,
      board,
      emails,
      meetings,
      criteriaSetId: set.id,
      criteriaSetVersion: set.version,
      criteriaNumbers: await criteriaNumbersOf(tx, set.id),
    };
  });
}
