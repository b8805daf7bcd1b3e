import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CaseDetail, RegionSummary } from "../../shared/dto";
import { post } from "../api";
import { BarChart } from "../components/BarChart";
import { DueBadge } from "../components/DeadlineText";
import { FirstItems } from "../components/FirstItems";
import { notifyError, notifySuccess } from "../components/feedback";
import { ListTable } from "../components/ListTable";
import { SwedenMap } from "../components/map/SwedenMap";
import classes from "../components/map/SwedenMap.module.css";
import { STATUS_COLORS, STATUS_ORDER } from "../components/map/status";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
import { SectionCard } from "../components/SectionCard";
import { byName, formatDate } from "../lib/format";
import { lbl } from "../lib/labels";
import { type Dashboard, queryKeys, useDashboard, useRegions } from "../queries";
import { FollowUpOverviewSection } from "./FollowUpOverviewSection";

function Stat({ label, value, tone }: { label: string; value: number; tone?: "red" | "orange" }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        fz={32}
        fw={700}
        c={tone === "red" && value > 0 ? "red.8" : tone === "orange" && value > 0 ? "orange.9" : undefined}
      >
        {value}
      </Text>
    </Card>
  );
}

/** A grey line that says a list is empty. */
function None({ children }: { children: string }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** A card of the dashboard under its h2; `empty`'s text instead of `children` when given (the list is empty). */
function Section({
  id,
  title,
  empty,
  children,
}: {
  id: string;
  title: string;
  empty?: string | false;
  children: React.ReactNode;
}) {
  return (
    <SectionCard id={id} title={title}>
      {empty ? <None>{empty}</None> : children}
    </SectionCard>
  );
}

function DeadlineList({ items, empty }: { items: readonly Dashboard["overdue"][number][]; empty: string }) {
  if (items.length === 0) return <None>{empty}</None>;
  return (
    <List listStyleType="none" spacing="xs">
      {items.map((c) => (
        <List.Item key={c.id}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Stack gap={0}>
              <Anchor component={Link} to={`/cases/${c.id}`} size="sm" fw={600}>
                {c.registrationNumber}
              </Anchor>
              <Text size="xs" c="dimmed">
                {c.region.name} · {c.stepNumber ? `${c.stepNumber}. ` : ""}
                {lbl(c.stateLabel)}
              </Text>
            </Stack>
            <Stack gap={2} align="flex-end">
              <Text size="xs">{formatDate(c.dueDate)}</Text>
              <DueBadge dueDate={c.dueDate} />
            </Stack>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const dashboard = useDashboard();
  const regions = useRegions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const recertify = useMutation({
    mutationFn: (id: string) => post<CaseDetail>(`/api/certifications/${id}/recertify`),
    onSuccess: async (c) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.dashboard }),
        queryClient.invalidateQueries({ queryKey: queryKeys.cases }),
        queryClient.invalidateQueries({ queryKey: queryKeys.regions }),
      ]);
      notifySuccess(t("dashboard.recertifyStarted", { number: c.registrationNumber }));
      navigate(`/cases/${c.id}`);
    },
    onError: notifyError,
  });
  const decimal = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "sv-SE", {
    maximumFractionDigits: 1,
  });
  const regionItems = useMemo(() => [...(regions.data?.items ?? [])].sort(byName), [regions.data]);
  const statusOf = useMemo(
    () => new Map(regionItems.map((r) => [r.id, r.certificationStatus])),
    [regionItems],
  );
  const fillFor = useCallback((r: { id: string }) => STATUS_COLORS[statusOf.get(r.id) ?? "none"], [statusOf]);
  const describe = useCallback(
    (r: { id: string }) => t(`certification.${statusOf.get(r.id) ?? "none"}`),
    [statusOf, t],
  );

  if (dashboard.isError)
    return <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  const d = dashboard.data;

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <PageTitle>{t("dashboard.title")}</PageTitle>
        <Text c="dimmed" size="sm">
          {d ? t("dashboard.asOf", { date: formatDate(d.today) }) : t("common.loading")}
        </Text>
      </Stack>
      {!d ? (
        <Skeleton height={400} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Stat label={t("dashboard.openCertification")} value={d.totals.openCertification} />
            <Stat label={t("dashboard.overdue")} value={d.totals.overdue} tone="red" />
            <Stat label={t("dashboard.dueSoon")} value={d.totals.dueSoon} tone="orange" />
            <Stat label={t("dashboard.openJoining")} value={d.totals.openJoining} />
          </SimpleGrid>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack gap="lg">
                <Section id="dash-steps" title={t("dashboard.casesPerStep")}>
                  <BarChart
                    caption={t("dashboard.casesPerStepCaption")}
                    labelHeader={t("dashboard.step")}
                    valueHeader={t("dashboard.cases")}
                    bars={d.casesByStep.map((s) => ({
                      key: s.step,
                      label: `${s.number}. ${lbl(s.label)}`,
                      value: s.count,
                    }))}
                  />
                </Section>
                <Section id="dash-durations" title={t("dashboard.durations")}>
                  <BarChart
                    caption={t("dashboard.durationsCaption")}
                    labelHeader={t("dashboard.step")}
                    valueHeader={t("dashboard.medianDays")}
                    color="var(--mantine-color-teal-8)"
                    bars={d.stepDurations.map((s, i) => ({
                      key: s.step,
                      label: `${i + 1}. ${lbl(s.label)}`,
                      value: s.medianDays,
                      display:
                        s.medianDays === null
                          ? t("dashboard.noData")
                          : `${t("dashboard.days", { count: s.medianDays, value: decimal.format(s.medianDays) })} · ${t("dashboard.stays", { count: s.count })}`,
                    }))}
                  />
                </Section>
                <Section
                  id="dash-expiring"
                  title={t("dashboard.expiring")}
                  empty={d.expiring.length === 0 && t("dashboard.expiringEmpty")}
                >
                  <FirstItems items={d.expiring}>
                    {(expiring) => (
                      <ListTable
                        minWidth={520}
                        aria-labelledby="dash-expiring"
                        columns={[
                          t("certifications.subject"),
                          t("certifications.validTo"),
                          t("common.actions"),
                        ]}
                      >
                        {expiring.map((c) => (
                          <Table.Tr key={c.id}>
                            <Table.Th scope="row">
                              <Text size="sm" fw={600}>
                                {c.subjectName}
                              </Text>
                              <Text size="xs" c="dimmed">
                                {t(`certifications.kinds.${c.subjectKind as "region"}`)} · {c.regionName}
                              </Text>
                            </Table.Th>
                            <Table.Td>
                              <Group gap={6}>
                                <Text size="sm">{formatDate(c.validTo)}</Text>
                                <DueBadge dueDate={c.validTo} />
                              </Group>
                            </Table.Td>
                            <Table.Td>
                              {c.canRecertify ? (
                                <Button
                                  size="xs"
                                  loading={recertify.isPending && recertify.variables === c.id}
                                  onClick={() => recertify.mutate(c.id)}
                                  aria-label={t("dashboard.recertifyFor", { name: c.subjectName })}
                                >
                                  {t("dashboard.recertify")}
                                </Button>
                              ) : c.recertificationCaseId ? (
                                <Anchor component={Link} to={`/cases/${c.recertificationCaseId}`} size="sm">
                                  {t("dashboard.recertificationOpen")}
                                </Anchor>
                              ) : null}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </ListTable>
                    )}
                  </FirstItems>
                </Section>
                <FollowUpOverviewSection regions={regionItems} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <Section id="dash-overdue" title={t("dashboard.overdueTitle")}>
                  <FirstItems items={d.overdue}>
                    {(items) => <DeadlineList items={items} empty={t("dashboard.overdueEmpty")} />}
                  </FirstItems>
                  {d.totals.overdue > 0 ? (
                    <Anchor component={Link} to="/cases?overdue=1" size="sm" display="block" mt="xs">
                      {t("dashboard.allOverdue", { count: d.totals.overdue })}
                    </Anchor>
                  ) : null}
                </Section>
                <Section id="dash-soon" title={t("dashboard.dueSoonTitle")}>
                  <FirstItems items={d.dueSoon}>
                    {(items) => <DeadlineList items={items} empty={t("dashboard.dueSoonEmpty")} />}
                  </FirstItems>
                </Section>
                <Section
                  id="dash-visits"
                  title={t("dashboard.visits")}
                  empty={d.upcomingVisits.length === 0 && t("dashboard.visitsEmpty")}
                >
                  <FirstItems items={d.upcomingVisits}>
                    {(visits) => (
                      <List listStyleType="none" spacing="xs">
                        {visits.map((v) => (
                          <List.Item key={v.caseId}>
                            <Text size="sm">
                              <Text span fw={600}>
                                {formatDate(v.plannedDate)}
                              </Text>{" "}
                              {v.place} ·{" "}
                              <Anchor component={Link} to={`/cases/${v.caseId}`} size="sm">
                                {v.registrationNumber}
                              </Anchor>{" "}
                              ({v.region.name})
                            </Text>
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </FirstItems>
                </Section>
                <Section
                  id="dash-meetings"
                  title={t("dashboard.meetings")}
                  empty={d.upcomingMeetings.length === 0 && t("dashboard.meetingsEmpty")}
                >
                  <List listStyleType="none" spacing="xs">
                    {d.upcomingMeetings.map((m) => (
                      <List.Item key={m.id}>
                        <Group gap="xs" justify="space-between" wrap="nowrap">
                          <Anchor component={Link} to={`/meetings/${m.id}`} size="sm">
                            {formatDate(m.date)} – {m.title}
                          </Anchor>
                          <Group gap={4} wrap="nowrap">
                            {m.kind === "extra" ? (
                              <Badge color="gray">{t("meetings.kinds.extra")}</Badge>
                            ) : null}
                            <Badge color="petrol">
                              {t("dashboard.agendaCount", { count: m.agendaCount })}
                            </Badge>
                          </Group>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </Section>
                <Section id="dash-map" title={t("dashboard.map")}>
                  <SwedenMap
                    regions={regionItems}
                    label={t("dashboard.mapLabel")}
                    maxHeight="460px"
                    fillFor={fillFor}
                    describe={describe}
                  />
                  <StatusLegend regions={regionItems} />
                </Section>
              </Stack>
            </Grid.Col>
          </Grid>
        </>
      )}
    </Stack>
  );
}

/** The statuses with their colours, and every region under its status (links for keyboard users). */
function StatusLegend({ regions }: { regions: RegionSummary[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" mt="sm">
      {STATUS_ORDER.map((status) => {
        const list = regions.filter((r) => r.certificationStatus === status);
        return (
          <div key={status}>
            <Group gap="xs" wrap="nowrap">
              <span className={classes.swatch} style={{ background: STATUS_COLORS[status] }} aria-hidden />
              <Text size="sm" fw={600} id={`legend-${status}`}>
                {t(`certification.${status}`)} ({list.length})
              </Text>
            </Group>
            {list.length ? (
              <List size="sm" ml="lg" listStyleType="none" aria-labelledby={`legend-${status}`}>
                {list.map((r) => (
                  <List.Item key={r.id}>
                    <Anchor component={Link} to={`/regions/${r.id}`} size="sm">
                      {r.name}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            ) : null}
          </div>
        );
      })}
    </Stack>
  );
}
