import type { z } from "zod";
import { managesLocalCollege, managesRegion } from "../../../domain/access";
import { regionListActions } from "../../../domain/policies/registry";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import {
  actor,
  assertLocalCollegeInRegion,
  assertMunicipalityExists,
  assertRegionVisible,
  dropUndefined,
  requireManage,
  today,
} from "./checks";
import {
  insertEntity,
  loadAuthorized,
  loadOwner,
  logEvent,
  logPartChange,
  updateVersioned,
} from "./entities";
import type * as s from "./schemas";

/** Registry use cases: one exported function per thing a user does. Each runs inside the caller's transaction. */

// ---- regions -------------------------------------------------------------------------------------------

export async function createRegion(ctx: Ctx, input: z.infer<typeof s.createRegionBody>): Promise<string> {
  if (!regionListActions(actor(ctx)).includes("create")) throw errors.forbidden("region");
  const id = await insertEntity(ctx, "region", {
    name: input.name,
    description: input.description ?? "",
    website: input.website ?? null,
  });
  await logEvent(ctx, "region", id, "region.created", input);
  for (const code of input.municipalityCodes ?? [])
    await addMunicipalityToRegion(ctx, { regionId: id, code });
  return id;
}

export async function updateRegion(ctx: Ctx, id: string, input: z.infer<typeof s.updateRegionBody>) {
  await loadAuthorized(ctx, "region", id, "update");
  const { expectedVersion, ...patch } = input;
  await updateVersioned(ctx, "region", id, expectedVersion, patch, "region.updated");
}

export async function addMunicipalityToRegion(
  ctx: Ctx,
  args: { regionId: string; code: string; localCollegeId?: string | null; joinedOn?: string },
) {
  await loadAuthorized(ctx, "region", args.regionId, "manageMunicipalities");
  await assertMunicipalityExists(ctx, args.code);
  await assertLocalCollegeInRegion(ctx, args.regionId, args.localCollegeId);
  const existing = await ctx.db
    .selectFrom("region_municipalities")
    .selectAll()
    .where("municipality_code", "=", args.code)
    .executeTakeFirst();
  if (existing && existing.region_id !== args.regionId) {
    throw errors.conflict("municipality.in_other_region", {
      sv: "Kommunen hör redan till en annan region.",
      en: "The municipality already belongs to another region.",
    });
  }
  if (existing) {
    await ctx.db
      .updateTable("region_municipalities")
      .set({ local_college_id: args.localCollegeId ?? null, joined_on: args.joinedOn ?? existing.joined_on })
      .where("municipality_code", "=", args.code)
      .execute();
  } else {
    await ctx.db
      .insertInto("region_municipalities")
      .values({
        municipality_code: args.code,
        region_id: args.regionId,
        local_college_id: args.localCollegeId ?? null,
        joined_on: args.joinedOn ?? today(ctx),
      })
      .execute();
  }
  await logPartChange(
    ctx,
    "region",
    args.regionId,
    existing ? "region.municipalityChanged" : "region.municipalityAdded",
    { code: args.code, localCollegeId: args.localCollegeId ?? null, joinedOn: args.joinedOn ?? null },
  );
}

export async function removeMunicipalityFromRegion(ctx: Ctx, args: { regionId: string; code: string }) {
  await loadAuthorized(ctx, "region", args.regionId, "manageMunicipalities");
  const res = await ctx.db
    .deleteFrom("region_municipalities")
    .where("municipality_code", "=", args.code)
    .where("region_id", "=", args.regionId)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) throw errors.notFound("municipality");
  await logPartChange(ctx, "region", args.regionId, "region.municipalityRemoved", { code: args.code });
}

// ---- local colleges ------------------------------------------------------------------------------------

export async function createLocalCollege(
  ctx: Ctx,
  regionId: string,
  input: z.infer<typeof s.createLocalCollegeBody>,
) {
  await loadAuthorized(ctx, "region", regionId, "addLocalCollege");
  const id = await insertEntity(ctx, "localCollege", { region_id: regionId, name: input.name });
  await logEvent(ctx, "localCollege", id, "localCollege.created", { regionId, ...input });
  return id;
}

export async function updateLocalCollege(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof s.updateLocalCollegeBody>,
) {
  await loadAuthorized(ctx, "localCollege", id, "update");
  const { expectedVersion, ...patch } = input;
  await updateVersioned(ctx, "localCollege", id, expectedVersion, patch, "localCollege.updated");
}

// ---- providers, programmes, specialisations ----------------------------------------------------------------

/**
 * A region's providers and companies: owned by a region (a provider possibly by none yet) and perhaps one of its
 * local colleges, managed by whoever manages that college. The one difference between the two is their columns.
 */
const REGION_ITEM_COLUMNS = {
  provider: {
    name: "name",
    kind: "kind",
    orgNumber: "org_number",
    municipalityCode: "municipality_code",
    localCollegeId: "local_college_id",
  },
  company: {
    name: "name",
    orgNumber: "org_number",
    municipalityCode: "municipality_code",
    localCollegeId: "local_college_id",
    letterOfIntentOn: "letter_of_intent_on",
  },
} as const;
type RegionItem = keyof typeof REGION_ITEM_COLUMNS;

interface RegionItemFields {
  localCollegeId?: string | null;
  municipalityCode?: string | null;
  [field: string]: unknown;
}

/** The row's columns for the input's fields; `fill` for those it leaves out (null on insert; undefined on edit,
 * where an explicit null clears the column). */
function regionItemColumns(kind: RegionItem, input: RegionItemFields, fill: null | undefined) {
  return Object.fromEntries(
    Object.entries(REGION_ITEM_COLUMNS[kind]).map(([field, column]) => [
      column,
      input[field] === undefined ? fill : input[field],
    ]),
  );
}

async function createRegionItem(
  ctx: Ctx,
  kind: RegionItem,
  input: RegionItemFields & { regionId: string | null },
) {
  await assertRegionVisible(ctx, input.regionId);
  requireManage(ctx, input.regionId, input.localCollegeId, kind);
  if (input.regionId) await assertLocalCollegeInRegion(ctx, input.regionId, input.localCollegeId);
  await assertMunicipalityExists(ctx, input.municipalityCode);
  const id = await insertEntity(ctx, kind, {
    ...regionItemColumns(kind, input, null),
    region_id: input.regionId,
  } as never);
  await logEvent(ctx, kind, id, `${kind}.created`, input);
  return id;
}

async function updateRegionItem(
  ctx: Ctx,
  kind: RegionItem,
  id: string,
  input: RegionItemFields & { expectedVersion: number },
) {
  const row = await loadAuthorized(ctx, kind, id, "update");
  const { expectedVersion, ...rest } = input;
  if (rest.localCollegeId !== undefined) {
    requireManage(ctx, row.region_id, rest.localCollegeId, kind);
    if (row.region_id) await assertLocalCollegeInRegion(ctx, row.region_id, rest.localCollegeId);
  }
  await assertMunicipalityExists(ctx, rest.municipalityCode);
  const patch = dropUndefined(regionItemColumns(kind, rest, undefined));
  await updateVersioned(ctx, kind, id, expectedVersion, patch, `${kind}.updated`, rest);
}

export const createProvider = (ctx: Ctx, input: z.infer<typeof s.createProviderBody>) =>
  createRegionItem(ctx, "provider", input);
export const updateProvider = (ctx: Ctx, id: string, input: z.infer<typeof s.updateProviderBody>) =>
  updateRegionItem(ctx, "provider", id, input);

export async function addProgramme(
  ctx: Ctx,
  providerId: string,
  input: z.infer<typeof s.createProgrammeBody>,
) {
  await loadAuthorized(ctx, "provider", providerId, "update");
  const id = ctx.newId();
  await ctx.db
    .insertInto("programmes")
    .values({
      id,
      provider_id: providerId,
      name: input.name,
      code: input.code ?? null,
      created_at: ctx.now.toISOString(),
    })
    .execute();
  await logPartChange(ctx, "provider", providerId, "provider.programmeAdded", { id, ...input });
}

async function programmeOwner(ctx: Ctx, programmeId: string) {
  const pr = await ctx.db
    .selectFrom("programmes")
    .selectAll()
    .where("id", "=", programmeId)
    .executeTakeFirst();
  if (!pr) throw errors.notFound("programme");
  await loadOwner(ctx, "provider", pr.provider_id, "update", "programme");
  return pr;
}

export async function updateProgramme(
  ctx: Ctx,
  programmeId: string,
  input: z.infer<typeof s.updateProgrammeBody>,
) {
  const pr = await programmeOwner(ctx, programmeId);
  const patch = dropUndefined({ name: input.name, code: input.code, status: input.status });
  if (Object.keys(patch).length)
    await ctx.db.updateTable("programmes").set(patch).where("id", "=", programmeId).execute();
  await logPartChange(ctx, "provider", pr.provider_id, "provider.programmeUpdated", {
    id: programmeId,
    ...input,
  });
  return pr.provider_id;
}

export async function deleteProgramme(ctx: Ctx, programmeId: string) {
  const pr = await programmeOwner(ctx, programmeId);
  const spec = await ctx.db
    .selectFrom("specialisations")
    .select("id")
    .where("programme_id", "=", programmeId)
    .executeTakeFirst();
  if (spec) throw errors.inUse("programme");
  await ctx.db.deleteFrom("programmes").where("id", "=", programmeId).execute();
  await logPartChange(ctx, "provider", pr.provider_id, "provider.programmeDeleted", {
    id: programmeId,
    name: pr.name,
  });
  return pr.provider_id;
}

export async function addSpecialisation(
  ctx: Ctx,
  programmeId: string,
  input: z.infer<typeof s.createSpecialisationBody>,
) {
  const pr = await programmeOwner(ctx, programmeId);
  const id = ctx.newId();
  await ctx.db
    .insertInto("specialisations")
    .values({ id, programme_id: programmeId, name: input.name, created_at: ctx.now.toISOString() })
    .execute();
  await logPartChange(ctx, "provider", pr.provider_id, "provider.specialisationAdded", {
    id,
    programmeId,
    ...input,
  });
  return pr.provider_id;
}

export async function deleteSpecialisation(ctx: Ctx, specialisationId: string) {
  const sp = await ctx.db
    .selectFrom("specialisations")
    .selectAll()
    .where("id", "=", specialisationId)
    .executeTakeFirst();
  if (!sp) throw errors.notFound("specialisation");
  const pr = await programmeOwner(ctx, sp.programme_id);
  await ctx.db.deleteFrom("specialisations").where("id", "=", specialisationId).execute();
  await logPartChange(ctx, "provider", pr.provider_id, "provider.specialisationDeleted", {
    id: specialisationId,
    name: sp.name,
  });
  return pr.provider_id;
}

// ---- companies -----------------------------------------------------------------------------------------

export const createCompany = (ctx: Ctx, input: z.infer<typeof s.createCompanyBody>) =>
  createRegionItem(ctx, "company", input);
export const updateCompany = (ctx: Ctx, id: string, input: z.infer<typeof s.updateCompanyBody>) =>
  updateRegionItem(ctx, "company", id, input);

// ---- steering groups ---------------------------------------------------------------------------------

async function replaceMembers(ctx: Ctx, groupId: string, members: s.MemberInput[]) {
  await ctx.db.deleteFrom("steering_group_members").where("steering_group_id", "=", groupId).execute();
  if (members.length === 0) return;
  await ctx.db
    .insertInto("steering_group_members")
    .values(
      members.map((m, i) => ({
        id: ctx.newId(),
        steering_group_id: groupId,
        position: i,
        name: m.name,
        email: m.email ?? null,
        title: m.title ?? null,
        represents_kind: m.representsKind,
        represents_id: m.representsId ?? null,
        represents_name: m.representsName,
        is_chair: m.isChair ? 1 : 0,
      })),
    )
    .execute();
}

export async function createSteeringGroup(ctx: Ctx, input: z.infer<typeof s.createSteeringGroupBody>) {
  await assertRegionVisible(ctx, input.regionId);
  const p = actor(ctx);
  if (input.level === "local") {
    if (!input.localCollegeId) {
      throw errors.invalid("steeringGroup.local_college_required", {
        sv: "En lokal styrgrupp måste höra till ett lokalt college.",
        en: "A local steering group must belong to a local college.",
      });
    }
    await assertLocalCollegeInRegion(ctx, input.regionId, input.localCollegeId);
    if (!managesLocalCollege(p, input.regionId, input.localCollegeId))
      throw errors.forbidden("steeringGroup");
  } else if (!managesRegion(p, input.regionId)) {
    throw errors.forbidden("steeringGroup");
  }
  const id = await insertEntity(ctx, "steeringGroup", {
    region_id: input.regionId,
    local_college_id: input.level === "local" ? (input.localCollegeId ?? null) : null,
    level: input.level,
    name: input.name,
  });
  await replaceMembers(ctx, id, input.members);
  await logEvent(ctx, "steeringGroup", id, "steeringGroup.created", input);
  return id;
}

export async function updateSteeringGroup(
  ctx: Ctx,
  id: string,
  input: z.infer<typeof s.updateSteeringGroupBody>,
) {
  await loadAuthorized(ctx, "steeringGroup", id, "update");
  await updateVersioned(
    ctx,
    "steeringGroup",
    id,
    input.expectedVersion,
    { name: input.name },
    "steeringGroup.updated",
    {
      name: input.name,
      members: input.members,
    },
  );
  await replaceMembers(ctx, id, input.members);
}

export { addAddendum, createAgreement, deleteAddendum, updateAgreement } from "./agreements";
