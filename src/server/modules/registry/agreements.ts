import type { z } from "zod";
import { managesRegion } from "../../../domain/access";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { actor, assertRegionVisible, dropUndefined } from "./checks";
import {
  insertEntity,
  loadAuthorized,
  loadOwner,
  logEvent,
  logPartChange,
  updateVersioned,
} from "./entities";
import type * as s from "./schemas";

/** Cooperation agreements and their addenda (hängavtal): the region's managers add, edit and remove them. */

export async function createAgreement(ctx: Ctx, input: z.infer<typeof s.createAgreementBody>) {
  await assertRegionVisible(ctx, input.regionId);
  if (!managesRegion(actor(ctx), input.regionId)) throw errors.forbidden("agreement");
  const id = await insertEntity(ctx, "agreement", {
    region_id: input.regionId,
    title: input.title,
    valid_from: input.validFrom,
    valid_to: input.validTo ?? null,
    signed_on: input.signedOn ?? null,
  });
  await logEvent(ctx, "agreement", id, "agreement.created", input);
  return id;
}

export async function updateAgreement(ctx: Ctx, id: string, input: z.infer<typeof s.updateAgreementBody>) {
  const row = await loadAuthorized(ctx, "agreement", id, "update");
  const { expectedVersion, ...rest } = input;
  const validFrom = rest.validFrom ?? row.valid_from;
  const validTo = rest.validTo === undefined ? row.valid_to : rest.validTo;
  if (validTo && validTo < validFrom) {
    throw errors.invalid("agreement.period_invalid", {
      sv: "Avtalet kan inte sluta innan det börjar.",
      en: "The agreement cannot end before it starts.",
    });
  }
  const patch = dropUndefined({
    title: rest.title,
    valid_from: rest.validFrom,
    valid_to: rest.validTo,
    signed_on: rest.signedOn,
  });
  await updateVersioned(ctx, "agreement", id, expectedVersion, patch, "agreement.updated", rest);
}

async function partyName(ctx: Ctx, kind: string, partyId: string): Promise<string | null> {
  if (kind === "municipality") {
    return (
      (
        await ctx.db
          .selectFrom("municipalities")
          .select("short_name")
          .where("code", "=", partyId)
          .executeTakeFirst()
      )?.short_name ?? null
    );
  }
  const table = kind === "provider" ? "education_providers" : "companies";
  return (
    (await ctx.db.selectFrom(table).select("name").where("id", "=", partyId).executeTakeFirst())?.name ?? null
  );
}

export async function addAddendum(
  ctx: Ctx,
  agreementId: string,
  input: z.infer<typeof s.createAddendumBody>,
) {
  await loadAuthorized(ctx, "agreement", agreementId, "update");
  const name = await partyName(ctx, input.partyKind, input.partyId);
  if (!name) throw errors.notFound(input.partyKind);
  const id = ctx.newId();
  await ctx.db
    .insertInto("agreement_addenda")
    .values({
      id,
      agreement_id: agreementId,
      party_kind: input.partyKind,
      party_id: input.partyId,
      party_name: input.partyName ?? name,
      signed_on: input.signedOn,
      note: input.note ?? "",
      created_at: ctx.now.toISOString(),
    })
    .execute();
  await logPartChange(ctx, "agreement", agreementId, "agreement.addendumAdded", { id, ...input });
  return id;
}

export async function deleteAddendum(ctx: Ctx, addendumId: string) {
  const ad = await ctx.db
    .selectFrom("agreement_addenda")
    .selectAll()
    .where("id", "=", addendumId)
    .executeTakeFirst();
  if (!ad) throw errors.notFound("addendum");
  await loadOwner(ctx, "agreement", ad.agreement_id, "delete", "addendum");
  await ctx.db.deleteFrom("agreement_addenda").where("id", "=", addendumId).execute();
  await logPartChange(ctx, "agreement", ad.agreement_id, "agreement.addendumDeleted", {
    id: addendumId,
    partyName: ad.party_name,
  });
  return ad.agreement_id;
}
