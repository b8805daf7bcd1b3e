import type { Principal } from "../../../domain/access";
import {
  localCollegePolicy,
  regionItemPolicy,
  regionPolicy,
  regionWidePolicy,
} from "../../../domain/policies/registry";
import { checkComposition } from "../../../domain/steering-group";
import type * as dto from "../../../shared/dto";
import type { MemberKind, SteeringGroupLevel } from "../../../shared/roles";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";

/** Reads of the registry and their presentation as the API's DTOs (with the caller's actions). */

type Status = "active" | "archived";

export function presentMunicipality(
  m: Row<"municipalities">,
  membership?: { region_id: string; local_college_id: string | null },
): dto.Municipality {
  return {
    code: m.code,
    name: m.name,
    shortName: m.short_name,
    countyCode: m.county_code,
    regionId: membership?.region_id ?? null,
    localCollegeId: membership?.local_college_id ?? null,
  };
}

export function presentLocalCollege(
  p: Principal,
  lc: Row<"local_colleges">,
  codes: string[],
): dto.LocalCollege {
  return {
    id: lc.id,
    regionId: lc.region_id,
    name: lc.name,
    status: lc.status as Status,
    municipalityCodes: codes,
    version: lc.version,
    actions: localCollegePolicy(p, { id: lc.id, regionId: lc.region_id, status: lc.status as Status }) ?? [],
  };
}

/** What the caller may do with a region's provider or company (owned by a region and perhaps a local college). */
export function regionItemActions(
  p: Principal,
  row: { region_id: string | null; local_college_id: string | null; status: string },
): string[] | null {
  return regionItemPolicy(p, {
    regionId: row.region_id,
    localCollegeId: row.local_college_id,
    status: row.status as Status,
  });
}

export function presentProvider(
  p: Principal,
  row: Row<"education_providers">,
  programmes: Row<"programmes">[],
  specialisations: Row<"specialisations">[],
): dto.Provider {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as "public" | "private",
    orgNumber: row.org_number,
    municipalityCode: row.municipality_code,
    regionId: row.region_id,
    localCollegeId: row.local_college_id,
    status: row.status as Status,
    version: row.version,
    programmes: programmes
      .filter((pr) => pr.provider_id === row.id)
      .map((pr) => ({
        id: pr.id,
        providerId: pr.provider_id,
        name: pr.name,
        code: pr.code,
        status: pr.status as Status,
        specialisations: specialisations
          .filter((s) => s.programme_id === pr.id)
          .map((s) => ({ id: s.id, programmeId: s.programme_id, name: s.name, status: s.status as Status })),
      })),
    actions: regionItemActions(p, row) ?? [],
  };
}

export function presentCompany(p: Principal, row: Row<"companies">): dto.Company {
  return {
    id: row.id,
    name: row.name,
    orgNumber: row.org_number,
    municipalityCode: row.municipality_code,
    regionId: row.region_id,
    localCollegeId: row.local_college_id,
    letterOfIntentOn: row.letter_of_intent_on,
    status: row.status as Status,
    version: row.version,
    actions: regionItemActions(p, row) ?? [],
  };
}

export function steeringGroupActions(p: Principal, g: Row<"steering_groups">): string[] | null {
  const status = g.status as Status;
  return g.level === "regional"
    ? regionWidePolicy(p, { regionId: g.region_id, status })
    : regionItemPolicy(p, { regionId: g.region_id, localCollegeId: g.local_college_id, status });
}

export function presentSteeringGroup(
  p: Principal,
  g: Row<"steering_groups">,
  members: Row<"steering_group_members">[],
): dto.SteeringGroup {
  const mine = members
    .filter((m) => m.steering_group_id === g.id)
    .sort((a, b) => a.position - b.position)
    .map((m) => ({
      id: m.id,
      name: m.name,
      email: m.email,
      title: m.title,
      representsKind: m.represents_kind as MemberKind,
      representsId: m.represents_id,
      representsName: m.represents_name,
      isChair: m.is_chair === 1,
    }));
  return {
    id: g.id,
    regionId: g.region_id,
    localCollegeId: g.local_college_id,
    level: g.level as SteeringGroupLevel,
    name: g.name,
    status: g.status as Status,
    members: mine,
    composition: checkComposition(mine),
    version: g.version,
    actions: steeringGroupActions(p, g) ?? [],
  };
}

export function presentAgreement(
  p: Principal,
  a: Row<"cooperation_agreements">,
  addenda: Row<"agreement_addenda">[],
): dto.Agreement {
  return {
    id: a.id,
    regionId: a.region_id,
    title: a.title,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    signedOn: a.signed_on,
    status: a.status as Status,
    version: a.version,
    addenda: addenda
      .filter((x) => x.agreement_id === a.id)
      .sort((x, y) => x.signed_on.localeCompare(y.signed_on))
      .map((x) => ({
        id: x.id,
        agreementId: x.agreement_id,
        partyKind: x.party_kind as dto.Addendum["partyKind"],
        partyId: x.party_id,
        partyName: x.party_name,
        signedOn: x.signed_on,
        note: x.note,
      })),
    actions: regionWidePolicy(p, { regionId: a.region_id, status: a.status as Status }) ?? [],
  };
}

export async function findRegion(db: Executor, id: string) {
  return db.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
}

type EntityTable =
  | "local_colleges"
  | "education_providers"
  | "companies"
  | "steering_groups"
  | "cooperation_agreements";

/** The row with this id (it must exist: these reads follow a change to it). */
async function rowById<T extends EntityTable>(db: Executor, table: T, id: string): Promise<Row<T>> {
  return db
    .selectFrom(table as "companies")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirstOrThrow() as Promise<Row<T>>;
}

/** The tables of an entity's parts, each with the column naming its owner and the order they are read in. */
const PARTS = {
  programmes: { owner: "provider_id", orderByName: true },
  specialisations: { owner: "programme_id", orderByName: true },
  steering_group_members: { owner: "steering_group_id", orderByName: false },
  agreement_addenda: { owner: "agreement_id", orderByName: false },
} as const;

/** The parts in `table` of the owners `ownerIds` (no query when there are none). */
async function partsOf<T extends keyof typeof PARTS>(
  db: Executor,
  table: T,
  ownerIds: string[],
): Promise<Row<T>[]> {
  if (ownerIds.length === 0) return [];
  let q = db
    .selectFrom(table as "programmes")
    .selectAll()
    .where(PARTS[table].owner as "provider_id", "in", ownerIds);
  if (PARTS[table].orderByName) q = q.orderBy("name");
  return (await q.execute()) as Row<T>[];
}

export async function loadProgrammes(db: Executor, providerIds: string[]) {
  const programmes = await partsOf(db, "programmes", providerIds);
  const specialisations = await partsOf(
    db,
    "specialisations",
    programmes.map((x) => x.id),
  );
  return { programmes, specialisations };
}

/** The whole region page in a fixed number of queries. */
export async function loadRegionDetail(
  db: Executor,
  p: Principal,
  region: Row<"regions">,
): Promise<dto.RegionDetail> {
  const [memberships, colleges, providers, companies, groups, agreements] = await Promise.all([
    db
      .selectFrom("region_municipalities")
      .innerJoin("municipalities", "municipalities.code", "region_municipalities.municipality_code")
      .selectAll("municipalities")
      .select(["region_municipalities.region_id", "region_municipalities.local_college_id"])
      .where("region_municipalities.region_id", "=", region.id)
      .orderBy("municipalities.short_name")
      .execute(),
    db.selectFrom("local_colleges").selectAll().where("region_id", "=", region.id).orderBy("name").execute(),
    db
      .selectFrom("education_providers")
      .selectAll()
      .where("region_id", "=", region.id)
      .orderBy("name")
      .execute(),
    db.selectFrom("companies").selectAll().where("region_id", "=", region.id).orderBy("name").execute(),
    db
      .selectFrom("steering_groups")
      .selectAll()
      .where("region_id", "=", region.id)
      .orderBy("level", "desc")
      .orderBy("name")
      .execute(),
    db
      .selectFrom("cooperation_agreements")
      .selectAll()
      .where("region_id", "=", region.id)
      .orderBy("valid_from", "desc")
      .execute(),
  ]);
  const { programmes, specialisations } = await loadProgrammes(
    db,
    providers.map((x) => x.id),
  );
  const members = await partsOf(
    db,
    "steering_group_members",
    groups.map((g) => g.id),
  );
  const addenda = await partsOf(
    db,
    "agreement_addenda",
    agreements.map((a) => a.id),
  );
  return {
    id: region.id,
    name: region.name,
    description: region.description,
    website: region.website,
    status: region.status as Status,
    version: region.version,
    municipalities: memberships.map((m) => presentMunicipality(m, m)),
    localColleges: colleges.map((lc) =>
      presentLocalCollege(
        p,
        lc,
        memberships.filter((m) => m.local_college_id === lc.id).map((m) => m.code),
      ),
    ),
    providers: providers.map((x) => presentProvider(p, x, programmes, specialisations)),
    companies: companies.map((c) => presentCompany(p, c)),
    steeringGroups: groups.map((g) => presentSteeringGroup(p, g, members)),
    agreements: agreements.map((a) => presentAgreement(p, a, addenda)),
    actions: regionPolicy(p, { id: region.id, status: region.status as Status }) ?? [],
  };
}

export async function listRegionSummaries(
  db: Executor,
): Promise<Omit<dto.RegionSummary, "certificationStatus">[]> {
  const [regions, memberships, colleges, providers] = await Promise.all([
    db.selectFrom("regions").selectAll().orderBy("name").execute(),
    db.selectFrom("region_municipalities").select(["region_id", "municipality_code"]).execute(),
    db
      .selectFrom("local_colleges")
      .select(["region_id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .groupBy("region_id")
      .execute(),
    db
      .selectFrom("education_providers")
      .select(["region_id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .groupBy("region_id")
      .execute(),
  ]);
  return regions.map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status as Status,
    municipalityCodes: memberships.filter((m) => m.region_id === r.id).map((m) => m.municipality_code),
    localCollegeCount: Number(colleges.find((c) => c.region_id === r.id)?.n ?? 0),
    providerCount: Number(providers.find((c) => c.region_id === r.id)?.n ?? 0),
  }));
}

/** Single-entity reads after a change, presented for the acting user. */
export async function providerDto(db: Executor, p: Principal, id: string): Promise<dto.Provider> {
  const row = await rowById(db, "education_providers", id);
  const { programmes, specialisations } = await loadProgrammes(db, [id]);
  return presentProvider(p, row, programmes, specialisations);
}

export async function companyDto(db: Executor, p: Principal, id: string): Promise<dto.Company> {
  return presentCompany(p, await rowById(db, "companies", id));
}

export async function localCollegeDto(db: Executor, p: Principal, id: string): Promise<dto.LocalCollege> {
  const lc = await rowById(db, "local_colleges", id);
  const codes = await db
    .selectFrom("region_municipalities")
    .select("municipality_code")
    .where("local_college_id", "=", id)
    .execute();
  return presentLocalCollege(
    p,
    lc,
    codes.map((c) => c.municipality_code),
  );
}

export async function steeringGroupDto(db: Executor, p: Principal, id: string): Promise<dto.SteeringGroup> {
  const g = await rowById(db, "steering_groups", id);
  return presentSteeringGroup(p, g, await partsOf(db, "steering_group_members", [id]));
}

export async function agreementDto(db: Executor, p: Principal, id: string): Promise<dto.Agreement> {
  const a = await rowById(db, "cooperation_agreements", id);
  return presentAgreement(p, a, await partsOf(db, "agreement_addenda", [id]));
}

export async function regionDto(db: Executor, p: Principal, id: string): Promise<dto.RegionDetail> {
  return loadRegionDetail(db, p, (await findRegion(db, id))!);
}
