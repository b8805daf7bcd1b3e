import { Badge, Group, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import { CRITERION_STATUS_LABELS, FOLLOW_UP_OUTCOME_LABELS } from "../../domain/follow-up/labels";
import type { FollowUpCriterionStatus, FollowUpHistory } from "../../shared/dto";
import { lbl } from "../lib/labels";

/** Both languages side by side, for texts of the follow-up pages. */
export const tx = (sv: string, en: string) => lbl({ sv, en });

/**
 * A certification's follow-ups year by year: per criterion a status per year (colour and words, never colour
 * alone), and each indicator as a small line chart over the years with its values written out.
 */

const STATUS_COLOR: Record<FollowUpCriterionStatus, string> = {
  onTrack: "green",
  atRisk: "yellow",
  notMet: "red",
};
const STATUS_MARK: Record<FollowUpCriterionStatus, string> = { onTrack: "✓", atRisk: "!", notMet: "✕" };

export function StatusBadge({ status }: { status: FollowUpCriterionStatus | null | undefined }) {
  if (!status)
    return (
      <Text size="sm" c="dimmed">
        –
      </Text>
    );
  return (
    <Badge
      color={STATUS_COLOR[status]}
      variant="light"
      leftSection={<span aria-hidden>{STATUS_MARK[status]}</span>}
    >
      {lbl(CRITERION_STATUS_LABELS[status])}
    </Badge>
  );
}

export function FollowUpMatrix({ history, caption }: { history: FollowUpHistory; caption: string }) {
  if (history.years.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {tx("Inga uppföljningar ännu.", "No follow-ups yet.")}
      </Text>
    );
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={480}>
        <Table striped withTableBorder aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{tx("Kriterium", "Criterion")}</Table.Th>
              {history.years.map((y) => (
                <Table.Th key={y.caseId} scope="col">
                  <Link to={`/cases/${y.caseId}`}>{y.year}</Link>
                  <Text size="xs" c="dimmed">
                    {y.outcome ? lbl(FOLLOW_UP_OUTCOME_LABELS[y.outcome]) : tx("Pågår", "In progress")}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.criteria.map((c) => (
              <Table.Tr key={c.number}>
                <Table.Th scope="row" fw={500}>
                  {c.number}. {c.title}
                </Table.Th>
                {c.statuses.map((s, i) => (
                  <Table.Td key={history.years[i]?.caseId ?? i}>
                    <StatusBadge status={s} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        {history.indicators.map((ind) => (
          <IndicatorChart
            key={ind.key}
            label={lbl(ind.label)}
            years={history.years.map((y) => y.year)}
            values={ind.values}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** A small line chart (SVG) of one indicator over the years, with the numbers beside it for those who read. */
export function IndicatorChart({
  label,
  years,
  values,
}: {
  label: string;
  years: number[];
  values: (number | null)[];
}) {
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(1, ...known);
  const min = Math.min(0, ...known);
  const w = 160;
  const h = 48;
  const x = (i: number) => (years.length <= 1 ? w / 2 : 8 + (i * (w - 16)) / (years.length - 1));
  const y = (v: number) => h - 6 - ((v - min) / (max - min || 1)) * (h - 12);
  const points = values.flatMap((v, i) => (v === null ? [] : [[x(i), y(v)] as const]));
  const summary = years.map((yr, i) => `${yr}: ${values[i] ?? "–"}`).join(", ");
  return (
    <Stack gap={2} component="figure" m={0}>
      <Text size="sm" fw={600} component="figcaption">
        {label}
      </Text>
      <svg width={w} height={h} role="img" aria-label={`${label}: ${summary}`}>
        <line x1={0} x2={w} y1={h - 6} y2={h - 6} stroke="var(--mantine-color-gray-4)" />
        {points.length > 1 && (
          <polyline
            fill="none"
            stroke="var(--mantine-color-blue-6)"
            strokeWidth={2}
            points={points.map(([px, py]) => `${px},${py}`).join(" ")}
          />
        )}
        {points.map(([px, py]) => (
          <circle key={`${px}`} cx={px} cy={py} r={3} fill="var(--mantine-color-blue-6)" />
        ))}
      </svg>
      <Group gap="xs">
        {years.map((yr, i) => (
          <Text key={yr} size="xs" c="dimmed">
            {yr}: <b>{values[i] ?? "–"}</b>
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
