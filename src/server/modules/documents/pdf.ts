import { createRequire } from "node:module";
import path from "node:path";

/**
 * The PDFs Spelplan writes (protocol, decision letter, certificate), with pdfmake 0.3's server API.
 *
 * Fonts: Roboto as shipped inside the pdfmake package (TrueType, embedded as a subset). It covers å ä ö and the
 * rest of Latin-1 and Latin Extended-A, and an embedded font is what a PDF meant for long-term keeping needs
 * (the 14 standard PDF fonts are not embedded and only know WinAnsi). pdfmake may read nothing else from disk
 * and nothing from the network.
 *
 * The builders below are pure: plain data in, a pdfmake document definition out. `renderPdf` turns a definition
 * into bytes.
 */

type PdfNode = string | { [key: string]: unknown } | PdfNode[];
export type DocDefinition = { [key: string]: unknown };

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (file: string) => boolean): void;
  createPdf(doc: DocDefinition): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let pdfmake: PdfMake | undefined;

function printer(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = require("pdfmake") as PdfMake;
  const fontDir = path.dirname(require.resolve("pdfmake/fonts/Roboto/Roboto-Regular.ttf"));
  instance.setFonts({
    Roboto: {
      normal: path.join(fontDir, "Roboto-Regular.ttf"),
      bold: path.join(fontDir, "Roboto-Medium.ttf"),
      italics: path.join(fontDir, "Roboto-Italic.ttf"),
      bolditalics: path.join(fontDir, "Roboto-MediumItalic.ttf"),
    },
  });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir + path.sep));
  pdfmake = instance;
  return instance;
}

export async function renderPdf(doc: DocDefinition): Promise<Buffer> {
  return printer().createPdf(doc).getBuffer();
}

// ---- shared pieces ----------------------------------------------------------------------------------

export const ISSUER = "Rådet för Teknikcollege Sverige";

const MONTH = new Intl.DateTimeFormat("sv-SE", { month: "long", timeZone: "UTC" });

/** "2027-03-01" → "1 mars 2027". */
export function swedishDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTH.format(new Date(Date.UTC(2000, Number(m[2]) - 1, 1)))} ${m[1]}`;
}

const STYLES = {
  issuer: { fontSize: 9, color: "#555555", margin: [0, 0, 0, 4] },
  title: { fontSize: 20, bold: true, margin: [0, 0, 0, 12] },
  h2: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
  h3: { fontSize: 11, bold: true, margin: [0, 10, 0, 3] },
  label: { bold: true },
  small: { fontSize: 8, color: "#555555" },
};

function base(
  meta: { title: string; subject: string; now: Date; registrationNumber: string },
  content: PdfNode[],
): DocDefinition {
  return {
    pageSize: "A4",
    pageMargins: [56, 56, 56, 64],
    info: {
      title: meta.title,
      author: ISSUER,
      subject: meta.subject,
      creator: "Spelplan",
      producer: "Spelplan (pdfmake)",
      creationDate: meta.now,
      modDate: meta.now,
    },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    styles: STYLES,
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${ISSUER} · Dnr ${meta.registrationNumber}`, style: "small" },
        { text: `Sida ${current} av ${total}`, style: "small", alignment: "right" },
      ],
      margin: [56, 24, 56, 0],
    }),
    content,
  };
}

function factsTable(rows: [string, string][]): PdfNode {
  return {
    table: {
      widths: [150, "*"],
      body: rows.map(([k, v]) => [{ text: k, style: "label" }, { text: v || "–" }]),
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 6],
  };
}

// ---- protocol ---------------------------------------------------------------------------------------

export interface ProtocolData {
  registrationNumber: string;
  caseTitle: string;
  regionName: string;
  kindLabel: string;
  criteriaSetName: string;
  visit: { heldOn: string; place: string } | null;
  reviewers: string[];
  participants: string[];
  sentOn: string | null;
  responseDueDate: string | null;
  findings: {
    number: number;
    title: string;
    assessmentLabel: string;
    remarks: string;
    requiredSupplements: string[];
  }[];
  now: Date;
}

export function protocolDefinition(d: ProtocolData): DocDefinition {
  const supplements = d.findings.reduce((n, f) => n + f.requiredSupplements.length, 0);
  const content: PdfNode[] = [
    { text: ISSUER, style: "issuer" },
    { text: "Protokoll från granskningsbesök", style: "title" },
    factsTable([
      ["Diarienummer", d.registrationNumber],
      ["Ärende", d.caseTitle],
      ["Region", d.regionName],
      ["Ärendetyp", d.kindLabel],
      ["Kriterier", d.criteriaSetName],
      ["Granskningsbesök", d.visit ? `${swedishDate(d.visit.heldOn)}, ${d.visit.place}` : "–"],
      ["Granskare", d.reviewers.join(", ")],
      ["Deltagare", d.participants.join(", ")],
      ["Protokollet skickat", swedishDate(d.sentOn)],
      [
        "Svar senast",
        d.responseDueDate
          ? swedishDate(d.responseDueDate)
          : "Tre månader från att protokollet skickats till regionen",
      ],
    ]),
    { text: "Bedömning per kriterium", style: "h2" },
  ];
  for (const f of d.findings) {
    content.push({ text: `${f.number}. ${f.title}`, style: "h3" });
    content.push({ text: [{ text: "Bedömning: ", style: "label" }, f.assessmentLabel] });
    if (f.remarks.trim()) content.push({ text: [{ text: "Kommentarer: ", style: "label" }, f.remarks] });
    if (f.requiredSupplements.length) {
      content.push({ text: "Kompletteringar som krävs:", style: "label", margin: [0, 4, 0, 2] });
      content.push({ ul: f.requiredSupplements });
    }
  }
  content.push({ text: "Kompletteringar och svar", style: "h2" });
  content.push(
    supplements === 0
      ? "Protokollet kräver inga kompletteringar."
      : `Protokollet kräver ${supplements} ${supplements === 1 ? "komplettering" : "kompletteringar"}. ` +
          (d.responseDueDate
            ? `Regionen ska svara på protokollet senast ${swedishDate(d.responseDueDate)}.`
            : "Regionen ska svara på protokollet inom tre månader från att det skickats."),
  );
  content.push({
    text: "Regionen svarar på varje krav på komplettering i Spelplan. Båda parter kan begära ett telefonmöte om protokollet.",
    margin: [0, 6, 0, 0],
  });
  return base(
    {
      title: `Protokoll ${d.registrationNumber}`,
      subject: d.caseTitle,
      now: d.now,
      registrationNumber: d.registrationNumber,
    },
    content,
  );
}

// ---- decision letter --------------------------------------------------------------------------------

export interface DecisionData {
  registrationNumber: string;
  caseTitle: string;
  regionName: string;
  subjectName: string;
  outcome: "approved" | "postponed" | "rejected";
  outcomeLabel: string;
  decidedOn: string;
  motivation: string;
  meetingDate: string | null;
  recommendationLabel: string | null;
  validity: { from: string; to: string } | null;
  newResponseDueDate: string | null;
  decertification: boolean;
  now: Date;
}

export function decisionDefinition(d: DecisionData): DocDefinition {
  const verdict =
    d.outcome === "approved"
      ? d.decertification
        ? `Certifieringen av ${d.subjectName} upphör.`
        : `${d.subjectName} certifieras som Teknikcollege.`
      : d.outcome === "postponed"
        ? `Beslut om ${d.subjectName} skjuts upp (uppskov).`
        : `Ansökan om certifiering av ${d.subjectName} avslås.`;
  const content: PdfNode[] = [
    { text: ISSUER, style: "issuer" },
    { text: "Beslut", style: "title" },
    factsTable([
      ["Diarienummer", d.registrationNumber],
      ["Beslutsdatum", swedishDate(d.decidedOn)],
      ["Mottagare", d.regionName],
      ["Ärende", d.caseTitle],
    ]),
    { text: "Beslut", style: "h2" },
    { text: [{ text: `${d.outcomeLabel}. `, style: "label" }, verdict] },
    { text: "Motivering", style: "h2" },
    d.motivation,
  ];
  if (d.recommendationLabel) {
    content.push({
      text: `Granskningskommitténs rekommendation: ${d.recommendationLabel}.`,
      margin: [0, 6, 0, 0],
    });
  }
  if (d.validity && d.outcome === "approved" && !d.decertification) {
    content.push({ text: "Giltighet", style: "h2" });
    content.push(
      `Certifieringen gäller från och med ${swedishDate(d.validity.from)} till och med ${swedishDate(d.validity.to)}.`,
    );
  }
  if (d.outcome === "postponed" && d.newResponseDueDate) {
    content.push({ text: "Fortsatt handläggning", style: "h2" });
    content.push(
      `Regionen ska lämna ett nytt svar på protokollet senast ${swedishDate(d.newResponseDueDate)}.`,
    );
  }
  content.push({ text: "Beslutets fattande", style: "h2" });
  content.push(
    d.meetingDate
      ? `Beslutet fattades av RTS styrelse vid ordinarie styrelsemöte den ${swedishDate(d.meetingDate)}.`
      : "Beslutet fattades av RTS styrelse vid ordinarie styrelsemöte.",
  );
  content.push({ text: ISSUER, margin: [0, 30, 0, 0], style: "label" });
  return base(
    {
      title: `Beslut ${d.registrationNumber}`,
      subject: d.caseTitle,
      now: d.now,
      registrationNumber: d.registrationNumber,
    },
    content,
  );
}

// ---- certificate (diplom) ---------------------------------------------------------------------------

export interface CertificateData {
  registrationNumber: string;
  subjectName: string;
  subjectKindLabel: string;
  regionName: string;
  validity: { from: string; to: string };
  ceremony: { heldOn: string; place: string } | null;
  decidedOn: string;
  now: Date;
}

export function certificateDefinition(d: CertificateData): DocDefinition {
  const within = d.subjectName === d.regionName ? "" : `inom ${d.regionName}`;
  const content: PdfNode[] = [
    {
      text: ISSUER.toUpperCase(),
      alignment: "center",
      fontSize: 11,
      color: "#555555",
      margin: [0, 10, 0, 30],
    },
    { text: "CERTIFIKAT", alignment: "center", fontSize: 40, bold: true, margin: [0, 0, 0, 10] },
    { text: "Härmed intygas att", alignment: "center", fontSize: 14, margin: [0, 10, 0, 10] },
    { text: d.subjectName, alignment: "center", fontSize: 28, bold: true },
    within ? { text: within, alignment: "center", fontSize: 14, margin: [0, 6, 0, 0] } : "",
    {
      text: "är certifierat som Teknikcollege enligt Rådet för Teknikcollege Sveriges kriterier",
      alignment: "center",
      fontSize: 14,
      margin: [0, 16, 0, 8],
    },
    {
      text: `Giltigt ${swedishDate(d.validity.from)} – ${swedishDate(d.validity.to)}`,
      alignment: "center",
      fontSize: 14,
      bold: true,
    },
    {
      columns: [
        {
          stack: [
            { text: "______________________________", margin: [0, 50, 0, 4] },
            { text: "Ordförande" },
            { text: ISSUER, fontSize: 9 },
          ],
          alignment: "center",
        },
        {
          stack: [
            {
              text: d.ceremony
                ? `${d.ceremony.place}, ${swedishDate(d.ceremony.heldOn)}`
                : `Beslutat ${swedishDate(d.decidedOn)}`,
              margin: [0, 50, 0, 4],
            },
            { text: `${d.subjectKindLabel} · Dnr ${d.registrationNumber}`, fontSize: 9 },
          ],
          alignment: "center",
        },
      ],
    },
  ];
  return {
    pageSize: "A4",
    pageOrientation: "landscape",
    pageMargins: [60, 50, 60, 50],
    info: {
      title: `Certifikat ${d.subjectName}`,
      author: ISSUER,
      subject: `Certifiering ${d.registrationNumber}`,
      creator: "Spelplan",
      producer: "Spelplan (pdfmake)",
      creationDate: d.now,
      modDate: d.now,
    },
    defaultStyle: { font: "Roboto", fontSize: 12 },
    background: () => ({
      canvas: [
        { type: "rect", x: 24, y: 24, w: 841.89 - 48, h: 595.28 - 48, lineWidth: 3, lineColor: "#1f4e79" },
        { type: "rect", x: 32, y: 32, w: 841.89 - 64, h: 595.28 - 64, lineWidth: 1, lineColor: "#1f4e79" },
      ],
    }),
    content,
  };
}

// ---- follow-up report (the yearly quality follow-up) ------------------------------------------------

export interface FollowUpReportData {
  registrationNumber: string;
  regionName: string;
  subjectName: string;
  year: number;
  stateLabel: string;
  openedOn: string;
  dueDate: string | null;
  submittedOn: string | null;
  generalPlan: string | null;
  criteria: {
    number: number;
    title: string;
    plan: string | null;
    statusLabel: string | null;
    done: string;
    plannedActions: { action: string; owner: string; dueDate: string }[];
    contributions: { localCollegeName: string; text: string }[];
    supplements: { request: string; answer: string | null }[];
  }[];
  indicators: { label: string; value: number | null }[];
  review: { outcomeLabel: string; decidedOn: string; summary: string | null; reason: string | null } | null;
  now: Date;
}

/** The follow-up report: the region's self-assessment per criterion beside the plan, indicators, the review. */
export function followUpReportDefinition(d: FollowUpReportData): DocDefinition {
  const content: PdfNode[] = [
    { text: ISSUER, style: "issuer" },
    { text: `Årlig kvalitetsuppföljning ${d.year}`, style: "title" },
    factsTable([
      ["Diarienummer", d.registrationNumber],
      ["Region", d.regionName],
      ["Certifiering", d.subjectName],
      ["Status", d.stateLabel],
      ["Öppnad", swedishDate(d.openedOn)],
      ["Senast inlämnad", d.submittedOn ? swedishDate(d.submittedOn) : "Inte inlämnad"],
      ["Frist", d.dueDate ? swedishDate(d.dueDate) : "–"],
    ]),
  ];
  if (d.generalPlan?.trim()) {
    content.push({ text: "Kvalitetsplanens regionala del", style: "h2" }, d.generalPlan);
  }
  content.push({ text: "Självvärdering per kriterium", style: "h2" });
  for (const c of d.criteria) {
    content.push({ text: `${c.number}. ${c.title}`, style: "h3" });
    content.push({ text: [{ text: "Status: ", style: "label" }, c.statusLabel ?? "Inte bedömd"] });
    content.push({ text: [{ text: "Enligt planen: ", style: "label" }, c.plan?.trim() || "–"] });
    content.push({ text: [{ text: "Gjort i år: ", style: "label" }, c.done.trim() || "–"] });
    if (c.plannedActions.length) {
      content.push({ text: "Planerade åtgärder:", style: "label", margin: [0, 4, 0, 2] });
      content.push({
        ul: c.plannedActions.map((a) => `${a.action} (${a.owner}, senast ${swedishDate(a.dueDate)})`),
      });
    }
    if (c.contributions.length) {
      content.push({ text: "Lokala bidrag:", style: "label", margin: [0, 4, 0, 2] });
      content.push({ ul: c.contributions.map((x) => `${x.localCollegeName}: ${x.text}`) });
    }
    for (const s of c.supplements) {
      content.push({ text: [{ text: "Begärd komplettering: ", style: "label" }, s.request] });
      content.push({ text: [{ text: "Svar: ", style: "label" }, s.answer?.trim() || "Inte besvarad"] });
    }
  }
  content.push({ text: "Indikatorer", style: "h2" });
  content.push(
    d.indicators.length
      ? factsTable(
          d.indicators.map((i): [string, string] => [
            i.label,
            i.value === null ? "–" : i.value.toLocaleString("sv-SE"),
          ]),
        )
      : "Inga indikatorer.",
  );
  content.push({ text: "Kansliets granskning", style: "h2" });
  if (d.review) {
    content.push({
      text: [{ text: `${d.review.outcomeLabel} `, style: "label" }, swedishDate(d.review.decidedOn)],
    });
    if (d.review.reason)
      content.push({ text: [{ text: "Skäl till flaggning: ", style: "label" }, d.review.reason] });
    if (d.review.summary) content.push(d.review.summary);
  } else {
    content.push("Uppföljningen är inte granskad ännu.");
  }
  return base(
    {
      title: `Kvalitetsuppföljning ${d.year} ${d.registrationNumber}`,
      subject: d.subjectName,
      now: d.now,
      registrationNumber: d.registrationNumber,
    },
    content,
  );
}
