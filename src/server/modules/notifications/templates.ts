import { deadlineLabel } from "../../../domain/case-labels";
import {
  DECISION_OUTCOME_LABELS,
  type DecisionOutcome,
  type Label,
} from "../../../domain/certification/steps";
import type { NotificationKind } from "../../../domain/policies/notifications";
import { loadConfig } from "../../config";

/**
 * The text of every notice, in Swedish and English (by the recipient's language), as an e-mail (subject,
 * plain text, HTML) and as an in-app notification (title, body, link). Pure apart from the link base.
 */

export type Language = "sv" | "en";

/**
 * Where links in e-mail point: SPELPLAN_BASE_URL. It is one fact per running process (one deployment has
 * one public address), so it is set once when the app is built (`setMailLinkBase(config.baseUrl)` in the
 * notifications plugin) rather than threaded through every use case and the shared `Ctx`. Code running
 * without the app (the CLI) gets the same value from the environment; every entry point also takes an
 * explicit `baseUrl` that wins, which is what tests use.
 */
let linkBase: string | undefined;

export function setMailLinkBase(baseUrl: string): void {
  linkBase = baseUrl.replace(/\/+$/, "");
}

export function mailLinkBase(override?: string): string {
  if (override) return override.replace(/\/+$/, "");
  linkBase ??= loadConfig().baseUrl.replace(/\/+$/, "");
  return linkBase;
}

/** Where a case lives in the web app (relative, for in-app notifications). */
export function casePath(caseId: string): string {
  return `/cases/${encodeURIComponent(caseId)}`;
}

export interface TemplateVars {
  recipientName: string;
  caseId: string;
  registrationNumber: string;
  caseTitle: string;
  regionName: string;
  /** yourTurn: the step the case waits in. */
  stepLabel?: Label;
  /** The deadline concerned (reminders, postponements) or running (protocol sent, decision postponed). */
  deadline?: string | null;
  dueDate?: string | null;
  /** reminder: whole days until the due date (negative once overdue). */
  daysLeft?: number;
  /** caseOnAgenda: the meeting's date. */
  meetingDate?: string | null;
  /** decisionSent: the board's outcome. */
  outcome?: DecisionOutcome | null;
  /** deadlinePassed: who the case waits for. */
  waitingFor?: string[];
}

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  /** In-app: the headline and one paragraph. */
  title: string;
  body: string;
  link: string;
}

interface Content {
  headline: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
}

const ROLE_NAMES: Record<string, Label> = {
  secretariat: { sv: "kansliet", en: "the secretariat" },
  reviewer: { sv: "granskarna", en: "the reviewers" },
  board: { sv: "styrelsen", en: "the board" },
  regionLead: { sv: "regionens processledare", en: "the region's process lead" },
  localLead: { sv: "lokal kontakt", en: "the local contact" },
};

function days(n: number, lang: Language): string {
  if (lang === "sv") return n === 1 ? "1 dag" : `${n} dagar`;
  return n === 1 ? "1 day" : `${n} days`;
}

function deadlineName(v: TemplateVars, lang: Language): string {
  return v.deadline
    ? deadlineLabel(v.deadline)[lang].toLowerCase()
    : lang === "sv"
      ? "uppgiften"
      : "the task";
}

function list(items: string[], lang: Language): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${lang === "sv" ? "och" : "and"} ${items[items.length - 1]}`;
}

type ContentFn = (v: TemplateVars) => Content;

const CONTENT: Record<NotificationKind, Record<Language, ContentFn>> = {
  interestSubmitted: {
    sv: (v) => ({
      headline: "Ny intresseanmälan",
      paragraphs: [
        `${v.regionName} har skickat in en intresseanmälan. Nästa steg är kansliets återkoppling till regionen.`,
      ],
    }),
    en: (v) => ({
      headline: "New notification of interest",
      paragraphs: [
        `${v.regionName} has submitted a notification of interest. Next, the secretariat gives the region feedback.`,
      ],
    }),
  },
  feedbackGiven: {
    sv: () => ({
      headline: "Återkoppling från kansliet",
      paragraphs: [
        "Kansliet har gett återkoppling på er intresseanmälan. Nästa steg är att ta fram ansökan och lämna den till den regionala styrgruppen.",
      ],
    }),
    en: () => ({
      headline: "Feedback from the secretariat",
      paragraphs: [
        "The secretariat has given feedback on your notification of interest. Next, draft the application and take it to the regional steering group.",
      ],
    }),
  },
  applicationSubmitted: {
    sv: (v) => ({
      headline: "Ansökan inskickad",
      paragraphs: [
        `${v.regionName} har skickat in sin ansökan. Nästa steg är beredning: utse två granskare och planera granskningsbesöket.`,
      ],
    }),
    en: (v) => ({
      headline: "Application submitted",
      paragraphs: [
        `${v.regionName} has submitted its application. Next comes preparation: assign two reviewers and plan the review visit.`,
      ],
    }),
  },
  reviewersAssigned: {
    sv: () => ({
      headline: "Du är utsedd till granskare",
      paragraphs: [
        "Du har utsetts till en av två granskare i ärendet. Planera granskningsbesöket tillsammans med kansliet och regionen.",
      ],
    }),
    en: () => ({
      headline: "You have been assigned as a reviewer",
      paragraphs: [
        "You are one of the two reviewers of this case. Plan the review visit together with the secretariat and the region.",
      ],
    }),
  },
  protocolSent: {
    sv: (v) => ({
      headline: "Protokoll från granskningsbesöket",
      paragraphs: [
        "Protokollet från granskningsbesöket är skickat till regionen.",
        v.dueDate
          ? `Svara på de kompletteringar som protokollet kräver senast ${v.dueDate}.`
          : "Svara på de kompletteringar som protokollet kräver.",
      ],
    }),
    en: (v) => ({
      headline: "Protocol of the review visit",
      paragraphs: [
        "The protocol of the review visit has been sent to the region.",
        v.dueDate
          ? `Respond to the supplements it requires by ${v.dueDate}.`
          : "Respond to the supplements it requires.",
      ],
    }),
  },
  responseSubmitted: {
    sv: (v) => ({
      headline: "Svar på protokollet inkommet",
      paragraphs: [
        `${v.regionName} har svarat på protokollet. Nästa steg är beslutsunderlaget och styrelsens dagordning.`,
      ],
    }),
    en: (v) => ({
      headline: "Response to the protocol received",
      paragraphs: [
        `${v.regionName} has responded to the protocol. Next: the decision basis and the board's agenda.`,
      ],
    }),
  },
  caseOnAgenda: {
    sv: (v) => ({
      headline: "Ärende på styrelsens dagordning",
      paragraphs: [
        v.meetingDate
          ? `Ärendet är lagt på dagordningen för styrelsemötet ${v.meetingDate}. Beslutsunderlaget finns i ärendet.`
          : "Ärendet är lagt på styrelsens dagordning. Beslutsunderlaget finns i ärendet.",
      ],
    }),
    en: (v) => ({
      headline: "Case on the board's agenda",
      paragraphs: [
        v.meetingDate
          ? `The case is on the agenda of the board meeting on ${v.meetingDate}. The decision basis is in the case.`
          : "The case is on the board's agenda. The decision basis is in the case.",
      ],
    }),
  },
  decisionSent: {
    sv: (v) => ({
      headline: "Styrelsens beslut",
      paragraphs: [
        v.outcome
          ? `Styrelsen har fattat beslut i ärendet: ${DECISION_OUTCOME_LABELS[v.outcome].sv.toLowerCase()}.`
          : "Styrelsen har fattat beslut i ärendet.",
        ...(v.outcome === "postponed" && v.dueDate
          ? [`Komplettera och svara senast ${v.dueDate}.`]
          : v.outcome === "approved"
            ? ["Grattis! Nästa steg är en certifieringsceremoni, om ni vill hålla en."]
            : []),
      ],
    }),
    en: (v) => ({
      headline: "The board's decision",
      paragraphs: [
        v.outcome
          ? `The board has decided the case: ${DECISION_OUTCOME_LABELS[v.outcome].en.toLowerCase()}.`
          : "The board has decided the case.",
        ...(v.outcome === "postponed" && v.dueDate
          ? [`Supplement and respond by ${v.dueDate}.`]
          : v.outcome === "approved"
            ? ["Congratulations! Next is a certification ceremony, should you wish to hold one."]
            : []),
      ],
    }),
  },
  deadlinePostponed: {
    sv: (v) => ({
      headline: "Tidsfristen är förlängd",
      paragraphs: [
        `Kansliet har beviljat uppskov: sista dag för ${deadlineName(v, "sv")} är nu ${v.dueDate}.`,
      ],
    }),
    en: (v) => ({
      headline: "The deadline has been extended",
      paragraphs: [
        `The secretariat has granted a postponement: the ${deadlineName(v, "en")} is now due on ${v.dueDate}.`,
      ],
    }),
  },
  agendaCancelled: {
    sv: () => ({
      headline: "Styrelsemötet är inställt",
      paragraphs: [
        "Styrelsemötet som ärendet stod på dagordningen för har ställts in. Ärendet är tillbaka i beslutsberedning och behöver läggas på dagordningen för ett senare ordinarie möte.",
      ],
    }),
    en: () => ({
      headline: "The board meeting is cancelled",
      paragraphs: [
        "The board meeting whose agenda the case was on has been cancelled. The case is back in decision preparation and needs a place on a later ordinary meeting's agenda.",
      ],
    }),
  },
  caseWithdrawn: {
    sv: () => ({
      headline: "Ärendet är återtaget",
      paragraphs: ["Kansliet har avslutat ärendet utan beslut. Inga fler steg väntar."],
    }),
    en: () => ({
      headline: "The case has been withdrawn",
      paragraphs: ["The secretariat has closed the case without a decision. No further steps remain."],
    }),
  },
  noProviderAgreement: {
    sv: (v) => ({
      headline: "Samverkansavtal för kommun utan egen anordnare",
      paragraphs: [
        `${v.regionName} har skrivit samverkansavtal för en kommun utan egen utbildningsanordnare i anslutningsärendet. Kansliet behöver känna till avtalet.`,
      ],
    }),
    en: (v) => ({
      headline: "Cooperation agreement for a municipality without a provider",
      paragraphs: [
        `${v.regionName} has written a cooperation agreement for a municipality without its own provider in the joining case. The secretariat needs to know of it.`,
      ],
    }),
  },
  joiningCompleted: {
    sv: (v) => ({
      headline: "Anslutning klar",
      paragraphs: [`${v.regionName} har slutfört anslutningsärendet. Registret är uppdaterat.`],
    }),
    en: (v) => ({
      headline: "Joining completed",
      paragraphs: [`${v.regionName} has completed the joining case. The registry has been updated.`],
    }),
  },
  followUpReviewerAssigned: {
    sv: (v) => ({
      headline: "Du är utsedd till granskare av en kvalitetsuppföljning",
      paragraphs: [
        `Kansliet har bett dig granska ${v.regionName}s årliga kvalitetsuppföljning. Läs självvärderingen och skriv dina anteckningar i ärendet.`,
      ],
    }),
    en: (v) => ({
      headline: "You have been asked to review a quality follow-up",
      paragraphs: [
        `The secretariat has asked you to review the yearly quality follow-up of ${v.regionName}. Read the self-assessment and write your notes in the case.`,
      ],
    }),
  },
  followUpReviewed: {
    sv: () => ({
      headline: "Kansliet har granskat kvalitetsuppföljningen",
      paragraphs: [
        "Kansliet har gått igenom årets kvalitetsuppföljning. Läs bedömningen i ärendet; nästa års uppföljning utgår från de planerade åtgärderna.",
      ],
    }),
    en: () => ({
      headline: "The secretariat has reviewed the quality follow-up",
      paragraphs: [
        "The secretariat has gone through this year's quality follow-up. Read its assessment in the case; next year's follow-up starts from the planned actions.",
      ],
    }),
  },
  yourTurn: {
    sv: (v) => ({
      headline: `Din tur: ${v.stepLabel?.sv ?? "nästa steg"}`,
      paragraphs: [
        `Ärendet väntar nu på dig i steget ${v.stepLabel?.sv ?? "som följer"}.`,
        ...(v.dueDate ? [`Sista dag för ${deadlineName(v, "sv")}: ${v.dueDate}.`] : []),
      ],
    }),
    en: (v) => ({
      headline: `Your turn: ${v.stepLabel?.en ?? "next step"}`,
      paragraphs: [
        `The case is now waiting for you in the step ${v.stepLabel?.en ?? "that follows"}.`,
        ...(v.dueDate ? [`The ${deadlineName(v, "en")} is due on ${v.dueDate}.`] : []),
      ],
    }),
  },
  reminder: {
    sv: (v) => {
      const n = v.daysLeft ?? 0;
      const what = deadlineName(v, "sv");
      if (n > 0)
        return {
          headline: `Påminnelse: ${what} senast ${v.dueDate}`,
          paragraphs: [`Sista dag för ${what} är ${v.dueDate}, om ${days(n, "sv")}.`],
        };
      if (n === 0)
        return {
          headline: `Påminnelse: ${what} senast i dag`,
          paragraphs: [`Sista dag för ${what} är i dag, ${v.dueDate}.`],
        };
      return {
        headline: `Försenat: ${what} skulle ha kommit in ${v.dueDate}`,
        paragraphs: [
          `Sista dag för ${what} var ${v.dueDate}, för ${days(-n, "sv")} sedan. Gör klart steget eller kontakta kansliet om uppskov.`,
        ],
      };
    },
    en: (v) => {
      const n = v.daysLeft ?? 0;
      const what = deadlineName(v, "en");
      if (n > 0)
        return {
          headline: `Reminder: ${what} due ${v.dueDate}`,
          paragraphs: [`The ${what} is due on ${v.dueDate}, in ${days(n, "en")}.`],
        };
      if (n === 0)
        return {
          headline: `Reminder: ${what} due today`,
          paragraphs: [`The ${what} is due today, ${v.dueDate}.`],
        };
      return {
        headline: `Overdue: ${what} was due ${v.dueDate}`,
        paragraphs: [
          `The ${what} was due on ${v.dueDate}, ${days(-n, "en")} ago. Complete the step or ask the secretariat for a postponement.`,
        ],
      };
    },
  },
  deadlinePassed: {
    sv: (v) => ({
      headline: `Tidsfrist passerad: ${deadlineName(v, "sv")}`,
      paragraphs: [
        `Sista dag för ${deadlineName(v, "sv")} var ${v.dueDate}.${
          v.waitingFor?.length
            ? ` Ärendet väntar på ${list(
                v.waitingFor.map((r) => ROLE_NAMES[r]?.sv ?? r),
                "sv",
              )}.`
            : ""
        }`,
      ],
    }),
    en: (v) => ({
      headline: `Deadline passed: ${deadlineName(v, "en")}`,
      paragraphs: [
        `The ${deadlineName(v, "en")} was due on ${v.dueDate}.${
          v.waitingFor?.length
            ? ` The case is waiting for ${list(
                v.waitingFor.map((r) => ROLE_NAMES[r]?.en ?? r),
                "en",
              )}.`
            : ""
        }`,
      ],
    }),
  },
};

const FRAME: Record<
  Language,
  { hello: (name: string) => string; case: string; region: string; open: string; footer: string }
> = {
  sv: {
    hello: (name) => `Hej ${name}!`,
    case: "Ärende",
    region: "Region",
    open: "Öppna ärendet",
    footer: "Spelplan – Teknikcollege Sverige. Meddelandet är skickat automatiskt.",
  },
  en: {
    hello: (name) => `Hello ${name},`,
    case: "Case",
    region: "Region",
    open: "Open the case",
    footer: "Spelplan – Teknikcollege Sverige. This message was sent automatically.",
  },
};

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** One notice for one recipient: the e-mail and the in-app notification. */
export function renderNotice(
  kind: NotificationKind,
  language: Language,
  vars: TemplateVars,
  baseUrl?: string,
): RenderedNotice {
  const lang: Language = language === "en" ? "en" : "sv";
  const content = CONTENT[kind][lang](vars);
  const frame = FRAME[lang];
  const link = casePath(vars.caseId);
  const url = `${mailLinkBase(baseUrl)}${link}`;
  const subject = `${content.headline} – ${vars.registrationNumber}`;
  const facts = [
    `${frame.case}: ${vars.registrationNumber} ${vars.caseTitle}`,
    `${frame.region}: ${vars.regionName}`,
  ];
  const text = [
    frame.hello(vars.recipientName),
    ...content.paragraphs,
    facts.join("\n"),
    `${frame.open}: ${url}`,
    `-- \n${frame.footer}`,
  ].join("\n\n");
  const html = [
    "<!doctype html>",
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Arial, sans-serif; line-height: 1.5; color: #1a1a1a;">',
    `<p>${escapeHtml(frame.hello(vars.recipientName))}</p>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p>${facts.map(escapeHtml).join("<br>")}</p>`,
    `<p><a href="${escapeHtml(url)}">${escapeHtml(frame.open)}</a></p>`,
    `<p style="color: #666; font-size: 0.9em;">${escapeHtml(frame.footer)}</p>`,
    "</body></html>",
  ].join("\n");
  return {
    subject,
    text,
    html,
    title: content.headline,
    body: `${vars.registrationNumber} ${vars.caseTitle}: ${content.paragraphs.join(" ")}`,
    link,
  };
}

/** What each kind is called in the preferences list. */
export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, { sv: string; en: string }> = {
  interestSubmitted: { sv: "Intresseanmälan inkommen", en: "Notification of interest received" },
  feedbackGiven: { sv: "Återkoppling från kansliet", en: "Feedback from the secretariat" },
  applicationSubmitted: { sv: "Ansökan inskickad", en: "Application submitted" },
  reviewersAssigned: { sv: "Utsedd till granskare", en: "Assigned as reviewer" },
  protocolSent: { sv: "Protokoll skickat", en: "Protocol sent" },
  responseSubmitted: { sv: "Svar på protokollet inkommet", en: "Response to the protocol received" },
  caseOnAgenda: { sv: "Ärende på styrelsens dagordning", en: "Case on the board's agenda" },
  decisionSent: { sv: "Styrelsens beslut", en: "The board's decision" },
  deadlinePostponed: { sv: "Uppskov av tidsfrist", en: "Deadline postponed" },
  caseWithdrawn: { sv: "Ärende återtaget", en: "Case withdrawn" },
  agendaCancelled: { sv: "Inställt styrelsemöte", en: "Board meeting cancelled" },
  noProviderAgreement: {
    sv: "Samverkansavtal för kommun utan anordnare",
    en: "Agreement for a municipality without a provider",
  },
  joiningCompleted: { sv: "Anslutning klar", en: "Joining completed" },
  followUpReviewerAssigned: {
    sv: "Utsedd till granskare av en kvalitetsuppföljning",
    en: "Asked to review a quality follow-up",
  },
  followUpReviewed: { sv: "Kvalitetsuppföljningen granskad", en: "Quality follow-up reviewed" },
  yourTurn: { sv: "Din tur i ett ärende", en: "Your turn in a case" },
  reminder: { sv: "Påminnelser om tidsfrister", en: "Deadline reminders" },
  deadlinePassed: { sv: "Passerade tidsfrister", en: "Deadlines passed" },
};
