import { Accordion, Anchor, Badge, Button, Card, Group, Progress, Stack, Text, Title } from "@mantine/core";
import { IconCheck, IconCircleDashed, IconMinus } from "@tabler/icons-react";
import type { ComponentType, ReactNode } from "react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ITEM_OF_ACTION } from "../../../../domain/joining/action-labels";
import { JOINING_ITEM_LABELS, type JoiningItem } from "../../../../domain/joining/items";
import type { ItemRecord, JoiningRecord } from "../../../../domain/joining/machine";
import type { CaseDetail, CaseEvent, RegionDetail } from "../../../../shared/dto";
import { dateOf } from "../../../lib/dates";
import { formatDate } from "../../../lib/format";
import { lbl, roleLabel } from "../../../lib/labels";
import { useRegion } from "../../../queries";
import { CaseLayout } from "../CaseLayout";
import { DocumentsAndLog } from "../CaseLog";
import { actionLabel } from "../forms/ActionForm";
import { WithdrawForm } from "../forms/decision";
import { deferredForm } from "../forms/deferredForm";
import { Facts, linkedCaseLink } from "../RecordView";

type ItemForm = ComponentType<{ c: CaseDetail; region: RegionDetail }>;

// The checklist's forms load when a joining case is shown (certification cases' pages do not carry them).
const forms = () => import("./forms");
const itemForm = (name: Exclude<keyof Awaited<ReturnType<typeof forms>>, "CompleteJoiningForm">): ItemForm =>
  deferredForm(() => forms().then((m) => m[name] as ItemForm));
const CompleteJoiningForm = deferredForm<{ c: CaseDetail }>(() => forms().then((m) => m.CompleteJoiningForm));

const ACTION_OF_ITEM = Object.fromEntries(Object.entries(ITEM_OF_ACTION).map(([a, i]) => [i, a])) as Record<
  JoiningItem,
  string
>;

const FORMS: Record<JoiningItem, ItemForm> = {
  anchoring: itemForm("AnchoringForm"),
  localSteeringGroup: itemForm("LocalSteeringGroupForm"),
  regionalRepresentation: itemForm("RegionalRepresentationForm"),
  agreement: itemForm("AgreementForm"),
  politicalDecision: itemForm("PoliticalDecisionForm"),
  noProviderBranch: itemForm("NoProviderAgreementForm"),
  certificationStart: itemForm("StartCertificationForm"),
  qualityPlan: itemForm("QualityPlanForm"),
};

const DATE_KEYS = new Set(["completedOn", "signedOn", "decidedOn", "validFrom", "validTo", "agreedOn"]);

/** An item's recorded data, readably: each field with its label; members and ids by name. */
function Evidence({
  data,
  region,
  party,
}: {
  data: unknown;
  region: RegionDetail | undefined;
  party: string;
}) {
  const { t, i18n } = useTranslation();
  const fieldLabel = (key: string) =>
    i18n.exists(`joining.fields.${key}`) ? t(`joining.fields.${key}` as never, { party } as never) : key;
  if (!data || typeof data !== "object") return null;
  const entries = Object.entries(data as Record<string, unknown>);
  const value = (key: string, v: unknown): ReactNode => {
    if (v === null || v === undefined || v === "") return null;
    if (key === "mode") return t(`joining.modes.${String(v)}` as never);
    if (key === "agreementId") return region?.agreements.find((a) => a.id === v)?.title ?? String(v);
    if (key === "steeringGroupId") return region?.steeringGroups.find((g) => g.id === v)?.name ?? String(v);
    if (key === "localCollegeId") return region?.localColleges.find((lc) => lc.id === v)?.name ?? String(v);
    if (key === "providerId") return region?.providers.find((p) => p.id === v)?.name ?? String(v);
    if (DATE_KEYS.has(key) && typeof v === "string") return formatDate(v);
    if (key === "members" && Array.isArray(v))
      return (v as { name: string; representsName: string; isChair?: boolean }[])
        .map(
          (m) =>
            `${m.name} (${m.representsName}${m.isChair ? `, ${t("steeringGroups.chair").toLowerCase()}` : ""})`,
        )
        .join("\n");
    if (key === "representative" && typeof v === "object") {
      const r = v as { name: string; representsName: string; title?: string };
      return `${r.name}${r.title ? `, ${r.title}` : ""} (${r.representsName})`;
    }
    if (key === "perCriterion" && Array.isArray(v))
      return (v as { criterionNumber: number; text: string }[])
        .map((p) => `${p.criterionNumber}: ${p.text}`)
        .join("\n");
    if (Array.isArray(v)) return v.length ? v.join(", ") : null;
    if (typeof v === "boolean") return v ? t("common.yes") : t("common.no");
    return String(v);
  };
  return (
    <Facts
      items={entries
        .filter(([k]) => k !== "documentIds")
        .map(([k, v]) => [fieldLabel(k), value(k, v)] as [string, ReactNode])}
    />
  );
}

/** Who completed an item and when: the log's actor of the item's action (else the record's role). */
function completedBy(item: JoiningItem, entry: ItemRecord, log: readonly CaseEvent[] | undefined) {
  const action = ACTION_OF_ITEM[item];
  const event = [...(log ?? [])].reverse().find((e) => e.type === `case.${action}`);
  return {
    who: event?.actor.name ?? roleLabel(entry.completedByRole),
    on: event ? dateOf(event.occurredAt) : entry.completedOn,
  };
}

export function JoiningView({ c, log }: { c: CaseDetail; log: readonly CaseEvent[] | undefined }) {
  const { t } = useTranslation();
  const region = useRegion(c.region.id);
  const checklistId = useId();
  const record = c.record as JoiningRecord;
  const checklist = c.checklist ?? [];
  const applicable = checklist.filter((i) => i.status !== "notApplicable");
  const doneCount = applicable.filter((i) => i.status === "done").length;
  const openCount = applicable.length - doneCount;
  const naCount = checklist.length - applicable.length;
  const firstOpen = checklist.find(
    (i) => i.status === "open" && c.actions.includes(ACTION_OF_ITEM[i.item as JoiningItem]),
  );
  const cond = record.conditions;
  // Done items keep their form folded away behind "Ändra".
  const [editing, setEditing] = useState<Set<string>>(new Set());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a saved change (new version) folds the form again
  useEffect(() => setEditing(new Set()), [c.version]);
  const toggleEditing = (item: string) =>
    setEditing((current) => {
      const next = new Set(current);
      if (next.has(item)) next.delete(item);
      else next.add(item);
      return next;
    });

  return (
    <CaseLayout c={c} side={<AboutJoining c={c} />}>
      <Card withBorder radius="md" component="section" aria-labelledby={checklistId}>
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h3" id={checklistId}>
            {t("joining.checklist")}
          </Title>
          <Text size="sm" fw={600} data-testid="joining-progress">
            {t("joining.progress", { done: doneCount, total: applicable.length })}
          </Text>
        </Group>
        <Progress
          value={applicable.length ? (doneCount / applicable.length) * 100 : 0}
          color="green.8"
          size="lg"
          aria-label={t("joining.progress", { done: doneCount, total: applicable.length })}
        />
        <Group gap="md" mt="xs" mb="md">
          <Badge color="green" leftSection={<IconCheck size={12} aria-hidden />}>
            {t("joining.counts.done", { count: doneCount })}
          </Badge>
          <Badge color="orange" leftSection={<IconCircleDashed size={12} aria-hidden />}>
            {t("joining.counts.open", { count: openCount })}
          </Badge>
          <Badge color="gray" leftSection={<IconMinus size={12} aria-hidden />}>
            {t("joining.counts.notApplicable", { count: naCount })}
          </Badge>
        </Group>
        <Accordion
          multiple
          variant="separated"
          chevronPosition="left"
          defaultValue={firstOpen ? [firstOpen.item] : []}
        >
          {checklist.map((entry, index) => {
            const item = entry.item as JoiningItem;
            const action = ACTION_OF_ITEM[item];
            const Form = FORMS[item];
            const itemRecord = entry.entry as ItemRecord | null;
            const who = itemRecord ? completedBy(item, itemRecord, log) : null;
            const canAct = c.actions.includes(action);
            return (
              <Accordion.Item key={item} value={item} data-item={item} data-status={entry.status}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" fw={600}>
                      {index + 1}. {lbl(JOINING_ITEM_LABELS[item])}
                    </Text>
                    <Badge
                      color={entry.status === "done" ? "green" : entry.status === "open" ? "orange" : "gray"}
                    >
                      {t(`joining.status.${entry.status}`)}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    {entry.status === "notApplicable" ? (
                      <Text size="sm" c="dimmed">
                        {t(`joining.notApplicable.${item}` as never)}
                      </Text>
                    ) : null}
                    {itemRecord && who ? (
                      <>
                        <Text size="sm">
                          {t("joining.completedBy", { who: who.who, date: formatDate(who.on) })}
                        </Text>
                        <Evidence data={itemRecord.data} region={region.data} party={cond.partyName} />
                      </>
                    ) : null}
                    {item === "certificationStart" && c.linkedCase ? (
                      <Text size="sm">
                        {t("joining.linkedCase")}{" "}
                        <Anchor component={Link} to={`/cases/${c.linkedCase.id}`} size="sm">
                          {c.linkedCase.registrationNumber} {c.linkedCase.title}
                        </Anchor>
                      </Text>
                    ) : null}
                    {canAct &&
                    region.data &&
                    itemRecord &&
                    !(item === "certificationStart" && c.linkedCase) ? (
                      <Group>
                        <Button
                          variant="subtle"
                          size="xs"
                          aria-expanded={editing.has(item)}
                          onClick={() => toggleEditing(item)}
                        >
                          {t("joining.change", { action: actionLabel(action) })}
                        </Button>
                      </Group>
                    ) : null}
                    {canAct &&
                    region.data &&
                    (!itemRecord || editing.has(item)) &&
                    !(item === "certificationStart" && c.linkedCase) ? (
                      <Card withBorder radius="md" bg="gray.0">
                        <Text size="sm" fw={600} mb="xs">
                          {actionLabel(action)}
                        </Text>
                        <Form key={c.version} c={c} region={region.data} />
                      </Card>
                    ) : null}
                    {entry.status === "open" && !canAct ? (
                      <Text size="sm" c="dimmed">
                        {item === "politicalDecision" && !record.items.agreement
                          ? t("joining.afterAgreement")
                          : t("joining.waiting")}
                      </Text>
                    ) : null}
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      </Card>
      {c.actions.includes("completeJoining") ? <CompleteJoiningForm key={c.version} c={c} /> : null}
      {c.actions.includes("withdrawJoining") || c.actions.includes("reopenJoining") ? (
        <Accordion variant="separated" chevronPosition="left">
          {(["reopenJoining", "withdrawJoining"] as const)
            .filter((a) => c.actions.includes(a))
            .map((a) => (
              <Accordion.Item key={a} value={a}>
                <Accordion.Control>
                  <Text size="sm" fw={600}>
                    {actionLabel(a)}
                  </Text>
                </Accordion.Control>
                <Accordion.Panel>
                  <WithdrawForm key={c.version} c={c} action={a} bare />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
        </Accordion>
      ) : null}
      <DocumentsAndLog caseId={c.id} log={log} />
    </CaseLayout>
  );
}

/** The joining's facts: the party, its conditions, how it was started, and how it ended. */
function AboutJoining({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const record = c.record as JoiningRecord;
  const cond = record.conditions;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="joining-about">
      <Title order={2} size="h4" id="joining-about" mb="xs">
        {t("joining.about")}
      </Title>
      <Facts
        items={[
          [t("joining.party"), `${cond.partyName} (${t(`joining.partyKinds.${cond.partyKind}`)})`],
          [
            t("joining.hasOwnProvider"),
            cond.partyKind === "municipality"
              ? cond.hasOwnProvider
                ? t("common.yes")
                : t("common.no")
              : null,
          ],
          [t("joining.certifyProvider"), cond.certifyProvider ? t("common.yes") : t("common.no")],
          [t("joining.agreedOn"), formatDate(record.startedBy.agreedOn)],
          [t("joining.minutesReference"), record.startedBy.minutesReference],
          [t("casePage.linkedCase"), linkedCaseLink(c)],
          [
            t("joining.completedOn"),
            record.completions.length
              ? formatDate(record.completions[record.completions.length - 1].completedOn)
              : null,
          ],
          [
            t("joining.withdrawn"),
            record.withdrawal
              ? `${formatDate(record.withdrawal.withdrawnOn)}: ${record.withdrawal.reason}`
              : null,
          ],
        ]}
      />
    </Card>
  );
}
