import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/** The stored sort key of a task without a due date (`case_participants.task_due`), defined by its migration. */
export { NO_DUE_DATE } from "./migrations/2026-11-29T0007-task-sort-key";

/** Row types of the tables, as Kysely sees them. Dates are ISO text; booleans are 0/1. */

export interface CountyTable {
  code: string;
  name: string;
  short_name: string;
}

export interface MunicipalityTable {
  code: string;
  name: string;
  short_name: string;
  county_code: string;
}

export interface Versioned {
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface RegionTable extends Versioned {
  id: string;
  name: string;
  description: Generated<string>;
  website: string | null;
  status: Generated<string>;
}

export interface LocalCollegeTable extends Versioned {
  id: string;
  region_id: string;
  name: string;
  status: Generated<string>;
}

export interface RegionMunicipalityTable {
  municipality_code: string;
  region_id: string;
  local_college_id: string | null;
  joined_on: string;
}

export interface EducationProviderTable extends Versioned {
  id: string;
  name: string;
  kind: Generated<string>;
  org_number: string | null;
  municipality_code: string | null;
  region_id: string | null;
  local_college_id: string | null;
  status: Generated<string>;
}

export interface ProgrammeTable {
  id: string;
  provider_id: string;
  name: string;
  code: string | null;
  status: Generated<string>;
  created_at: string;
}

export interface SpecialisationTable {
  id: string;
  programme_id: string;
  name: string;
  status: Generated<string>;
  created_at: string;
}

export interface CompanyTable extends Versioned {
  id: string;
  name: string;
  org_number: string | null;
  municipality_code: string | null;
  region_id: string | null;
  local_college_id: string | null;
  letter_of_intent_on: string | null;
  status: Generated<string>;
}

export interface SteeringGroupTable extends Versioned {
  id: string;
  region_id: string;
  local_college_id: string | null;
  level: string;
  name: string;
  status: Generated<string>;
}

export interface SteeringGroupMemberTable {
  id: string;
  steering_group_id: string;
  position: number;
  name: string;
  email: string | null;
  title: string | null;
  represents_kind: string;
  represents_id: string | null;
  represents_name: string;
  is_chair: number;
}

export interface CooperationAgreementTable extends Versioned {
  id: string;
  region_id: string;
  title: string;
  valid_from: string;
  valid_to: string | null;
  signed_on: string | null;
  status: Generated<string>;
}

export interface AgreementAddendumTable {
  id: string;
  agreement_id: string;
  party_kind: string;
  party_id: string;
  party_name: string;
  signed_on: string;
  note: Generated<string>;
  created_at: string;
}

export interface CriteriaSetTable {
  id: string;
  version: number;
  name: string;
  valid_from: string;
  status: string;
  created_at: string;
  /** JSON: the indicators its follow-ups report ([{key, label: {sv, en}}]); null: DEFAULT_INDICATORS. */
  indicators: Generated<string | null>;
}

export interface CriterionTable {
  id: string;
  criteria_set_id: string;
  number: number;
  title: string;
  description: Generated<string>;
}

export interface UserTable extends Versioned {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  region_id: string | null;
  local_college_id: string | null;
  language: Generated<string>;
  status: Generated<string>;
  last_login_at: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface EventTable {
  id: string;
  stream_type: string;
  stream_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  actor_role: string | null;
  occurred_at: string;
  ip: string | null;
  user_agent: string | null;
  payload: string;
  process_version: number | null;
  prev_hash: string | null;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface Database {
  counties: CountyTable;
  municipalities: MunicipalityTable;
  regions: RegionTable;
  local_colleges: LocalCollegeTable;
  region_municipalities: RegionMunicipalityTable;
  education_providers: EducationProviderTable;
  programmes: ProgrammeTable;
  specialisations: SpecialisationTable;
  companies: CompanyTable;
  steering_groups: SteeringGroupTable;
  steering_group_members: SteeringGroupMemberTable;
  cooperation_agreements: CooperationAgreementTable;
  agreement_addenda: AgreementAddendumTable;
  criteria_sets: CriteriaSetTable;
  criteria: CriterionTable;
  users: UserTable;
  sessions: SessionTable;
  events: EventTable;
  settings: SettingTable;
  registration_counters: RegistrationCounterTable;
  board_meetings: BoardMeetingTable;
  cases: CaseTable;
  case_participants: CaseParticipantTable;
  meeting_placements: MeetingPlacementTable;
  certifications: CertificationTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  reminders_sent: ReminderSentTable;
  calendar_tokens: CalendarTokenTable;
  documents: DocumentTable;
  document_versions: DocumentVersionTable;
  registry_entries: RegistryEntryTable;
  case_state_counts: CaseStateCountTable;
  step_stay_counts: StepStayCountTable;
  read_models: ReadModelTable;
  login_throttle: LoginThrottleTable;
  follow_ups: FollowUpTable;
}

/** Failed-login counters per account and per address (migration 0013, domain/policies/login-throttle.ts). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
  level: number;
  last_failure_at: string;
}

/** Open cases per (process, state), kept in the transaction of every transition. */
export interface CaseStateCountTable {
  process: string;
  state: string;
  n: number;
}

/** Stays in a state that ended in a month, by length bucket (see domain/case-statistics.ts). */
export interface StepStayCountTable {
  process: string;
  state: string;
  month: string;
  bucket: number;
  n: number;
}

export interface ReadModelTable {
  name: string;
  version: number;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;

export interface RegistrationCounterTable {
  year: number;
  last: number;
}

export interface BoardMeetingTable extends Versioned {
  id: string;
  date: string;
  kind: string;
  title: string;
  location: Generated<string>;
  status: Generated<string>;
}

export interface CaseTable extends Versioned {
  id: string;
  registration_number: string;
  reg_year: number;
  reg_seq: number;
  process: string;
  process_version: number;
  kind: string;
  state: string;
  title: string;
  region_id: string;
  local_college_id: string | null;
  provider_id: string | null;
  programme_id: string | null;
  specialisation_id: string | null;
  municipality_code: string | null;
  certification_id: string | null;
  linked_case_id: string | null;
  criteria_set_id: string | null;
  board_meeting_id: string | null;
  record: string;
  next_due_date: string | null;
  next_deadline: string | null;
  /** The planned date of the coming review visit while the case is at the visit step (`plannedVisitDate`). */
  visit_date: string | null;
  awaiting_roles: Generated<string>;
  /** "|action|action|": what the state and record allow, whoever asks (null: not derived yet). */
  enabled_actions: Generated<string | null>;
  created_by: string | null;
  state_since: string;
  closed_at: string | null;
}

/** Every case ever placed on a meeting's agenda (kept by the transition that places it; migration 0011). */
export interface MeetingPlacementTable {
  board_meeting_id: string;
  case_id: string;
}

export interface CaseParticipantTable {
  case_id: string;
  user_id: string;
  role: string;
  /** 1 while the case is open and waiting for a reviewer (kept by every transition). */
  task_open: Generated<number>;
  /**
   * The sort key of the task list: the case's due date, or NO_DUE_DATE when it has none (migration 0007; written
   * by every transition, so never NULL once a transition or the migration has set it). Never shown to a user.
   */
  task_due: Generated<string | null>;
  task_since: Generated<string | null>;
}

export interface CertificationTable extends Versioned {
  id: string;
  case_id: string;
  region_id: string;
  subject_kind: string;
  subject_id: string;
  subject_name: string;
  valid_from: string;
  valid_to: string;
  status: string;
  ended_by_case_id: string | null;
  /** The month (1–12) its yearly follow-up opens; null: the month of the decision (migration 0017). */
  follow_up_month: Generated<number | null>;
  /** Flagged for attention by a follow-up's review (why, since when); cleared by the next accepted one. */
  attention_reason: Generated<string | null>;
  attention_since: Generated<string | null>;
}

/** One row per follow-up case: what the matrix, the dashboard and the history read (migration 0017). */
export interface FollowUpTable {
  case_id: string;
  certification_id: string;
  region_id: string;
  year: number;
  state: string;
  is_open: number;
  due_date: string | null;
  at_risk: number;
  outcome: string | null;
  /** JSON: criterion number → status. */
  statuses: string;
  /** JSON: indicator key → value. */
  indicators: string;
  updated_at: string;
}

export interface OutboxTable {
  id: string;
  kind: string;
  user_id: string | null;
  to_address: string;
  language: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  case_id: string | null;
  dedupe_key: string | null;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  claimed_by: string | null;
  claimed_until: string | null;
  /** A deadline reminder's deadline and due date (migration 0016), re-checked when it is sent; null otherwise. */
  deadline: string | null;
  due_date: string | null;
  /** Why a reminder was not sent after all (`cancelled`): domain/policies/notifications.ts. */
  cancel_reason: string | null;
  cancelled_at: string | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  case_id: string | null;
  template: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  kind: string;
  email: number;
  updated_at: string;
}

export interface ReminderSentTable {
  id: string;
  case_id: string;
  deadline: string;
  due_date: string;
  offset_days: number;
  notice: string;
  user_id: string;
  created_at: string;
}

export interface CalendarTokenTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}

export interface DocumentTable {
  id: string;
  owner_type: string;
  owner_id: string;
  case_id: string | null;
  slot: string;
  title: string;
  created_at: string;
  created_by: string | null;
  current_version: number;
}

export interface DocumentVersionTable {
  id: string;
  document_id: string;
  version: number;
  sha256: string;
  size: number;
  mime: string;
  original_name: string;
  safe_name: string;
  created_at: string;
  created_by: string | null;
  generated: Generated<number>;
}

export interface RegistryEntryTable {
  id: string;
  case_id: string;
  seq: number;
  registered_on: string;
  direction: string;
  counterpart: string;
  description: string;
  document_id: string | null;
  document_version: number | null;
  created_at: string;
}
