import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { Link } from "react-router";
import type { FollowUpOverview, RegionSummary } from "../../shared/dto";
import { DueBadge } from "../components/DeadlineText";
import { FirstItems } from "../components/FirstItems";
import { tx } from "../components/FollowUpMatrix";
import { TableHeader } from "../components/ListTable";
import { SwedenMap } from "../components/map/SwedenMap";
import { formatDate } from "../lib/format";
import { lbl } from "../lib/labels";
import { followUpOverviewQuery } from "../queries";

/**
 * The secretariat's view of the yearly quality follow-ups on the dashboard: how many are open, overdue, at risk
 * and flagged; each region's counts on a map (colour and words) and in a table linking to its Uppföljning tab;
 * the open follow-ups, the soonest due first.
 */

type RegionCounts = FollowUpOverview["regions"][number];
type Tone = "overdue" | "attention" | "open" | "none";

const TONE_FILL: Record<Tone, string> = {
  overdue: "var(--mantine-color-red-7)",
  attention: "var(--mantine-color-orange-5)",
  open: "var(--mantine-color-blue-6)",
  none: "var(--mantine-color-gray-3)",
};

const TONE_TEXT: Record<Tone, [string, string]> = {
  overdue: ["uppföljning försenad", "follow-up overdue"],
  attention: ["risk eller flaggad", "at risk or flagged"],
  open: ["uppföljning pågår", "follow-up in progress"],
  none: ["ingen uppföljning pågår", "no follow-up in progress"],
};

function toneOf(r: RegionCounts | undefined): Tone {
  if (!r) return "none";
  if (r.overdue > 0) return "overdue";
  if (r.atRisk > 0 || r.flagged > 0) return "attention";
  return r.open > 0 ? "open" : "none";
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700} c={value > 0 ? color : undefined}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

export function FollowUpOverviewSection({ regions }: { regions: readonly RegionSummary[] }) {
  const overview = useQuery(followUpOverviewQuery());
  const byRegion = useMemo(
    () => new Map((overview.data?.regions ?? []).map((r) => [r.regionId, r])),
    [overview.data],
  );
  const fillFor = useCallback((r: { id: string }) => TONE_FILL[toneOf(byRegion.get(r.id))], [byRegion]);
  const describe = useCallback(
    (r: { id: string }) => {
      const [sv, en] = TONE_TEXT[toneOf(byRegion.get(r.id))];
      return tx(sv, en);
    },
    [byRegion],
  );
  const d = overview.data;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="dash-follow-ups">
      <Text component="h2" id="dash-follow-ups" fw={650} size="lg" mb="xs">
        {tx("Årlig kvalitetsuppföljning", "Yearly quality follow-up")}
      </Text>
      {overview.isError ? (
        <Text size="sm" c="red">
          {tx("Uppföljningarna kunde inte hämtas.", "The follow-ups could not be loaded.")}
        </Text>
      ) : !d ? (
        <Skeleton height={160} />
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={4} data-testid="follow-up-counts">
            <Count label={tx("Pågår, i tid", "In progress, on time")} value={d.due} />
            <Count label={tx("Försenade", "Overdue")} value={d.overdue} color="red" />
            <Count label={tx("Med risk", "At risk")} value={d.atRisk} color="orange" />
            <Count label={tx("Flaggade", "Flagged")} value={d.flagged} color="orange" />
          </SimpleGrid>
          {d.regions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {tx("Ingen region har någon uppföljning ännu.", "No region has a follow-up yet.")}
            </Text>
          ) : (
            <>
              <SwedenMap
                regions={regions}
                label={tx("Karta: uppföljningarna per region", "Map: the follow-ups per region")}
                maxHeight="320px"
                fillFor={fillFor}
                describe={describe}
              />
              <Group gap="md" aria-hidden>
                {(Object.keys(TONE_FILL) as Tone[]).map((tone) => (
                  <Group key={tone} gap={4} wrap="nowrap">
                    <span
                      style={{
                        width: 12,
                        height: 12,
                        borderRadius: 2,
                        background: TONE_FILL[tone],
                        display: "inline-block",
                      }}
                    />
                    <Text size="xs">{tx(...TONE_TEXT[tone])}</Text>
                  </Group>
                ))}
              </Group>
              <Table.ScrollContainer minWidth={420}>
                <Table aria-label={tx("Uppföljningar per region", "Follow-ups per region")}>
                  <TableHeader
                    columns={[
                      tx("Region", "Region"),
                      tx("Pågår", "Open"),
                      tx("Försenade", "Overdue"),
                      tx("Risk", "At risk"),
                      tx("Flaggade", "Flagged"),
                    ]}
                  />
                  <Table.Tbody>
                    {d.regions.map((r) => (
                      <Table.Tr key={r.regionId}>
                        <Table.Th scope="row">
                          <Anchor component={Link} to={`/regions/${r.regionId}?tab=followUps`} size="sm">
                            {r.regionName}
                          </Anchor>
                        </Table.Th>
                        <Table.Td>{r.open}</Table.Td>
                        <Table.Td>{r.overdue}</Table.Td>
                        <Table.Td>{r.atRisk}</Table.Td>
                        <Table.Td>{r.flagged}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </>
          )}
          {d.items.length > 0 && (
            <FirstItems items={d.items}>
              {(items) => (
                <Stack gap={6} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                  {items.map((f) => (
                    <Group key={f.caseId} component="li" gap="xs" wrap="wrap">
                      <Anchor component={Link} to={`/cases/${f.caseId}`} size="sm" fw={600}>
                        {f.registrationNumber}
                      </Anchor>
                      <Text size="sm">
                        {f.regionName} · {lbl(f.stateLabel)}
                      </Text>
                      {f.dueDate && (
                        <Text size="sm" c="dimmed">
                          {tx("frist", "due")} {formatDate(f.dueDate)}
                        </Text>
                      )}
                      {f.dueDate && <DueBadge dueDate={f.dueDate} />}
                      {f.atRisk && (
                        <Badge color="orange" variant="light">
                          {tx("Risk", "At risk")}
                        </Badge>
                      )}
                    </Group>
                  ))}
                </Stack>
              )}
            </FirstItems>
          )}
        </Stack>
      )}
    </Card>
  );
}
