import { CERTIFICATION_PROCESS_VERSION, startCase } from "../../../domain/certification/machine";
import { CASE_KIND_LABELS, type CaseKind } from "../../../domain/certification/steps";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { activeCriteriaSet } from "../registry/criteria";
import { criteriaNumbersOf } from "./facts";
import { insertOpenedCase, regionToOpenIn } from "./registration";
import type { CertificationCaseInput } from "./schemas";

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
  const { p, region } = await regionToOpenIn(ctx, input.kind, input.regionId);
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
  const { id } = await insertOpenedCase(
    ctx,
    {
      process: "certification",
      processVersion: CERTIFICATION_PROCESS_VERSION,
      kind: input.kind,
      state: facts.state,
      title: subject.title,
      regionId: region.id,
      localCollegeId: subject.localCollegeId,
      providerId: subject.providerId,
      programmeId: subject.programmeId,
      specialisationId: subject.specialisationId,
      certificationId: subject.certificationId,
      linkedCaseId: link.joiningCaseId ?? null,
      criteriaSetId: criteriaSet.id,
      record: facts.record,
      createdBy: p.id,
    },
    { ...input, criteriaSetVersion: criteriaSet.version },
  );
  return id;
}
