/**
 * Why a precondition of an action failed: a stable dotted reason, a message in Swedish and English, and
 * the data behind it (missing criterion numbers, user ids …). Returned in `details.failures` of a
 * `case.precondition_failed` error.
 */
import type { DeadlineKind, Label } from "./steps";

const list = (values: readonly (string | number)[]) => values.join(", ");

type Criteria = { criteria: number[] };
type UserIds = { userIds: string[] };
type SupplementIds = { supplementIds: string[] };

export const PRECONDITION_MESSAGES = {
  "application.unknown_criteria": ({ criteria }: Criteria) => ({
    sv: `Kriterium ${list(criteria)} finns inte i ärendets kriterier`,
    en: `Criterion ${list(criteria)} is not in the case's criteria`,
  }),
  "application.missing_criteria": ({ criteria }: Criteria) => ({
    sv: `Ansökan saknar svar för kriterium ${list(criteria)}`,
    en: `The application has no answer for criterion ${list(criteria)}`,
  }),
  "application.steering_group_approval_missing": () => ({
    sv: "Den regionala styrgruppens godkännande är inte registrerat",
    en: "The regional steering group's approval is not recorded",
  }),
  "reviewers.not_reviewers": ({ userIds }: UserIds) => ({
    sv: `Användaren är inte granskare: ${list(userIds)}`,
    en: `Not a reviewer: ${list(userIds)}`,
  }),
  "reviewers.not_two": () => ({
    sv: "Två granskare måste vara utsedda",
    en: "Two reviewers must be assigned",
  }),
  "visit.unknown_participants": ({ userIds }: UserIds) => ({
    sv: `Okända deltagare: ${list(userIds)}`,
    en: `Unknown participants: ${list(userIds)}`,
  }),
  "visit.reviewer_missing": (_: UserIds) => ({
    sv: "Båda de utsedda granskarna måste delta i besöket",
    en: "Both assigned reviewers must take part in the visit",
  }),
  "visit.other_reviewers": (_: UserIds) => ({
    sv: "Endast de två utsedda granskarna får delta som granskare",
    en: "Only the two assigned reviewers may take part as reviewers",
  }),
  "visit.no_secretariat": () => ({
    sv: "Minst en person från kansliet måste delta",
    en: "At least one member of the secretariat must take part",
  }),
  "protocol.unknown_criteria": ({ criteria }: Criteria) => ({
    sv: `Kriterium ${list(criteria)} finns inte i ärendets kriterier`,
    en: `Criterion ${list(criteria)} is not in the case's criteria`,
  }),
  "protocol.duplicate_supplements": ({ supplementIds }: SupplementIds) => ({
    sv: `Kompletteringen ${list(supplementIds)} förekommer under flera kriterier`,
    en: `Supplement ${list(supplementIds)} appears under more than one criterion`,
  }),
  "protocol.missing_criteria": ({ criteria }: Criteria) => ({
    sv: `Protokollet saknar bedömning för kriterium ${list(criteria)}`,
    en: `The protocol has no finding for criterion ${list(criteria)}`,
  }),
  "response.missing_supplements": ({ supplementIds }: SupplementIds) => ({
    sv: `Svaret saknar komplettering ${list(supplementIds)}`,
    en: `The response does not answer supplement ${list(supplementIds)}`,
  }),
  "response.unknown_supplements": ({ supplementIds }: SupplementIds) => ({
    sv: `Protokollet begär inte komplettering ${list(supplementIds)}`,
    en: `The protocol does not require supplement ${list(supplementIds)}`,
  }),
  "decisionBasis.missing": () => ({
    sv: "Beslutsunderlaget är inte registrerat",
    en: "The decision basis is not recorded",
  }),
  "meeting.not_found": (_: { boardMeetingId: string }) => ({
    sv: "Styrelsemötet finns inte",
    en: "The board meeting does not exist",
  }),
  "meeting.not_ordinary": () => ({
    sv: "Styrelsen beslutar om certifiering endast vid ordinarie möten",
    en: "The board decides on certification only at ordinary meetings",
  }),
  "meeting.already_held": () => ({
    sv: "Styrelsemötet har redan hållits",
    en: "The board meeting has already been held",
  }),
  "meeting.cancelled": () => ({ sv: "Styrelsemötet är inställt", en: "The board meeting is cancelled" }),
  "meeting.not_in_future": (_: { date: string; today: string }) => ({
    sv: "Styrelsemötet måste ligga efter dagens datum",
    en: "The board meeting must be after today",
  }),
  "decision.already_recorded": () => ({
    sv: "Ett beslut är redan registrerat för den här dagordningen",
    en: "A decision is already recorded for this agenda placement",
  }),
  "decision.not_on_agenda": () => ({
    sv: "Ärendet står inte på dagordningen för ett ordinarie styrelsemöte; styrelsen beslutar endast på ordinarie möten",
    en: "The case is not on the agenda of an ordinary board meeting; the board decides only at ordinary meetings",
  }),
  "decision.before_meeting": ({ title, date }: { title: string; date: string; today: string }) => ({
    sv: `Beslutet kan registreras först på styrelsemötet${title ? ` ”${title}”` : ""} den ${date}`,
    en: `The decision can be recorded only at the board meeting${title ? ` "${title}"` : ""} on ${date}`,
  }),
  "decision.not_meeting_date": ({ title, date }: { title: string; date: string; decidedOn: string }) => ({
    sv: `Beslutsdatumet ska vara dagen för styrelsemötet${title ? ` ”${title}”` : ""}: ${date}`,
    en: `The decision date must be the day of the board meeting${title ? ` "${title}"` : ""}: ${date}`,
  }),
  "meeting.decision_recorded": () => ({
    sv: "Styrelsen har redan registrerat beslut för ett ärende på mötets dagordning; mötet kan inte flyttas eller ställas in",
    en: "The board has already recorded a decision for a case on the meeting's agenda; the meeting cannot be moved or cancelled",
  }),
  "decision.missing": () => ({ sv: "Inget beslut är registrerat", en: "No decision is recorded" }),
  "deadline.not_open": (_: { deadline?: DeadlineKind }) => ({
    sv: "Det finns ingen öppen tidsfrist att skjuta upp",
    en: "There is no open deadline to postpone",
  }),
  "deadline.not_later": ({ dueDate }: { deadline: DeadlineKind; dueDate: string }) => ({
    sv: `Det nya datumet måste vara senare än nuvarande sista dag ${dueDate}`,
    en: `The new due date must be later than the current due date ${dueDate}`,
  }),
  "date.in_future": ({ date }: { field: string; date: string; today: string }) => ({
    sv: `Datumet ${date} ligger i framtiden`,
    en: `The date ${date} is in the future`,
  }),
  "date.too_early": ({ date, earliest }: { field: string; date: string; earliest: string }) => ({
    sv: `Datumet ${date} ligger före ${earliest}`,
    en: `The date ${date} is before ${earliest}`,
  }),
} satisfies Record<string, (data: never) => Label>;

export type PreconditionReason = keyof typeof PRECONDITION_MESSAGES;
export const PRECONDITION_REASONS = Object.keys(PRECONDITION_MESSAGES) as PreconditionReason[];

export type PreconditionFailure = { reason: PreconditionReason; message: Label; [key: string]: unknown };

/** A failure with its message; the data is spread into it (`{ reason, message, criteria: [3, 5] }`). */
export function failure<R extends PreconditionReason>(
  reason: R,
  ...[data]: Parameters<(typeof PRECONDITION_MESSAGES)[R]>
): PreconditionFailure {
  const message = (PRECONDITION_MESSAGES[reason] as (d: unknown) => Label)(data);
  return { reason, message, ...(data as object | undefined) };
}
