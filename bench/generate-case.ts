/**
 * One planned case written from its template: the case row with its derived columns, its reviewers and meeting
 * placement, its log hash-chained with eventHash (seq, previous hash, actor, time, IP and user agent, as
 * appendEvent chains them), the documents' metadata with diarium numbers, and for an approved case its
 * certification with the `certification.granted` event. Per-case values replace the template's placeholders.
 */
import { createHash } from "node:crypto";
import type { IsoDate } from "../src/domain/certification/deadlines";
import { CERTIFICATION_PROCESS_VERSION } from "../src/domain/certification/machine";
import type { Role } from "../src/domain/certification/permissions";
import { formatRegistrationNumber } from "../src/domain/certification/registration-number";
import { CASE_KIND_LABELS } from "../src/domain/certification/steps";
import { NO_DUE_DATE } from "../src/server/db/schema";
import { eventHash } from "../src/server/modules/events/hash";
import type { BulkSink, Value } from "./bulk";
import type { Country, Region } from "./generate-country";
import { KINDS, type Plan } from "./generate-plan";
import { type CaseTemplate, PH } from "./templates";

export const BENCH_IP = "127.0.0.1";
export const BENCH_UA = "Mozilla/5.0 (X11; Linux x86_64) spelplan-bench";

export interface WriteState {
  regCounters: Map<number, number>;
  events: number;
  documents: number;
  certifications: number;
  participants: number;
  withDocuments: boolean;
}

const dayMsCache = new Map<string, number>();
function dayMs(day: IsoDate): number {
  let v = dayMsCache.get(day);
  if (v === undefined) {
    v = Date.parse(`${day}T00:00:00Z`);
    dayMsCache.set(day, v);
  }
  return v;
}

function safeName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function writeCase(
  sink: BulkSink,
  t: CaseTemplate,
  i: number,
  plan: Plan,
  country: Country,
  newId: () => string,
  nowMs: number,
  st: WriteState,
): void {
  const kind = KINDS[plan.kind[i]];
  let region: Region;
  let localCollegeId: string | null = null;
  let providerId: string | null = null;
  let programmeId: string | null = null;
  let specialisationId: string | null = null;
  let title: string;
  let subject: { kind: string; id: string; name: string };
  const label = CASE_KIND_LABELS[kind].sv;
  if (kind === "newRegion") {
    region = country.regions[plan.subject[i]];
    title = `${label}: ${region.name}`;
    subject = { kind: "region", id: region.id, name: region.name };
  } else {
    const p = country.providers[plan.subject[i]];
    region = country.regions[p.regionIndex];
    localCollegeId = p.localCollegeId;
    providerId = p.id;
    if (kind === "newProvider") {
      title = `${label}: ${p.name}`;
      subject = { kind: "provider", id: p.id, name: p.name };
    } else {
      const pr = p.programmes[plan.sub2[i]];
      programmeId = pr.id;
      if (kind === "newProgramme") {
        title = `${label}: ${pr.name}, ${p.name}`;
        subject = { kind: "programme", id: pr.id, name: pr.name };
      } else {
        const sp = pr.specialisations[plan.sub3[i]];
        specialisationId = sp.id;
        title = `${label}: ${sp.name} (${pr.name}, ${p.name})`;
        subject = { kind: "specialisation", id: sp.id, name: sp.name };
      }
    }
  }
  const reviewer1 = country.reviewers[plan.rev1[i]];
  const reviewer2 = country.reviewers[plan.rev2[i]];
  const secretariat = country.secretariat[plan.sec[i]];
  const board = country.board[plan.board[i]];
  const actorOf = (role: Role): string =>
    role === "regionLead"
      ? region.leadId
      : role === "reviewer"
        ? reviewer1
        : role === "board"
          ? board
          : secretariat;
  const substitute = (s: string) =>
    s
      .replaceAll(PH.reviewer1, reviewer1)
      .replaceAll(PH.reviewer2, reviewer2)
      .replaceAll(PH.secretariat, secretariat)
      .replaceAll(PH.steeringGroup, region.steeringGroupId)
      .replaceAll(PH.providerList, providerId ? `["${providerId}"]` : "[]")
      .replaceAll(PH.programmeList, programmeId ? `["${programmeId}"]` : "[]");

  const caseId = newId();
  const year = Number(t.startDay.slice(0, 4));
  const seq = (st.regCounters.get(year) ?? 0) + 1;
  st.regCounters.set(year, seq);
  const registrationNumber = formatRegistrationNumber(year, seq);
  const minute = plan.minute[i];
  const timeOf = (day: IsoDate, index: number) => {
    const ms = Math.min(dayMs(day) + (420 + minute + index * 2) * 60_000, nowMs - (200 - index) * 1000);
    return new Date(ms).toISOString();
  };

  // The log: case.opened, then the template's actions and documents, hash-chained.
  let prevHash: string | null = null;
  let seqNo = 0;
  const append = (
    streamType: string,
    streamId: string,
    seqValue: number,
    type: string,
    actorId: string,
    actorRole: string,
    occurredAt: string,
    payload: string,
    processVersion: number | null,
    prev: string | null,
  ): string => {
    const hash = eventHash({
      streamType,
      streamId,
      seq: seqValue,
      type,
      actorId,
      actorRole,
      occurredAt,
      ip: BENCH_IP,
      userAgent: BENCH_UA,
      payload,
      processVersion,
      prevHash: prev,
    });
    sink.add("events", [
      newId(),
      streamType,
      streamId,
      seqValue,
      type,
      actorId,
      actorRole,
      occurredAt,
      BENCH_IP,
      BENCH_UA,
      payload,
      processVersion,
      prev,
      hash,
    ]);
    st.events += 1;
    return hash;
  };

  const openedAt = timeOf(t.startDay, 0);
  const input: Record<string, string> = { kind, regionId: region.id };
  if (specialisationId) input.specialisationId = specialisationId;
  else if (programmeId) input.programmeId = programmeId;
  else if (providerId) input.providerId = providerId;
  const times: string[] = new Array(t.events.length);
  for (let k = 0; k < t.events.length; k++) times[k] = timeOf(t.events[k].day, k + 1);
  const lastActionIndex = (() => {
    for (let k = t.events.length - 1; k >= 0; k--) if (t.events[k].kind === "action") return k;
    return -1;
  })();
  const updatedAt = lastActionIndex >= 0 ? times[lastActionIndex] : openedAt;

  // The case row first (the documents and certifications refer to it).
  const row: Value[] = [
    caseId,
    registrationNumber,
    year,
    seq,
    "certification",
    CERTIFICATION_PROCESS_VERSION,
    kind,
    t.state,
    title,
    region.id,
    localCollegeId,
    providerId,
    programmeId,
    specialisationId,
    null,
    null,
    null,
    country.criteriaSetId,
    t.boardMeetingId,
    substitute(t.record),
    t.nextDueDate,
    t.nextDeadline,
    t.visitDate,
    t.awaitingRoles,
    t.enabledActions,
    region.leadId,
    openedAt,
    updatedAt,
    t.stateSinceIndex >= 0 ? times[t.stateSinceIndex] : openedAt,
    t.final ? updatedAt : null,
    1 + t.actions,
  ];
  sink.add("cases", row);
  // The meetings' agendas, as performCaseAction keeps them (the synthetic cases are never postponed).
  if (t.boardMeetingId) sink.add("meeting_placements", [t.boardMeetingId, caseId]);
  if (t.reviewersAssigned) {
    // The reviewers' task index, as performCaseAction keeps it.
    const taskOpen = !t.final && t.awaitingRoles.includes("|reviewer|") ? 1 : 0;
    const since = t.stateSinceIndex >= 0 ? times[t.stateSinceIndex] : openedAt;
    const due = t.nextDueDate ?? NO_DUE_DATE;
    sink.add("case_participants", [caseId, reviewer1, "reviewer", taskOpen, due, since]);
    sink.add("case_participants", [caseId, reviewer2, "reviewer", taskOpen, due, since]);
    st.participants += 2;
  }

  prevHash = append(
    "case",
    caseId,
    ++seqNo,
    "case.opened",
    region.leadId,
    "regionLead",
    openedAt,
    JSON.stringify({
      ...input,
      registrationNumber,
      criteriaSetVersion: country.criteriaSetVersion,
      state: "anchoring",
    }),
    CERTIFICATION_PROCESS_VERSION,
    null,
  );
  let registrySeq = 0;
  let certificationEvent: { at: string; actorId: string } | null = null;
  for (let k = 0; k < t.events.length; k++) {
    const e = t.events[k];
    const actorId = actorOf(e.role);
    if (e.kind === "action") {
      const payload = e.hasPlaceholders ? substitute(e.payload) : e.payload;
      prevHash = append(
        "case",
        caseId,
        ++seqNo,
        e.type,
        actorId,
        e.role,
        times[k],
        payload,
        CERTIFICATION_PROCESS_VERSION,
        prevHash,
      );
      if (t.certification && k === t.certification.eventIndex) certificationEvent = { at: times[k], actorId };
      continue;
    }
    const doc = e.doc;
    if (!doc || !st.withDocuments) continue;
    const documentId = newId();
    registrySeq += 1;
    const ext = doc.mime === "application/pdf" ? "pdf" : "docx";
    const originalName = `${doc.title} ${registrationNumber}.${ext}`;
    const fileName = `${safeName(`${doc.title} ${registrationNumber}`)}.${ext}`;
    const sha256 = createHash("sha256").update(`${caseId}/${doc.slot}`).digest("hex");
    const counterpart = doc.counterpart === "region" ? region.name : "RTS kansli";
    sink.add("documents", [documentId, "case", caseId, caseId, doc.slot, doc.title, times[k], actorId, 1]);
    sink.add("document_versions", [
      newId(),
      documentId,
      1,
      sha256,
      doc.size,
      doc.mime,
      originalName,
      fileName,
      times[k],
      actorId,
      doc.generated ? 1 : 0,
    ]);
    sink.add("registry_entries", [
      newId(),
      caseId,
      registrySeq,
      e.day,
      doc.direction,
      counterpart,
      doc.title,
      documentId,
      1,
      times[k],
    ]);
    st.documents += 1;
    const payload = JSON.stringify({
      documentId,
      version: 1,
      slot: doc.slot,
      title: doc.title,
      sha256,
      size: doc.size,
      mime: doc.mime,
      fileName,
      generated: doc.generated,
      registration: `${registrationNumber}-${registrySeq}`,
      direction: doc.direction,
      counterpart,
    });
    prevHash = append("case", caseId, ++seqNo, e.type, actorId, e.role, times[k], payload, null, prevHash);
  }
  if (t.certification && certificationEvent) {
    const certId = newId();
    sink.add("certifications", [
      certId,
      caseId,
      region.id,
      subject.kind,
      subject.id,
      subject.name,
      t.certification.decidedOn,
      t.certification.validTo,
      "certified",
      null,
      certificationEvent.at,
      certificationEvent.at,
      1,
    ]);
    append(
      "certification",
      certId,
      1,
      "certification.granted",
      certificationEvent.actorId,
      "secretariat",
      certificationEvent.at,
      JSON.stringify({
        caseId,
        registrationNumber,
        ...subject,
        years: t.certification.years,
        validFrom: t.certification.decidedOn,
      }),
      null,
      null,
    );
    st.certifications += 1;
  }
}
