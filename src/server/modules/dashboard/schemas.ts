import { z } from "zod";
import { CERTIFICATION_STEPS } from "../../../domain/certification/steps";

const label = z.object({ sv: z.string(), en: z.string() });

export const personSchema = z.object({ id: z.string(), name: z.string() });
export const staffSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(["secretariat", "reviewer"]),
});

const caseRef = z.object({
  id: z.string(),
  registrationNumber: z.string(),
  title: z.string(),
  region: z.object({ id: z.string(), name: z.string() }),
  state: z.string(),
  stateLabel: label,
  stepNumber: z.number().nullable(),
  dueDate: z.string(),
  deadline: z.string().nullable(),
});

export const dashboardSchema = z.object({
  today: z.string(),
  casesByStep: z.array(
    z.object({ step: z.enum(CERTIFICATION_STEPS), number: z.number(), label, count: z.number() }),
  ),
  totals: z.object({
    openCertification: z.number(),
    openJoining: z.number(),
    overdue: z.number(),
    dueSoon: z.number(),
  }),
  overdue: z.array(caseRef),
  dueSoon: z.array(caseRef),
  upcomingVisits: z.array(
    z.object({
      caseId: z.string(),
      registrationNumber: z.string(),
      title: z.string(),
      region: z.object({ id: z.string(), name: z.string() }),
      plannedDate: z.string(),
      place: z.string(),
    }),
  ),
  upcomingMeetings: z.array(
    z.object({
      id: z.string(),
      date: z.string(),
      kind: z.enum(["ordinary", "extra"]),
      title: z.string(),
      location: z.string(),
      agendaCount: z.number(),
    }),
  ),
  stepDurations: z.array(
    z.object({
      step: z.enum(CERTIFICATION_STEPS),
      label,
      medianDays: z.number().nullable(),
      count: z.number(),
    }),
  ),
  expiring: z.array(
    z.object({
      id: z.string(),
      regionId: z.string(),
      regionName: z.string(),
      subjectKind: z.string(),
      subjectName: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
      /** An open recertification case of this certification, if one was started. */
      recertificationCaseId: z.string().nullable(),
      canRecertify: z.boolean(),
    }),
  ),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const unassignedProviderSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["public", "private"]),
  municipalityCode: z.string().nullable(),
});
