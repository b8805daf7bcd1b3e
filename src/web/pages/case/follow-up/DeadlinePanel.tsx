import { Button, Card, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { CaseDetail } from "../../../../shared/dto";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { tx } from "../../../components/FollowUpMatrix";
import { notifySuccess } from "../../../components/feedback";
import { useCaseAction } from "../../../lib/caseActions";
import { isIsoDate } from "../../../lib/dates";
import { formatDate } from "../../../lib/format";
import { DateField, TextBlock } from "../forms/fields";

/** The secretariat's hold on a follow-up's course: move the region's deadline (with the reason), or withdraw it. */
export function DeadlinePanel({ c }: { c: CaseDetail }) {
  const can = (a: string) => c.actions.includes(a);
  const mutation = useCaseAction(c);
  const [newDueDate, setNewDueDate] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [withdrawReason, setWithdrawReason] = useState("");
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const act = (action: string, payload: unknown, message: string) =>
    mutation.mutateAsync({ action, payload }).then(() => notifySuccess(message));
  if (!can("postponeFollowUp") && !can("withdrawFollowUp")) return null;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="follow-up-deadline">
      <Text component="h2" id="follow-up-deadline" fw={650} mb="xs">
        {tx("Frist och avbrott", "Deadline and withdrawal")}
      </Text>
      <Stack gap="sm">
        {can("postponeFollowUp") && (
          <>
            <Text size="sm" c="dimmed">
              {tx(
                `Regionens frist är ${formatDate(c.nextDeadline?.dueDate)}. Flytten och skälet syns i loggen.`,
                `The region's deadline is ${formatDate(c.nextDeadline?.dueDate)}. The move and its reason go into the log.`,
              )}
            </Text>
            <DateField label={tx("Ny frist", "New deadline")} value={newDueDate} onChange={setNewDueDate} />
            <TextBlock
              label={tx("Skäl till att fristen flyttas", "Why the deadline moves")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group>
              <Button
                variant="light"
                disabled={!isIsoDate(newDueDate ?? "") || !reason.trim()}
                loading={mutation.isPending && mutation.variables?.action === "postponeFollowUp"}
                onClick={() =>
                  void act(
                    "postponeFollowUp",
                    { newDueDate, reason },
                    tx("Fristen är flyttad.", "The deadline is moved."),
                  ).then(() => {
                    setNewDueDate(null);
                    setReason("");
                  })
                }
              >
                {tx("Flytta fristen", "Move the deadline")}
              </Button>
            </Group>
          </>
        )}
        {can("withdrawFollowUp") && (
          <>
            <TextBlock
              label={tx("Skäl att avbryta uppföljningen", "Why the follow-up is withdrawn")}
              value={withdrawReason}
              onChange={(e) => setWithdrawReason(e.currentTarget.value)}
            />
            <Group>
              <Button
                color="red"
                variant="light"
                disabled={!withdrawReason.trim()}
                onClick={() => setConfirmWithdraw(true)}
              >
                {tx("Avbryt uppföljningen", "Withdraw the follow-up")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <ConfirmModal
        opened={confirmWithdraw}
        onClose={() => setConfirmWithdraw(false)}
        title={tx("Avbryta uppföljningen?", "Withdraw the follow-up?")}
        message={tx(
          "Uppföljningen avslutas utan granskning och går inte att öppna igen. Skälet syns i loggen.",
          "The follow-up ends without a review and cannot be reopened. The reason goes into the log.",
        )}
        confirmLabel={tx("Avbryt uppföljningen", "Withdraw")}
        danger
        loading={mutation.isPending}
        onConfirm={() =>
          void act(
            "withdrawFollowUp",
            { reason: withdrawReason },
            tx("Uppföljningen är avbruten.", "The follow-up is withdrawn."),
          ).finally(() => setConfirmWithdraw(false))
        }
      />
    </Card>
  );
}
