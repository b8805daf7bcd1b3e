import { Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
import { StatusBadge } from "../components/StatusBadge";
import { TableSkeleton } from "../components/TableSkeleton";
import { formatDate } from "../lib/format";
import { lbl } from "../lib/labels";
import { useCriteriaSets } from "../queries";

export function CriteriaPage() {
  const { t } = useTranslation();
  const sets = useCriteriaSets();

  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <PageTitle>{t("criteria.title")}</PageTitle>
        <Text c="dimmed">{t("criteria.intro")}</Text>
      </Stack>
      {sets.isPending ? <TableSkeleton rows={4} /> : null}
      {sets.isError ? <QueryError error={sets.error} onRetry={() => void sets.refetch()} /> : null}
      {sets.data?.length === 0 ? <Text c="dimmed">{t("criteria.empty")}</Text> : null}
      {sets.data?.map((set) => (
        <Card key={set.id} withBorder radius="md" component="section" aria-labelledby={`criteria-${set.id}`}>
          <Group justify="space-between" align="flex-start" mb="sm">
            <Stack gap={2}>
              <Title order={2} size="h3" id={`criteria-${set.id}`}>
                {set.name}
              </Title>
              <Text size="sm" c="dimmed">
                {t("criteria.validFrom", { date: formatDate(set.validFrom) })} ·{" "}
                {t("criteria.count", { count: set.criteria.length })}
              </Text>
            </Stack>
            <Group gap="xs">
              <Badge variant="outline" color="gray.8">
                {t("criteria.version", { version: set.version })}
              </Badge>
              <StatusBadge status={set.status} />
            </Group>
          </Group>
          <List type="ordered" spacing="sm" withPadding>
            {[...set.criteria]
              .sort((a, b) => a.number - b.number)
              .map((criterion) => (
                <List.Item key={criterion.id} value={criterion.number}>
                  <Text fw={600}>{criterion.title}</Text>
                  {criterion.description ? (
                    <Text size="sm" c="dimmed">
                      {criterion.description}
                    </Text>
                  ) : null}
                </List.Item>
              ))}
          </List>
          <Text size="sm" mt="sm">
            <Text span fw={600}>
              {t("criteria.indicators")}:
            </Text>{" "}
            {set.indicators.map((i) => lbl(i.label)).join(", ")}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
