import { Badge, Card, Checkbox, Grid, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CASE_KIND_LABELS, CASE_KINDS, CASE_STATES, STATE_LABELS } from "../../../domain/certification/steps";
import { useMe } from "../../auth";
import { DueBadge } from "../../components/DeadlineText";
import { CaseExportButtons } from "../../components/documents/ExportLinks";
import { ListPageHeader } from "../../components/ListPageHeader";
import { CaseNumberCell, ListCard, PagePicker } from "../../components/ListTable";
import { QueryError } from "../../components/QueryError";
import { byName, formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { useListParams } from "../../lib/searchParams";
import { useCaseList, useRegions } from "../../queries";
import { NewCaseModal } from "./NewCaseModal";

const PAGE_SIZE = 25;

/** The case list: filters and search in the address (so a filtered list can be shared), paginated. */
export function CasesPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const { params, page, update } = useListParams();
  const [creating, create] = useDisclosure(false);
  const regions = useRegions();
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [debounced] = useDebouncedValue(search, 300);
  const national = me?.role === "secretariat" || me?.role === "reviewer" || me?.role === "board";
  const mayCreate = me?.role === "secretariat" || me?.role === "regionLead";

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives the search
  useEffect(() => {
    if ((params.get("q") ?? "") !== debounced.trim()) update({ q: debounced.trim() || null });
  }, [debounced]);

  /** A select of one filter: "Alla" until one is picked; a pick goes to the address. */
  const filter = (key: string) => ({
    placeholder: t("cases.all"),
    clearable: true,
    value: params.get(key),
    onChange: (v: string | null) => update({ [key]: v }),
  });
  /** A checkbox of one filter, "1" in the address when ticked. */
  const flag = (key: string) => ({
    checked: params.get(key) === "1",
    onChange: (e: React.ChangeEvent<HTMLInputElement>) =>
      update({ [key]: e.currentTarget.checked ? "1" : null }),
  });

  const showClosed = params.get("closed") === "1";
  const query = new URLSearchParams();
  for (const key of ["step", "kind", "regionId", "q"]) {
    const value = params.get(key);
    if (value) query.set(key, value);
  }
  if (params.get("overdue") === "1") query.set("overdue", "true");
  if (!showClosed && !params.get("step")) query.set("open", "true");
  query.set("page", String(page));
  query.set("pageSize", String(PAGE_SIZE));
  const cases = useCaseList(query);
  const total = cases.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="lg">
      <ListPageHeader
        title={t("cases.title")}
        summary={cases.data ? t("cases.count", { count: total }) : ""}
        live
        add={mayCreate && { label: t("cases.new"), onClick: create.open }}
      />

      <Card withBorder radius="md" component="section" role="search" aria-label={t("cases.filters")}>
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <TextInput
              type="search"
              label={t("cases.search")}
              placeholder={t("cases.searchPlaceholder")}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
            <Select
              label={t("cases.step")}
              data={CASE_STATES.map((s, i) => ({
                value: s,
                label: i < 13 ? `${i + 1}. ${lbl(STATE_LABELS[s])}` : lbl(STATE_LABELS[s]),
              }))}
              {...filter("step")}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
            <Select
              label={t("cases.kind")}
              data={CASE_KINDS.map((k) => ({ value: k, label: lbl(CASE_KIND_LABELS[k]) }))}
              {...filter("kind")}
            />
          </Grid.Col>
          {national ? (
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <Select
                label={t("cases.region")}
                searchable
                data={[...(regions.data?.items ?? [])]
                  .sort(byName)
                  .map((r) => ({ value: r.id, label: r.name }))}
                {...filter("regionId")}
              />
            </Grid.Col>
          ) : null}
          <Grid.Col span={12}>
            <Group gap="lg">
              <Checkbox label={t("cases.overdueOnly")} {...flag("overdue")} />
              <Checkbox label={t("cases.showClosed")} {...flag("closed")} />
            </Group>
          </Grid.Col>
        </Grid>
      </Card>

      <CaseExportButtons query={query} />
      {cases.isError ? <QueryError error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      <ListCard
        loading={cases.isPending}
        skeletonRows={6}
        minWidth={860}
        striped
        aria-label={t("cases.title")}
        columns={[
          t("cases.columns.number"),
          t("cases.columns.title"),
          t("cases.columns.region"),
          t("cases.columns.step"),
          t("cases.columns.due"),
          t("cases.columns.updated"),
        ]}
        empty={cases.data?.items.length === 0 && t("cases.empty")}
      >
        {cases.data?.items.map((c) => (
          <Table.Tr key={c.id}>
            <CaseNumberCell id={c.id} number={c.registrationNumber} />
            <Table.Td>
              <Text size="sm">{c.title}</Text>
              <Text size="xs" c="dimmed">
                {lbl(c.kindLabel)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{c.region.name}</Text>
            </Table.Td>
            <Table.Td>
              <Badge color={c.stepNumber ? "petrol" : "gray"} variant="light" tt="none">
                {c.stepNumber ? `${c.stepNumber}. ` : ""}
                {lbl(c.stateLabel)}
              </Badge>
            </Table.Td>
            <Table.Td>
              {c.nextDeadline ? (
                <Group gap={6} wrap="nowrap">
                  <Text size="sm">{formatDate(c.nextDeadline.dueDate)}</Text>
                  <DueBadge dueDate={c.nextDeadline.dueDate} />
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(c.updatedAt.slice(0, 10))}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListCard>
      <PagePicker pages={pages} page={page} onChange={(p) => update({ page: String(p) })} />
      <NewCaseModal opened={creating} onClose={create.close} />
    </Stack>
  );
}
