/**
 * The plan of a generation: what each case is (kind, subject, ending, how far it got, its reviewers, secretariat
 * member and board member) and when it was opened, drawn from the seeded random source and held in typed arrays
 * (about 20 bytes a case), so that a million cases are planned in bounded memory.
 */
import type { IsoDate } from "../src/domain/certification/deadlines";
import { type CaseKind, CERTIFICATION_STEPS } from "../src/domain/certification/steps";
import { type Country, PROGRAMMES } from "./generate-country";
import { type Ending, FULL_LENGTH, statesAfterPrefixes, type TemplateCache } from "./templates";

/** Shares of the cases: closed (the long tail of history), withdrawn, and open over the 13 steps. */
const SHARE_CLOSED = 0.7;
const SHARE_WITHDRAWN = 0.05;
const KIND_WEIGHTS: [CaseKind, number][] = [
  ["newProvider", 0.45],
  ["newProgramme", 0.35],
  ["newSpecialisation", 0.15],
  ["newRegion", 0.05],
];

export const ENDINGS: Ending[] = ["open", "closed", "withdrawn"];
export const KINDS: CaseKind[] = ["newProvider", "newProgramme", "newSpecialisation", "newRegion"];

const DAY_MS = 86_400_000;
function dayNumber(d: IsoDate): number {
  return Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
}
export function dayIso(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
/** Monday on or before the day. */
function mondayOf(n: number): number {
  return n - ((new Date(n * DAY_MS).getUTCDay() + 6) % 7);
}
function firstOfMonth(n: number): number {
  const d = new Date(n * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

function pick<T>(weights: [T, number][], u: number): T {
  let acc = 0;
  for (const [v, w] of weights) {
    acc += w;
    if (u < acc) return v;
  }
  return weights[weights.length - 1][0];
}

export interface Plan {
  n: number;
  start: Int32Array;
  prefix: Uint8Array;
  ending: Uint8Array;
  kind: Uint8Array;
  /** Provider index (or region index for newRegion). */
  subject: Int32Array;
  sub2: Uint8Array;
  sub3: Uint8Array;
  rev1: Uint8Array;
  rev2: Uint8Array;
  sec: Uint8Array;
  board: Uint8Array;
  minute: Uint16Array;
}

export function makePlan(
  n: number,
  country: Country,
  templates: TemplateCache,
  today: IsoDate,
  rand: () => number,
): Plan {
  const p: Plan = {
    n,
    start: new Int32Array(n),
    prefix: new Uint8Array(n),
    ending: new Uint8Array(n),
    kind: new Uint8Array(n),
    subject: new Int32Array(n),
    sub2: new Uint8Array(n),
    sub3: new Uint8Array(n),
    rev1: new Uint8Array(n),
    rev2: new Uint8Array(n),
    sec: new Uint8Array(n),
    board: new Uint8Array(n),
    minute: new Uint16Array(n),
  };
  const todayN = dayNumber(today);
  const states = statesAfterPrefixes(country.criteriaNumbers);
  // Open prefixes by step: a step is drawn uniformly, then one of the prefixes that end in it.
  const byStep = CERTIFICATION_STEPS.map((step) =>
    states.slice(0, FULL_LENGTH).flatMap((s, prefix) => (s === step ? [prefix] : [])),
  );
  // Days from opening to the last action, from a template opened two years ago (board meetings exist then).
  const reference = dayIso(mondayOf(todayN - 730));
  const nominal = (prefix: number) => {
    const t = templates.get(prefix, "open", reference);
    return dayNumber(t.endDay) - dayNumber(t.startDay);
  };
  const nominalDays = Array.from({ length: FULL_LENGTH + 1 }, (_, k) => nominal(k));
  const tenYears = 3652;
  const nReviewers = country.reviewers.length;
  for (let i = 0; i < n; i++) {
    const u = rand();
    const ending: Ending =
      u < SHARE_CLOSED ? "closed" : u < SHARE_CLOSED + SHARE_WITHDRAWN ? "withdrawn" : "open";
    let prefix: number;
    let start: number;
    if (ending === "open") {
      const prefixes = byStep[Math.floor(rand() * byStep.length)];
      prefix = prefixes[Math.floor(rand() * prefixes.length)];
      // Weeks since the last action: exponential, mean four weeks, at most a year.
      const weeks = Math.min(51, Math.floor(-Math.log(1 - rand()) * 4));
      start = mondayOf(todayN - weeks * 7 - nominalDays[prefix]);
      while (dayNumber(templates.get(prefix, "open", dayIso(start)).endDay) > todayN) start -= 7;
    } else if (ending === "closed") {
      prefix = FULL_LENGTH;
      start = firstOfMonth(
        todayN - tenYears + Math.floor(rand() * (tenYears - nominalDays[FULL_LENGTH] - 60)),
      );
      while (dayNumber(templates.get(prefix, "closed", dayIso(start)).endDay) > todayN)
        start = firstOfMonth(start - 1);
    } else {
      prefix = Math.floor(rand() * FULL_LENGTH);
      const span = tenYears - nominalDays[prefix] - 60;
      // Half-year buckets keep the number of distinct withdrawn templates small.
      const raw = todayN - tenYears + Math.floor(rand() * span);
      start = firstOfMonth(raw - (new Date(raw * DAY_MS).getUTCMonth() % 6) * 28);
      while (dayNumber(templates.get(prefix, "withdrawn", dayIso(start)).endDay) > todayN) start -= 182;
    }
    p.start[i] = start;
    p.prefix[i] = prefix;
    p.ending[i] = ENDINGS.indexOf(ending);
    const kind = pick(KIND_WEIGHTS, rand());
    p.kind[i] = KINDS.indexOf(kind);
    p.subject[i] =
      kind === "newRegion"
        ? Math.floor(rand() * country.regions.length)
        : Math.floor(rand() * country.providers.length);
    p.sub2[i] = Math.floor(rand() * PROGRAMMES.length);
    p.sub3[i] = Math.floor(rand() * 2);
    // Reviewers: a mild skew, so some reviewers are busier than others (the "busy reviewer" of scenario b).
    const r1 = Math.min(nReviewers - 1, Math.floor(nReviewers * rand() ** 1.5));
    let r2 = Math.floor(rand() * (nReviewers - 1));
    if (r2 >= r1) r2 += 1;
    p.rev1[i] = r1;
    p.rev2[i] = r2;
    p.sec[i] = Math.floor(rand() * country.secretariat.length);
    p.board[i] = Math.floor(rand() * country.board.length);
    p.minute[i] = Math.floor(rand() * 480);
  }
  return p;
}
