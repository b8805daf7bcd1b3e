import { sql } from "kysely";
import { stockholmDate } from "../../../domain/certification/deadlines";
import type { JoiningPayloads } from "../../../domain/joining/actions";
import type { JoiningRecord } from "../../../domain/joining/machine";
import { JOINING_PROCESS_VERSION, startJoiningCase } from "../../../domain/joining/machine";
import type { Ctx } from "../../context";
import type { Row } from "../../db/schema";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { activeCriteriaSet } from "../registry/criteria";
import * as registry from "../registry/use-cases";
import { openCertificationCase } from "./open-case";
import { joiningFactsOf } from "./processes";
import { insertOpenedCase, regionToOpenIn } from "./registration";
import type { JoiningCaseInput } from "./schemas";

/**
 * Process A on the shared case machinery: opening a joining case, checking that what an action names in the
 * registry belongs to the region, and the registry changes that completing the case makes — all in the
 * caller's transaction.
 */

const conflict = (code: string, sv: string, en: string) => errors.conflict(code, { sv, en });
const invalid = (code: string, sv: string, en: string) => errors.invalid(code, { sv, en });

export async function openJoiningCase(ctx: Ctx, input: JoiningCaseInput): Promise<string> {
  const { p, region } = await regionToOpenIn(ctx, "joining", input.regionId);

  let party: {
    kind: "municipality" | "provider";
    id: string;
    name: string;
    privateProvider: boolean;
    hasOwnProvider: boolean;
  };
  if (input.municipalityCode) {
    const m = await ctx.db
      .selectFrom("municipalities")
      .selectAll()
      .where("code", "=", input.municipalityCode)
      .executeTakeFirst();
    if (!m) throw errors.notFound("municipality");
    const member = await ctx.db
      .selectFrom("region_municipalities")
      .select("region_id")
      .where("municipality_code", "=", m.code)
      .executeTakeFirst();
    if (member) {
      throw member.region_id === region.id
        ? conflict(
            "municipality.already_member",
            "Kommunen ingår redan i regionen.",
            "The municipality is already in the region.",
          )
        : conflict(
            "municipality.in_other_region",
            "Kommunen hör redan till en annan region.",
            "The municipality belongs to another region.",
          );
    }
    const own = await ctx.db
      .selectFrom("education_providers")
      .select("id")
      .where("municipality_code", "=", m.code)
      .executeTakeFirst();
    party = {
      kind: "municipality",
      id: m.code,
      name: m.short_name,
      privateProvider: false,
      hasOwnProvider: input.hasOwnProvider ?? Boolean(own),
    };
  } else {
    let providerId = input.providerId;
    if (input.newProvider) {
      providerId = ctx.newId();
      const at = ctx.now.toISOString();
      await ctx.db
        .insertInto("education_providers")
        .values({
          id: providerId,
          name: input.newProvider.name,
          kind: input.newProvider.kind,
          org_number: null,
          municipality_code: input.newProvider.municipalityCode ?? null,
          region_id: null,
          local_college_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await appendEvent(ctx, {
        streamType: "provider",
        streamId: providerId,
        type: "provider.created",
        payload: input.newProvider,
      });
    }
    const pr = await ctx.db
      .selectFrom("education_providers")
      .selectAll()
      .where("id", "=", providerId as string)
      .executeTakeFirst();
    if (!pr) throw errors.notFound("provider");
    if (pr.region_id) {
      throw pr.region_id === region.id
        ? conflict(
            "provider.already_member",
            "Utbildningsanordnaren ingår redan i regionen.",
            "The provider is already in the region.",
          )
        : conflict(
            "provider.in_other_region",
            "Utbildningsanordnaren hör till en annan region.",
            "The provider belongs to another region.",
          );
    }
    party = {
      kind: "provider",
      id: pr.id,
      name: pr.name,
      privateProvider: pr.kind === "private",
      hasOwnProvider: true,
    };
  }

  const facts = startJoiningCase({
    conditions: {
      partyKind: party.kind,
      partyId: party.id,
      partyName: party.name,
      hasOwnProvider: party.hasOwnProvider,
      certifyProvider: input.certifyProvider,
      privateProvider: party.privateProvider,
    },
    startedBy: input.steeringGroupAgreement,
  });
  const criteria = await activeCriteriaSet(ctx.db);
  const { id } = await insertOpenedCase(
    ctx,
    {
      process: "joining",
      processVersion: JOINING_PROCESS_VERSION,
      kind: "joining",
      state: facts.state,
      title: `Anslutning: ${party.name} till ${region.name}`,
      regionId: region.id,
      providerId: party.kind === "provider" ? party.id : null,
      municipalityCode: party.kind === "municipality" ? party.id : null,
      criteriaSetId: criteria?.id ?? null,
      record: facts.record,
      createdBy: p.id,
    },
    { ...input, party },
  );
  return id;
}

/** What an action names in the registry must belong to the case's region (checked before the process rules). */
export async function validateJoiningReferences(
  ctx: Ctx,
  row: Row<"cases">,
  action: string,
  payload: unknown,
): Promise<void> {
  const body = (payload ?? {}) as Record<string, unknown>;
  if (action === "completeLocalSteeringGroup") {
    if (body.mode === "existing" && typeof body.steeringGroupId === "string") {
      const g = await ctx.db
        .selectFrom("steering_groups")
        .selectAll()
        .where("id", "=", body.steeringGroupId)
        .executeTakeFirst();
      if (g?.region_id !== row.region_id || g.level !== "local") {
        throw invalid(
          "joining.steering_group_not_in_region",
          "Välj en lokal styrgrupp i regionen.",
          "Choose a local steering group of the region.",
        );
      }
    }
    if (body.mode === "new" && typeof body.localCollegeId === "string") {
      const lc = await regionRowOf(ctx, "local_colleges", body.localCollegeId);
      if (lc?.region_id !== row.region_id) {
        throw invalid(
          "joining.local_college_not_in_region",
          "Välj ett lokalt college i regionen.",
          "Choose a local college of the region.",
        );
      }
    }
    if (body.mode === "new" && !body.localCollegeId && !body.newLocalCollegeName) {
      throw invalid(
        "joining.local_college_required",
        "Välj ett lokalt college eller ange namnet på ett nytt.",
        "Choose a local college or name a new one.",
      );
    }
  }
  if (action === "completeAgreement" && body.mode === "addendum" && typeof body.agreementId === "string") {
    const a = await regionRowOf(ctx, "cooperation_agreements", body.agreementId);
    if (a?.region_id !== row.region_id) {
      throw invalid(
        "joining.agreement_not_in_region",
        "Välj ett samverkansavtal i regionen.",
        "Choose a cooperation agreement of the region.",
      );
    }
  }
  if (action === "completeRegionalRepresentation") {
    const g = await regionalGroup(ctx, row.region_id);
    if (!g) {
      throw invalid(
        "joining.no_regional_group",
        "Regionen saknar regional styrgrupp.",
        "The region has no regional steering group.",
      );
    }
  }
  if (action === "startCertification") {
    const record = joiningFactsOf(row).record;
    const providerId =
      typeof body.providerId === "string"
        ? body.providerId
        : record.conditions.partyKind === "provider"
          ? record.conditions.partyId
          : null;
    if (!providerId) {
      throw invalid(
        "joining.provider_required",
        "Ange vilken utbildningsanordnare som ska certifieras.",
        "Name the provider to certify.",
      );
    }
    const pr = await regionRowOf(ctx, "education_providers", providerId);
    if (!pr || (pr.region_id !== null && pr.region_id !== row.region_id)) throw errors.notFound("provider");
  }
}

/** The region of a registry row named in an action (undefined when there is no such row). */
async function regionRowOf(
  ctx: Ctx,
  table: "local_colleges" | "cooperation_agreements" | "education_providers",
  id: string,
) {
  return ctx.db.selectFrom(table).select("region_id").where("id", "=", id).executeTakeFirst();
}

async function regionalGroup(ctx: Ctx, regionId: string) {
  return ctx.db
    .selectFrom("steering_groups")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("level", "=", "regional")
    .where("status", "=", "active")
    .orderBy("created_at")
    .executeTakeFirst();
}

/** Completing a joining case: the party joins the region, the steering-group changes and the agreement take effect. */
export async function applyJoiningToRegistry(
  ctx: Ctx,
  row: Row<"cases">,
  record: JoiningRecord,
): Promise<void> {
  const c = record.conditions;
  const today = stockholmDate(ctx.now);
  const item = <K extends keyof JoiningPayloads>(key: string) =>
    record.items[key as keyof typeof record.items]?.data as JoiningPayloads[K] | undefined;

  // The local college and steering group.
  const lsg = item<"completeLocalSteeringGroup">("localSteeringGroup");
  let localCollegeId: string | null = null;
  if (lsg?.mode === "existing") {
    const g = await ctx.db
      .selectFrom("steering_groups")
      .selectAll()
      .where("id", "=", lsg.steeringGroupId)
      .executeTakeFirstOrThrow();
    localCollegeId = g.local_college_id;
  } else if (lsg?.mode === "new") {
    localCollegeId =
      lsg.localCollegeId ??
      (await registry.createLocalCollege(ctx, row.region_id, { name: lsg.newLocalCollegeName as string }));
    await registry.createSteeringGroup(ctx, {
      regionId: row.region_id,
      level: "local",
      localCollegeId,
      name: lsg.name,
      members: lsg.members.map((m) => ({
        ...m,
        email: m.email ?? null,
        title: m.title ?? null,
        representsId: null,
      })),
    });
  }

  // The party joins the region.
  if (c.partyKind === "municipality") {
    await registry.addMunicipalityToRegion(ctx, {
      regionId: row.region_id,
      code: c.partyId,
      localCollegeId,
      joinedOn: today,
    });
  } else {
    const res = await ctx.db
      .updateTable("education_providers")
      .set({
        region_id: row.region_id,
        local_college_id: localCollegeId,
        updated_at: ctx.now.toISOString(),
        version: sql`version + 1`,
      })
      .where("id", "=", c.partyId)
      .where("region_id", "is", null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      throw conflict(
        "provider.in_other_region",
        "Utbildningsanordnaren hör redan till en region.",
        "The provider already belongs to a region.",
      );
    }
    await appendEvent(ctx, {
      streamType: "provider",
      streamId: c.partyId,
      type: "provider.joinedRegion",
      payload: { regionId: row.region_id, localCollegeId, caseId: row.id },
    });
  }

  // The new party's representative becomes a member of the regional steering group.
  const rep = item<"completeRegionalRepresentation">("regionalRepresentation");
  const group = await regionalGroup(ctx, row.region_id);
  if (rep && group) {
    const members = await ctx.db
      .selectFrom("steering_group_members")
      .selectAll()
      .where("steering_group_id", "=", group.id)
      .orderBy("position")
      .execute();
    await registry.updateSteeringGroup(ctx, group.id, {
      expectedVersion: group.version,
      name: group.name,
      members: [
        ...members.map((m) => ({
          name: m.name,
          email: m.email,
          title: m.title,
          representsKind: m.represents_kind as "company",
          representsId: m.represents_id,
          representsName: m.represents_name,
          isChair: m.is_chair === 1,
        })),
        {
          name: rep.representative.name,
          email: rep.representative.email ?? null,
          title: rep.representative.title ?? null,
          representsKind: rep.representative.representsKind,
          representsId: c.partyKind === "provider" ? c.partyId : null,
          representsName: rep.representative.representsName,
          isChair: false,
        },
      ],
    });
  }

  // The agreement: an addendum for the new party, or an updated agreement.
  const agreement = item<"completeAgreement">("agreement");
  if (agreement?.mode === "addendum") {
    await registry.addAddendum(ctx, agreement.agreementId, {
      partyKind: c.partyKind,
      partyId: c.partyId,
      partyName: c.partyName,
      signedOn: agreement.signedOn,
      note: agreement.note ?? `Anslutning ${row.registration_number}`,
    });
  } else if (agreement?.mode === "updated") {
    await registry.createAgreement(ctx, {
      regionId: row.region_id,
      title: agreement.title,
      validFrom: agreement.validFrom,
      validTo: agreement.validTo ?? null,
      signedOn: agreement.signedOn,
    });
  }
}

/** The "certificationStart" item: opens a linked certification case for the provider; both cases point at each other. */
export async function openLinkedCertification(
  ctx: Ctx,
  row: Row<"cases">,
  providerId: string,
): Promise<void> {
  const certCaseId = await openCertificationCase(
    ctx,
    { kind: "newProvider", regionId: row.region_id, providerId },
    { joiningCaseId: row.id },
  );
  const current = await ctx.db
    .selectFrom("cases")
    .select("record")
    .where("id", "=", row.id)
    .executeTakeFirstOrThrow();
  const record = { ...(JSON.parse(current.record) as JoiningRecord), linkedCertificationCaseId: certCaseId };
  await ctx.db
    .updateTable("cases")
    .set({ linked_case_id: certCaseId, record: JSON.stringify(record) })
    .where("id", "=", row.id)
    .execute();
}
