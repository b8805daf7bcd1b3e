import { Alert, Anchor, Badge, Button, Group, Select, Skeleton, Stack, Text } from "@mantine/core";
import { IconFileSpreadsheet } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { CaseDetail, CertificationFollowUps, RegionDetail, RegionFollowUps } from "../../../shared/dto";
import { get, post, put } from "../../api";
import { FollowUpMatrix, tx } from "../../components/FollowUpMatrix";
import { notifyError, notifySuccess } from "../../components/feedback";
import { formatDate, formatMonth } from "../../lib/format";

/**
 * The region's yearly quality follow-ups: per certification in force the matrix (criteria × years, status in
 * colour and words), the indicators as small line charts, the follow-up in progress, a flag for attention, and
 * for the secretariat the month it opens and a button to open this year's by hand.
 */

export function FollowUpsSection({ region }: { region: RegionDetail }) {
  const key = ["regions", region.id, "follow-ups"];
  const data = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      get<RegionFollowUps>(`/api/regions/${encodeURIComponent(region.id)}/follow-ups`, signal),
  });
  if (!data.data) return <Skeleton height={200} />;
  if (data.data.certifications.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {tx(
          "Regionen har ingen giltig certifiering att följa upp.",
          "The region has no certification in force to follow up.",
        )}
      </Text>
    );
  return (
    <Stack gap="xl">
      <Group justify="flex-end">
        <Button
          component="a"
          href={`/api/regions/${encodeURIComponent(region.id)}/follow-ups.xlsx`}
          download
          variant="default"
          size="sm"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          {tx("Exportera matrisen (Excel)", "Export the matrix (Excel)")}
        </Button>
      </Group>
      {data.data.certifications.map((c) => (
        <CertificationFollowUp key={c.certificationId} c={c} regionId={region.id} />
      ))}
    </Stack>
  );
}

function CertificationFollowUp({ c, regionId }: { c: CertificationFollowUps; regionId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["regions", regionId, "follow-ups"] });
  const open = useMutation({
    mutationFn: () =>
      post<CaseDetail>(`/api/certifications/${encodeURIComponent(c.certificationId)}/follow-ups`),
    onSuccess: async (created) => {
      await refresh();
      notifySuccess(tx("Uppföljningen är öppnad.", "The follow-up is opened."));
      navigate(`/cases/${created.id}`);
    },
    onError: notifyError,
  });
  const month = useMutation({
    mutationFn: (m: number | null) =>
      put(`/api/certifications/${encodeURIComponent(c.certificationId)}/follow-up-month`, {
        expectedVersion: c.version,
        month: m,
      }),
    onSuccess: async () => {
      await refresh();
      notifySuccess();
    },
    onError: notifyError,
  });
  return (
    <Stack gap="sm" component="section" aria-label={c.subjectName}>
      <Group justify="space-between">
        <div>
          <Text fw={650} size="lg">
            {c.subjectName}
          </Text>
          <Text size="sm" c="dimmed">
            {tx("Giltig", "Valid")} {formatDate(c.validFrom)} – {formatDate(c.validTo)} ·{" "}
            {tx("uppföljning varje år i", "followed up every year in")} {formatMonth(c.followUpMonth)}
            {c.followUpMonthIsDefault ? ` (${tx("beslutets månad", "the decision's month")})` : ""}
          </Text>
        </div>
        <Group>
          {c.actions.includes("setFollowUpMonth") && (
            <Select
              aria-label={tx("Månad då uppföljningen öppnas", "Month the follow-up opens")}
              w={160}
              value={c.followUpMonthIsDefault ? "" : String(c.followUpMonth)}
              data={[
                { value: "", label: tx("Beslutets månad", "The decision's month") },
                ...Array.from({ length: 12 }, (_, i) => ({
                  value: String(i + 1),
                  label: formatMonth(i + 1),
                })),
              ]}
              onChange={(v) => month.mutate(v ? Number(v) : null)}
              allowDeselect={false}
            />
          )}
          {c.actions.includes("openFollowUp") && (
            <Button onClick={() => open.mutate()} loading={open.isPending}>
              {tx("Öppna årets uppföljning", "Open this year's follow-up")}
            </Button>
          )}
        </Group>
      </Group>
      {c.attention && (
        <Alert color="orange" title={tx("Flaggad för uppmärksamhet", "Flagged for attention")}>
          {c.attention.reason} ({formatDate(c.attention.since.slice(0, 10))})
        </Alert>
      )}
      {c.openFollowUp && (
        <Group gap="xs">
          <Anchor
            href={`/cases/${c.openFollowUp.caseId}`}
            onClick={(e) => {
              e.preventDefault();
              navigate(`/cases/${c.openFollowUp?.caseId}`);
            }}
          >
            {tx("Pågående uppföljning", "Follow-up in progress")}
          </Anchor>
          {c.openFollowUp.dueDate && (
            <Badge color={c.openFollowUp.overdue ? "red" : "blue"} variant="light">
              {c.openFollowUp.overdue ? tx("Försenad sedan", "Overdue since") : tx("Sista dag", "Due")}{" "}
              {formatDate(c.openFollowUp.dueDate)}
            </Badge>
          )}
        </Group>
      )}
      <FollowUpMatrix
        history={c.history}
        caption={tx(
          `Uppföljning per kriterium och år: ${c.subjectName}`,
          `Follow-up per criterion and year: ${c.subjectName}`,
        )}
      />
    </Stack>
  );
}
