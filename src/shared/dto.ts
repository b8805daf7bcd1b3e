/**
 * The JSON shapes the API returns. Shared by the server's presenters and the web client.
 * Every entity response carries `actions`: what the caller may do with it now.
 */
import type { Language, MemberKind, Role, SteeringGroupLevel } from "./roles";

export interface ApiError {
  error: { code: string; message: string; details?: unknown };
}

export interface Me {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: string | null;
  localCollegeId: string | null;
  language: Language;
  csrfToken: string;
}

export interface County {
  code: string;
  name: string;
  shortName: string;
}

export interface Municipality {
  code: string;
  name: string;
  shortName: string;
  countyCode: string;
  regionId: string | null;
  localCollegeId: string | null;
}

export interface RegionSummary {
  id: string;
  name: string;
  status: "active" | "archived";
  municipalityCodes: string[];
  localCollegeCount: number;
  providerCount: number;
  /** Certification status for the map; "none" until the certification module records one. */
  certificationStatus: "certified" | "inProgress" | "none" | "expired";
}

export interface LocalCollege {
  id: string;
  regionId: string;
  name: string;
  status: "active" | "archived";
  municipalityCodes: string[];
  version: number;
  actions: string[];
}

export interface Specialisation {
  id: string;
  programmeId: string;
  name: string;
  status: "active" | "archived";
}

export interface Programme {
  id: string;
  providerId: string;
  name: string;
  code: string | null;
  status: "active" | "archived";
  specialisations: Specialisation[];
}

export interface Provider {
  id: string;
  name: string;
  kind: "public" | "private";
  orgNumber: string | null;
  municipalityCode: string | null;
  regionId: string | null;
  localCollegeId: string | null;
  status: "active" | "archived";
  programmes: Programme[];
  version: number;
  actions: string[];
}

export interface Company {
  id: string;
  name: string;
  orgNumber: string | null;
  municipalityCode: string | null;
  regionId: string | null;
  localCollegeId: string | null;
  letterOfIntentOn: string | null;
  status: "active" | "archived";
  version: number;
  actions: string[];
}

export interface SteeringGroupMember {
  id: string;
  name: string;
  email: string | null;
  title: string | null;
  representsKind: MemberKind;
  representsId: string | null;
  representsName: string;
  isChair: boolean;
}

export interface CompositionWarning {
  code:
    | "steeringGroup.no_members"
    | "steeringGroup.industry_minority"
    | "steeringGroup.chair_not_industry"
    | "steeringGroup.no_chair"
    | "steeringGroup.several_chairs";
  message: { sv: string; en: string };
}

export interface SteeringGroup {
  id: string;
  regionId: string;
  localCollegeId: string | null;
  level: SteeringGroupLevel;
  name: string;
  status: "active" | "archived";
  members: SteeringGroupMember[];
  composition: { companies: number; total: number; warnings: CompositionWarning[] };
  version: number;
  actions: string[];
}

export interface Addendum {
  id: string;
  agreementId: string;
  partyKind: "municipality" | "provider" | "company";
  partyId: string;
  partyName: string;
  signedOn: string;
  note: string;
}

export interface Agreement {
  id: string;
  regionId: string;
  title: string;
  validFrom: string;
  validTo: string | null;
  signedOn: string | null;
  status: "active" | "archived";
  addenda: Addendum[];
  version: number;
  actions: string[];
}

export interface RegionDetail {
  id: string;
  name: string;
  description: string;
  website: string | null;
  status: "active" | "archived";
  version: number;
  municipalities: Municipality[];
  localColleges: LocalCollege[];
  providers: Provider[];
  companies: Company[];
  steeringGroups: SteeringGroup[];
  agreements: Agreement[];
  actions: string[];
}

export interface Criterion {
  id: string;
  number: number;
  title: string;
  description: string;
}

export interface CriteriaSet {
  id: string;
  version: number;
  name: string;
  validFrom: string;
  status: "draft" | "active" | "retired";
  /** What its yearly follow-ups report (the defaults unless the set names its own). */
  indicators: { key: string; label: Label }[];
  criteria: Criterion[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  regionId: string | null;
  localCollegeId: string | null;
  language: Language;
  status: "active" | "disabled";
  lastLoginAt: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Label {
  sv: string;
  en: string;
}

export interface CaseDeadline {
  kind: "protocol" | "response" | "followUp";
  dueDate: string;
  overdue: boolean;
  daysLeft: number;
}

export interface CaseSummary {
  id: string;
  registrationNumber: string;
  process: "certification" | "joining" | "followUp";
  kind: string;
  kindLabel: Label;
  state: string;
  stateLabel: Label;
  stepNumber: number | null;
  title: string;
  region: { id: string; name: string };
  nextDeadline: CaseDeadline | null;
  awaiting: string[];
  updatedAt: string;
  createdAt: string;
}

export interface CaseDetail extends CaseSummary {
  processVersion: number;
  localCollege: { id: string; name: string } | null;
  provider: { id: string; name: string } | null;
  programme: { id: string; name: string } | null;
  specialisation: { id: string; name: string } | null;
  certificationId: string | null;
  linkedCaseId: string | null;
  criteriaSet: { id: string; version: number; name: string; criteria: Criterion[] } | null;
  boardMeeting: BoardMeeting | null;
  reviewers: { id: string; name: string }[];
  /** The accumulated step data (see src/domain/certification/record.ts). */
  record: unknown;
  /** Joining cases: the checklist with each item's status and who completed it. */
  checklist: { item: string; status: "done" | "open" | "notApplicable"; entry: unknown }[] | null;
  /** The linked case (a joining case and the certification it started). */
  linkedCase: { id: string; registrationNumber: string; title: string } | null;
  /** Every step with its status, for the timeline (certification cases). */
  steps: {
    code: string;
    number: number;
    label: Label;
    status: "done" | "current" | "upcoming" | "skipped";
  }[];
  documents: unknown[];
  actions: string[];
  version: number;
}

export interface CaseEvent {
  seq: number;
  type: string;
  occurredAt: string;
  actor: { id: string | null; name: string | null; role: string | null };
  ip: string | null;
  userAgent: string | null;
  payload: unknown;
  processVersion: number | null;
  hash: string;
}

export interface Task {
  caseId: string;
  registrationNumber: string;
  title: string;
  region: { id: string; name: string };
  state: string;
  stateLabel: Label;
  stepNumber: number | null;
  actions: string[];
  dueDate: string | null;
  overdue: boolean;
}

/** A page of my tasks (`GET /api/tasks`), with counts of all of them up to a cap (the server's TASK_COUNT_CAP). */
export interface TaskPage extends Page<Task> {
  /** How many of my tasks are overdue, counted up to the same cap as `total`. */
  overdue: number;
  /** There are more tasks than were counted: `total` (and `overdue` when equal to it) means "at least". */
  totalCapped: boolean;
}

export interface BoardMeeting {
  id: string;
  date: string;
  kind: "ordinary" | "extra";
  title: string;
  location: string;
  status: "planned" | "held" | "cancelled";
  version: number;
}

export interface Certification {
  id: string;
  caseId: string;
  regionId: string;
  regionName: string;
  subjectKind: "region" | "provider" | "programme" | "specialisation";
  subjectId: string;
  subjectName: string;
  validFrom: string;
  validTo: string;
  status: "certified" | "postponed" | "decertified" | "expired" | "superseded";
  actions: string[];
}

// ---- quality follow-up (process C) ------------------------------------------------------------------------

export type FollowUpCriterionStatus = "onTrack" | "atRisk" | "notMet";

export interface FollowUpHistory {
  years: {
    year: number;
    caseId: string;
    registrationNumber: string;
    state: string;
    outcome: "accepted" | "flagged" | null;
  }[];
  criteria: { number: number; title: string; statuses: (FollowUpCriterionStatus | null)[] }[];
  indicators: { key: string; label: Label; values: (number | null)[] }[];
}

export interface CertificationFollowUps {
  certificationId: string;
  subjectName: string;
  validFrom: string;
  validTo: string;
  status: string;
  /** The month (1–12) its follow-up opens each year; `followUpMonthIsDefault` when it is the decision's month. */
  followUpMonth: number;
  followUpMonthIsDefault: boolean;
  attention: { reason: string; since: string } | null;
  openFollowUp: { caseId: string; state: string; dueDate: string | null; overdue: boolean } | null;
  history: FollowUpHistory;
  actions: string[];
  version: number;
}

export interface RegionFollowUps {
  regionId: string;
  certifications: CertificationFollowUps[];
}

export interface FollowUpOverview {
  open: number;
  due: number;
  overdue: number;
  atRisk: number;
  flagged: number;
  regions: {
    regionId: string;
    regionName: string;
    open: number;
    overdue: number;
    atRisk: number;
    flagged: number;
  }[];
  /** Open follow-ups, the soonest due first. */
  items: {
    caseId: string;
    registrationNumber: string;
    title: string;
    regionId: string;
    regionName: string;
    state: string;
    stateLabel: Label;
    dueDate: string | null;
    overdue: boolean;
    atRisk: boolean;
  }[];
}
