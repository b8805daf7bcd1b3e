import { Button, Card, Checkbox, Group, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import type { FollowUpRecord } from "../../../../domain/follow-up/record";
import type { CaseDetail } from "../../../../shared/dto";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { tx } from "../../../components/FollowUpMatrix";
import { notifySuccess } from "../../../components/feedback";
import { useCaseAction } from "../../../lib/caseActions";
import { formatDate } from "../../../lib/format";
import { useReviewers } from "../../../queries";
import { DeadlinePanel } from "./DeadlinePanel";

/**
 * The secretariat's side of a follow-up: name a reviewer (optional), read and write review notes (the reviewer
 * too), then accept, request a supplement per criterion, or flag the certification; and, while the follow-up
 * runs, move the region's deadline or withdraw it.
 */
export function ReviewSection({ c, record }: { c: CaseDetail; record: FollowUpRecord }) {
  const can = (a: string) => c.actions.includes(a);
  return (
    <>
      {(can("assignFollowUpReviewer") || can("recordReviewNote")) && (
        <ReviewerAndNotes c={c} record={record} />
      )}
      {can("acceptFollowUp") && <ReviewPanel c={c} />}
      <DeadlinePanel c={c} />
    </>
  );
}

function ReviewerAndNotes({ c, record }: { c: CaseDetail; record: FollowUpRecord }) {
  const can = (a: string) => c.actions.includes(a);
  const mutation = useCaseAction(c);
  const reviewers = useReviewers(can("assignFollowUpReviewer"));
  const [reviewerId, setReviewerId] = useState<string | null>(record.reviewerId ?? null);
  const [note, setNote] = useState("");
  const [noteCriterion, setNoteCriterion] = useState<string | null>(null);
  const criteria = c.criteriaSet?.criteria ?? [];
  const current = reviewers.data?.find((r) => r.id === record.reviewerId);
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="review-notes">
      <Text component="h2" id="review-notes" fw={650} mb="xs">
        {tx("Granskare och anteckningar", "Reviewer and notes")}
      </Text>
      <Stack gap="sm">
        {can("assignFollowUpReviewer") && (
          <Group align="flex-end">
            <Select
              label={tx("Granskare (valfritt)", "Reviewer (optional)")}
              placeholder={tx("Välj granskare", "Pick a reviewer")}
              data={(reviewers.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              value={reviewerId}
              onChange={setReviewerId}
              searchable
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              disabled={!reviewerId || reviewerId === record.reviewerId}
              loading={mutation.isPending && mutation.variables?.action === "assignFollowUpReviewer"}
              onClick={() =>
                void mutation
                  .mutateAsync({ action: "assignFollowUpReviewer", payload: { reviewerId } })
                  .then(() =>
                    notifySuccess(
                      tx("Granskaren är utsedd och meddelad.", "The reviewer is assigned and told."),
                    ),
                  )
              }
            >
              {tx("Utse granskare", "Assign the reviewer")}
            </Button>
          </Group>
        )}
        {record.reviewerId && (
          <Text size="sm" c="dimmed">
            {tx("Utsedd granskare", "Assigned reviewer")}: {current?.name ?? tx("utsedd", "assigned")}
          </Text>
        )}
        {record.reviewNotes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {tx("Inga granskningsanteckningar ännu.", "No review notes yet.")}
          </Text>
        ) : (
          <Stack
            gap={4}
            component="ul"
            style={{ listStyle: "none", padding: 0, margin: 0 }}
            aria-label={tx("Granskningsanteckningar", "Review notes")}
          >
            {record.reviewNotes.map((n) => (
              <Text key={`${n.on}${n.by}${n.note}`} size="sm" component="li">
                <b>{formatDate(n.on)}</b>{" "}
                {n.byRole === "reviewer"
                  ? tx("(granskare)", "(reviewer)")
                  : tx("(kansliet)", "(secretariat)")}
                {n.criterionNumber ? ` ${tx("kriterium", "criterion")} ${n.criterionNumber}:` : ":"} {n.note}
              </Text>
            ))}
          </Stack>
        )}
        {can("recordReviewNote") && (
          <Stack gap="xs">
            <Select
              label={tx("Gäller kriterium", "About criterion")}
              placeholder={tx("Hela uppföljningen", "The whole follow-up")}
              data={criteria.map((cr) => ({ value: String(cr.number), label: `${cr.number}. ${cr.title}` }))}
              value={noteCriterion}
              onChange={setNoteCriterion}
              clearable
            />
            <Textarea
              label={tx("Anteckning", "Note")}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="light"
                disabled={!note.trim()}
                loading={mutation.isPending && mutation.variables?.action === "recordReviewNote"}
                onClick={() =>
                  void mutation
                    .mutateAsync({
                      action: "recordReviewNote",
                      payload: { note, ...(noteCriterion ? { criterionNumber: Number(noteCriterion) } : {}) },
                    })
                    .then(() => {
                      setNote("");
                      notifySuccess(tx("Anteckningen är sparad.", "The note is saved."));
                    })
                }
              >
                {tx("Spara anteckningen", "Save the note")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function ReviewPanel({ c }: { c: CaseDetail }) {
  const mutation = useCaseAction(c);
  const [summary, setSummary] = useState("");
  const [reason, setReason] = useState("");
  const [asks, setAsks] = useState<Record<number, string>>({});
  const [picked, setPicked] = useState<number[]>([]);
  const [confirm, setConfirm] = useState<"accept" | "flag" | null>(null);
  const criteria = c.criteriaSet?.criteria ?? [];
  const act = (action: string, payload: unknown, message: string) =>
    mutation.mutateAsync({ action, payload }).then(() => notifySuccess(message));
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="review">
      <Text component="h2" id="review" fw={650} mb="xs">
        {tx("Granskning", "Review")}
      </Text>
      <Stack gap="sm">
        <Textarea
          label={tx("Sammanfattning", "Summary")}
          autosize
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
        />
        <Group>
          <Button color="green" onClick={() => setConfirm("accept")}>
            {tx("Godkänn uppföljningen", "Accept the follow-up")}
          </Button>
        </Group>
        <Text fw={600} size="sm">
          {tx("Begär komplettering per kriterium", "Request a supplement per criterion")}
        </Text>
        {criteria.map((cr) => (
          <Stack key={cr.number} gap={4}>
            <Checkbox
              label={`${cr.number}. ${cr.title}`}
              checked={picked.includes(cr.number)}
              onChange={(e) =>
                setPicked((p) =>
                  e.currentTarget.checked ? [...p, cr.number] : p.filter((n) => n !== cr.number),
                )
              }
            />
            {picked.includes(cr.number) && (
              <Textarea
                label={tx(
                  `Vad ska kompletteras för kriterium ${cr.number}`,
                  `What to supplement for criterion ${cr.number}`,
                )}
                autosize
                value={asks[cr.number] ?? ""}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setAsks((a) => ({ ...a, [cr.number]: v }));
                }}
              />
            )}
          </Stack>
        ))}
        <Group>
          <Button
            variant="light"
            disabled={picked.length === 0 || picked.some((n) => !asks[n]?.trim())}
            loading={mutation.isPending}
            onClick={() =>
              void act(
                "requestFollowUpSupplement",
                { items: picked.map((n) => ({ criterionNumber: n, request: asks[n] })) },
                tx("Kompletteringen är begärd.", "The supplement is requested."),
              )
            }
          >
            {tx("Begär komplettering", "Request a supplement")}
          </Button>
        </Group>
        <TextInput
          label={tx("Skäl att flagga certifieringen", "Why the certification needs attention")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group>
          <Button color="orange" variant="light" disabled={!reason.trim()} onClick={() => setConfirm("flag")}>
            {tx("Flagga certifieringen", "Flag the certification")}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm === "flag"
            ? tx("Flagga certifieringen?", "Flag the certification?")
            : tx("Godkänn uppföljningen?", "Accept the follow-up?")
        }
        message={tx(
          "Uppföljningen avslutas. Beslutet syns för regionen och i loggen.",
          "The follow-up closes. The region and the log show the decision.",
        )}
        confirmLabel={confirm === "flag" ? tx("Flagga", "Flag") : tx("Godkänn", "Accept")}
        danger={confirm === "flag"}
        loading={mutation.isPending}
        onConfirm={() =>
          void (
            confirm === "flag"
              ? act(
                  "flagCertification",
                  { reason, ...(summary.trim() ? { summary } : {}) },
                  tx("Certifieringen är flaggad.", "The certification is flagged."),
                )
              : act(
                  "acceptFollowUp",
                  summary.trim() ? { summary } : {},
                  tx("Uppföljningen är godkänd.", "The follow-up is accepted."),
                )
          ).finally(() => setConfirm(null))
        }
      />
    </Card>
  );
}
