import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconPaperclip, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import {
  CRITERION_STATUS_LABELS,
  CRITERION_STATUSES,
  type CriterionStatus,
} from "../../../../domain/follow-up/labels";
import type { FollowUpRecord, PlannedAction, SupplementRequest } from "../../../../domain/follow-up/record";
import type { CaseDetail } from "../../../../shared/dto";
import { useCaseDocuments } from "../../../components/documents/api";
import { StatusBadge, tx } from "../../../components/FollowUpMatrix";
import { notifySuccess } from "../../../components/feedback";
import { useCaseAction } from "../../../lib/caseActions";
import { isIsoDate } from "../../../lib/dates";
import { formatDate } from "../../../lib/format";
import { lbl } from "../../../lib/labels";
import { DateField } from "../forms/fields";

/**
 * One criterion of a follow-up: the quality plan's item beside this year's assessment (status, what was done,
 * planned actions with owner and date, attachments from the case's documents), the local colleges'
 * contributions and the secretariat's supplement requests with the region's answers.
 */

export interface CriterionDraft {
  status?: CriterionStatus;
  done: string;
  supplementAnswer: string;
  plannedActions: { action: string; owner: string; dueDate: string | null }[];
  documentIds: string[];
}

export const emptyDraft = (): CriterionDraft => ({
  done: "",
  supplementAnswer: "",
  plannedActions: [],
  documentIds: [],
});

/** The draft of a criterion as saved. */
export function draftOf(record: FollowUpRecord, criterionNumber: number, answer: string): CriterionDraft {
  const a = record.assessments.find((x) => x.criterionNumber === criterionNumber);
  return {
    status: a?.status,
    done: a?.done ?? "",
    supplementAnswer: answer,
    plannedActions: (a?.plannedActions ?? []).map((p) => ({ ...p })),
    documentIds: [...(a?.documentIds ?? [])],
  };
}

type ActionRow = CriterionDraft["plannedActions"][number];
const isBlank = (r: ActionRow) => !r.action.trim() && !r.owner.trim() && !r.dueDate;
const isComplete = (r: ActionRow) =>
  r.action.trim() !== "" && r.owner.trim() !== "" && isIsoDate(r.dueDate ?? "");

/** A draft's planned actions, ready to save; `null` when one is half filled in (the form says which). */
export function plannedActionsOf(d: CriterionDraft): PlannedAction[] | null {
  const rows = d.plannedActions.filter((r) => !isBlank(r));
  if (rows.some((r) => !isComplete(r))) return null;
  return rows.map((r) => ({ action: r.action.trim(), owner: r.owner.trim(), dueDate: r.dueDate as string }));
}

export function CriterionCard({
  c,
  record,
  criterion,
  draft: d,
  onChange,
  editable,
  openRequest,
}: {
  c: CaseDetail;
  record: FollowUpRecord;
  criterion: { number: number; title: string };
  draft: CriterionDraft;
  onChange: (d: CriterionDraft) => void;
  editable: boolean;
  openRequest: SupplementRequest | undefined;
}) {
  const n = criterion.number;
  const plan = record.plan.find((p) => p.criterionNumber === n);
  const a = record.assessments.find((x) => x.criterionNumber === n);
  const request = openRequest?.items.find((i) => i.criterionNumber === n);
  const set = (patch: Partial<CriterionDraft>) => onChange({ ...d, ...patch });
  const can = (action: string) => c.actions.includes(action);
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={`criterion-${n}`}>
      <Group justify="space-between" mb="xs">
        <Text component="h2" id={`criterion-${n}`} fw={650}>
          {n}. {criterion.title}
        </Text>
        <StatusBadge status={a?.status} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Text size="xs" fw={600} c="dimmed">
            {tx("Kvalitetsplanen", "The quality plan")}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {plan?.text ??
              record.generalPlan ??
              tx("Ingen punkt i planen för kriteriet.", "No plan item for the criterion.")}
          </Text>
          {plan && (
            <Text size="xs" c="dimmed">
              {plan.source === "followUp"
                ? tx("Från förra uppföljningen", "From the last follow-up")
                : tx("Från kvalitetsplanen", "From the quality plan")}{" "}
              ({plan.sourceRegistrationNumber})
            </Text>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          {editable ? (
            <Stack gap="xs">
              <Radio.Group
                label={tx("Status", "Status")}
                value={d.status ?? ""}
                onChange={(v) => set({ status: v as CriterionStatus })}
              >
                <Group gap="md" mt={4}>
                  {CRITERION_STATUSES.map((s) => (
                    <Radio key={s} value={s} label={lbl(CRITERION_STATUS_LABELS[s])} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={tx("Vad har gjorts i år", "What was done this year")}
                autosize
                minRows={2}
                value={d.done}
                onChange={(e) => set({ done: e.currentTarget.value })}
              />
              <PlannedActionsEditor
                criterion={n}
                rows={d.plannedActions}
                onChange={(rows) => set({ plannedActions: rows })}
              />
              <AttachmentPicker
                caseId={c.id}
                criterion={n}
                value={d.documentIds}
                onChange={(ids) => set({ documentIds: ids })}
              />
            </Stack>
          ) : (
            <Stack gap={4}>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {a?.done ?? tx("Inte beskrivet ännu.", "Not described yet.")}
              </Text>
              {(a?.plannedActions.length ?? 0) > 0 && (
                <Text size="xs" fw={600} c="dimmed">
                  {tx("Planerade åtgärder", "Planned actions")}
                </Text>
              )}
              {a?.plannedActions.map((pa) => (
                <Text key={`${pa.action}${pa.dueDate}`} size="sm">
                  • {pa.action} ({pa.owner}, {formatDate(pa.dueDate)})
                </Text>
              ))}
              <Attachments caseId={c.id} ids={a?.documentIds ?? []} />
            </Stack>
          )}
        </Grid.Col>
      </Grid>
      {record.contributions
        .filter((x) => x.criterionNumber === n)
        .map((x) => (
          <Text key={`${x.localCollegeId}${x.on}${x.text}`} size="sm" mt="xs">
            <Badge variant="outline" mr="xs">
              {x.localCollegeName}
            </Badge>
            {x.text}
          </Text>
        ))}
      {record.supplementRequests.flatMap((r) =>
        r.items
          .filter((i) => i.criterionNumber === n && i !== request)
          .map((i) => (
            <Text key={`${r.requestedOn}${i.request}`} size="sm" mt="xs">
              <b>{tx("Begärd komplettering", "Requested supplement")}:</b> {i.request}
              {i.answer ? ` — ${i.answer}` : ""}
            </Text>
          )),
      )}
      {request && (
        <Stack gap={4} mt="sm">
          <Text size="sm" fw={600}>
            {tx("Kansliet begär", "The secretariat asks")}: {request.request}
          </Text>
          {editable && (
            <Textarea
              label={tx(`Komplettering för kriterium ${n}`, `Supplement for criterion ${n}`)}
              autosize
              minRows={2}
              value={d.supplementAnswer}
              onChange={(e) => set({ supplementAnswer: e.currentTarget.value })}
            />
          )}
        </Stack>
      )}
      {can("addLocalContribution") && <Contribution c={c} criterion={n} />}
    </Card>
  );
}

function PlannedActionsEditor({
  criterion,
  rows,
  onChange,
}: {
  criterion: number;
  rows: ActionRow[];
  onChange: (rows: ActionRow[]) => void;
}) {
  const update = (i: number, patch: Partial<ActionRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Stack
      gap={6}
      role="group"
      aria-label={tx(`Planerade åtgärder, kriterium ${criterion}`, `Planned actions, criterion ${criterion}`)}
    >
      <Text size="sm" fw={500}>
        {tx("Planerade åtgärder", "Planned actions")}
      </Text>
      {rows.map((r, i) => {
        const half = !isBlank(r) && !isComplete(r);
        const k = i + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own until saved
          <Group key={i} gap="xs" align="flex-start" wrap="wrap">
            <TextInput
              label={tx(`Åtgärd ${k}`, `Action ${k}`)}
              value={r.action}
              onChange={(e) => update(i, { action: e.currentTarget.value })}
              error={half && !r.action.trim() ? tx("Skriv åtgärden", "Write the action") : undefined}
              style={{ flex: 2, minWidth: 180 }}
            />
            <TextInput
              label={tx(`Ansvarig ${k}`, `Owner ${k}`)}
              value={r.owner}
              onChange={(e) => update(i, { owner: e.currentTarget.value })}
              error={half && !r.owner.trim() ? tx("Vem ansvarar?", "Who owns it?") : undefined}
              style={{ flex: 1, minWidth: 140 }}
            />
            <DateField
              label={tx(`Klart senast ${k}`, `Done by ${k}`)}
              value={r.dueDate}
              onChange={(v) => update(i, { dueDate: v })}
              error={
                half && !isIsoDate(r.dueDate ?? "") ? tx("Datum ÅÅÅÅ-MM-DD", "Date YYYY-MM-DD") : undefined
              }
              w={170}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label={tx(`Ta bort åtgärd ${k}`, `Remove action ${k}`)}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => onChange([...rows, { action: "", owner: "", dueDate: null }])}
        >
          {tx("Lägg till åtgärd", "Add an action")}
        </Button>
      </Group>
    </Stack>
  );
}

function AttachmentPicker({
  caseId,
  criterion,
  value,
  onChange,
}: {
  caseId: string;
  criterion: number;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const docs = useCaseDocuments(caseId);
  const items = docs.data?.items ?? [];
  // Without documents there is nothing to pick: the documents panel below says how to upload one.
  if (items.length === 0) return null;
  return (
    <Checkbox.Group
      label={tx(`Bilagor till kriterium ${criterion}`, `Attachments to criterion ${criterion}`)}
      description={tx(
        "Ladda upp filen under Dokument nedan och markera den här.",
        "Upload the file under Documents below, then tick it here.",
      )}
      value={value}
      onChange={onChange}
    >
      <Stack gap={4} mt={4}>
        {items.map((d) => (
          <Checkbox key={d.id} value={d.id} label={d.title} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function Attachments({ caseId, ids }: { caseId: string; ids: string[] }) {
  const docs = useCaseDocuments(caseId);
  if (ids.length === 0) return null;
  const byId = new Map((docs.data?.items ?? []).map((d) => [d.id, d]));
  return (
    <Group gap={6} mt={4} aria-label={tx("Bilagor", "Attachments")} role="list">
      {ids.map((id) => {
        const d = byId.get(id);
        return (
          <Badge
            key={id}
            role="listitem"
            variant="light"
            color="gray"
            leftSection={<IconPaperclip size={12} aria-hidden />}
          >
            {d ? (
              <a href={d.current.downloadUrl} style={{ color: "inherit" }}>
                {d.title}
              </a>
            ) : (
              tx("Dokument", "Document")
            )}
          </Badge>
        );
      })}
    </Group>
  );
}

function Contribution({ c, criterion }: { c: CaseDetail; criterion: number }) {
  const mutation = useCaseAction(c);
  const [text, setText] = useState("");
  return (
    <Group align="flex-end" mt="sm">
      <Textarea
        label={tx(
          `Lokalt bidrag till kriterium ${criterion}`,
          `Local contribution to criterion ${criterion}`,
        )}
        autosize
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button
        variant="light"
        disabled={!text.trim()}
        loading={mutation.isPending}
        onClick={() =>
          void mutation
            .mutateAsync({ action: "addLocalContribution", payload: { criterionNumber: criterion, text } })
            .then(() => {
              setText("");
              notifySuccess(tx("Bidraget är sparat.", "The contribution is saved."));
            })
        }
      >
        {tx("Lämna bidrag", "Contribute")}
      </Button>
    </Group>
  );
}
