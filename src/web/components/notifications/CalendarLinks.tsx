import { Anchor, Group } from "@mantine/core";
import { IconCalendarDown } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "../../../shared/dto";

function hasVisit(record: unknown): boolean {
  if (!record || typeof record !== "object") return false;
  const r = record as { visitPlan?: { plannedDate?: string }; visit?: { heldOn?: string } };
  return Boolean(r.visit?.heldOn ?? r.visitPlan?.plannedDate);
}

function IcsAnchor({ href, children }: { href: string; children: string }) {
  return (
    <Anchor href={href} download size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconCalendarDown size={16} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

/** The review visit (planned or held) as a calendar file; nothing when the case has no visit yet. */
export function VisitIcsLink({ c }: { c: Pick<CaseDetail, "id" | "process" | "record"> }) {
  const { t } = useTranslation();
  if (c.process !== "certification" || !hasVisit(c.record)) return null;
  return (
    <IcsAnchor href={`/api/cases/${encodeURIComponent(c.id)}/visit.ics`}>
      {t("calendarLinks.visit")}
    </IcsAnchor>
  );
}

/** A board meeting as a calendar file. */
export function MeetingIcsLink({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  return (
    <IcsAnchor href={`/api/board-meetings/${encodeURIComponent(meetingId)}.ics`}>
      {t("calendarLinks.meeting")}
    </IcsAnchor>
  );
}
