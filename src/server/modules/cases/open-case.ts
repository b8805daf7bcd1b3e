/**
 * Opening a certification case: the subject it is about (region, provider, programme, specialisation, or the
 * certification a recertification or decertification names), its registration number and criteria set, the
 * first state of the process definition, the event and the counters, in the caller's transaction. Apart from
 * use-cases.ts so that joining.ts (which opens a linked certification case) and use-cases.ts (which runs the
 * joining effects) do not import each other.
 */
import { stockholmDate } from "../../../domain/certification/deadlines";
import {
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  enabledActions,
  nextActors,
  startCase,
} from "../../../domain/certification/machine";
import { CASE_KIND_LABELS, type CaseKind } from "../../../domain/certification/steps";
import { mayOpenCase } from "../../../domain/policies/cases";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { activeCriteriaSet } from "../registry/criteria";
import { criteriaNumbersOf } from "./facts";
import { listOf } from "./lists";
import { allocateRegistrationNumber } from "./registration";
import type { CertificationCaseInput } from "./schemas";
import { recordCaseStatistics } from "./statistics";

/** The acting principal of a use case (401 without one). */
export function actorOf(ctx: Ctx) {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

/** "|secretariat|reviewer|": the roles that must act next, stored for task queries. */
export function awaitingRoles(facts: CaseFacts, processVersion: number): string {
  return listOf(nextActors(facts, processVersion));
}

interface Subject {
  title: string;
  localCollegeId: string | null;
  providerId: string | null;
  programmeId: string | null;
  specialisationId: string | null;
  certificationId: string | null;
}

const invalidSubject = (sv: string, en: string) => errors.invalid("case.invalid_subject", { sv, en });

/** Checks that what the case is about exists and belongs to the region; builds the case title. */
async function resolveSubject(
  ctx: Ctx,
  input: CertificationCaseInput,
  regionName: string,
  joiningProvider = false,
): Promise<Subject> {
  const label = CASE_KIND_LABELS[input.kind as CaseKind].sv;
  const base: Subject = {
    title: `${label}: ${regionName}`,
    localCollegeId: input.localCollegeId ?? null,
    providerId: null,
    programmeId: null,
    specialisationId: null,
    certificationId: null,
  };
  if (base.localCollegeId) {
    const lc = await ctx.db
      .selectFrom("local_colleges")
      .select(["region_id", "name"])
      .where("id", "=", base.localCollegeId)
      .executeTakeFirst();
    if (lc?.region_id !== input.regionId)
      throw invalidSubject(
        "Det lokala colleget hör inte till regionen.",
        "The local college is not in the region.",
      );
  }
  const provider = async (providerId: string) => {
    const p = await ctx.db
      .selectFrom("education_providers")
      .selectAll()
      .where("id", "=", providerId)
      .executeTakeFirst();
    // A provider that is joining the region (linked joining case) is not in it yet.
    if (!p || (p.region_id !== input.regionId && !(joiningProvider && p.region_id === null)))
      throw invalidSubject(
        "Utbildningsanordnaren hör inte till regionen.",
        "The provider is not in the region.",
      );
    base.providerId = p.id;
    base.localCollegeId ??= p.local_college_id;
    return p;
  };
  const programme = async (programmeId: string) => {
    const pr = await ctx.db
      .selectFrom("programmes")
      .selectAll()
      .where("id", "=", programmeId)
      .executeTakeFirst();
    if (!pr) throw invalidSubject("Utbildningen finns inte.", "The programme does not exist.");
    const p = await provider(pr.provider_id);
    base.programmeId = pr.id;
    return { pr, p };
  };
  switch (input.kind) {
    case "newRegion":
      return base;
    case "newProvider": {
      if (!input.providerId) throw invalidSubject("Ange utbildningsanordnare.", "Name the provider.");
      const p = await provider(input.providerId);
      return { ...base, title: `${label}: ${p.name}` };
    }
    case "newProgramme": {
      if (!input.programmeId) throw invalidSubject("Ange utbildning.", "Name the programme.");
      const { pr, p } = await programme(input.programmeId);
      return { ...base, title: `${label}: ${pr.name}, ${p.name}` };
    }
    case "newSpecialisation": {
      if (!input.specialisationId) throw invalidSubject("Ange inriktning.", "Name the specialisation.");
      const sp = await ctx.db
        .selectFrom("specialisations")
        .selectAll()
        .where("id", "=", input.specialisationId)
        .executeTakeFirst();
      if (!sp) throw invalidSubject("Inriktningen finns inte.", "The specialisation does not exist.");
      const { pr, p } = await programme(sp.programme_id);
      base.specialisationId = sp.id;
      return { ...base, title: `${label}: ${sp.name} (${pr.name}, ${p.name})` };
    }
    default: {
      // recertification, decertification: about an existing certification of the region
      if (!input.certificationId) throw invalidSubject("Ange certifieringen.", "Name the certification.");
      const cert = await ctx.db
        .selectFrom("certifications")
        .selectAll()
        .where("id", "=", input.certificationId)
        .executeTakeFirst();
      if (cert?.region_id !== input.regionId) {
        throw invalidSubject(
          "Certifieringen hör inte till regionen.",
          "The certification is not the region's.",
        );
      }
      if (cert.status !== "certified") {
        throw invalidSubject("Certifieringen är inte giltig.", "The certification is not in force.");
      }
      base.certificationId = cert.id;
      if (cert.subject_kind === "provider") base.providerId = cert.subject_id;
      if (cert.subject_kind === "programme") base.programmeId = cert.subject_id;
      if (cert.subject_kind === "specialisation") base.specialisationId = cert.subject_id;
      return { ...base, title: `${label}: ${cert.subject_name}` };
    }
  }
}

/** Opens a certification case: a registration number, the active criteria set, the process version, the first step. */
export async function openCertificationCase(
  ctx: Ctx,
  input: CertificationCaseInput,
  link: { joiningCaseId?: string } = {},
): Promise<string> {
  const p = actorOf(ctx);
  const region = await ctx.db
    .selectFrom("regions")
    .selectAll()
    .where("id", "=", input.regionId)
    .executeTakeFirst();
  if (!region || (p.role !== "secretariat" && p.regionId !== region.id)) throw errors.notFound("region");
  if (!mayOpenCase(p, input.kind, region.id)) throw errors.forbidden("case");
  const subject = await resolveSubject(ctx, input, region.name, Boolean(link.joiningCaseId));
  const criteriaSet = await activeCriteriaSet(ctx.db);
  if (!criteriaSet) {
    throw errors.conflict("case.no_active_criteria", {
      sv: "Det finns inga aktiva kriterier.",
      en: "There is no active criteria set.",
    });
  }
  const criteria = await criteriaNumbersOf(ctx.db, criteriaSet.id);
  const facts = startCase({
    kind: input.kind,
    criteriaNumbers: criteria,
    processVersion: CERTIFICATION_PROCESS_VERSION,
  });
  const reg = await allocateRegistrationNumber(ctx, Number(stockholmDate(ctx.now).slice(0, 4)));
  const id = ctx.newId();
  const now = ctx.now.toISOString();
  await ctx.db
    .insertInto("cases")
    .values({
      id,
      registration_number: reg.number,
      reg_year: reg.year,
      reg_seq: reg.seq,
      process: "certification",
      process_version: CERTIFICATION_PROCESS_VERSION,
      kind: input.kind,
      state: facts.state,
      title: subject.title,
      region_id: region.id,
      local_college_id: subject.localCollegeId,
      provider_id: subject.providerId,
      programme_id: subject.programmeId,
      specialisation_id: subject.specialisationId,
      municipality_code: null,
      certification_id: subject.certificationId,
      linked_case_id: link.joiningCaseId ?? null,
      criteria_set_id: criteriaSet.id,
      board_meeting_id: null,
      record: JSON.stringify(facts.record),
      next_due_date: null,
      next_deadline: null,
      awaiting_roles: awaitingRoles(facts, CERTIFICATION_PROCESS_VERSION),
      enabled_actions: listOf(enabledActions(facts, CERTIFICATION_PROCESS_VERSION)),
      created_by: p.id,
      created_at: now,
      updated_at: now,
      state_since: now,
      closed_at: null,
    })
    .execute();
  await appendEvent(ctx, {
    streamType: "case",
    streamId: id,
    type: "case.opened",
    payload: {
      ...input,
      registrationNumber: reg.number,
      criteriaSetVersion: criteriaSet.version,
      state: facts.state,
    },
    processVersion: CERTIFICATION_PROCESS_VERSION,
  });
  await recordCaseStatistics(ctx.db, {
    process: "certification",
    before: null,
    after: { state: facts.state, open: true },
    at: now,
  });
  return id;
}
