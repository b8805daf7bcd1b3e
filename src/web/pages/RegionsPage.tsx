import { Anchor, Badge, Card, Grid, Group, Stack, Table, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { RegionSummary } from "../../shared/dto";
import { ListPageHeader } from "../components/ListPageHeader";
import { ListCard, right } from "../components/ListTable";
import { MapLegend } from "../components/map/MapLegend";
import { SwedenMap } from "../components/map/SwedenMap";
import { QueryError } from "../components/QueryError";
import { StatusBadge } from "../components/StatusBadge";
import { byName } from "../lib/format";
import { useRegions } from "../queries";
import { RegionFormModal } from "./RegionFormModal";

const CERTIFICATION_COLORS: Record<RegionSummary["certificationStatus"], string> = {
  certified: "green",
  inProgress: "blue",
  none: "gray",
  expired: "orange",
};

export function RegionsPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const navigate = useNavigate();
  const [creating, { open, close }] = useDisclosure(false);
  const items = useMemo(() => (regions.data ? [...regions.data.items].sort(byName) : []), [regions.data]);

  return (
    <Stack gap="lg">
      <ListPageHeader
        title={t("regions.title")}
        summary={regions.data && t("regions.count", { count: items.length })}
        add={regions.data?.actions.includes("create") === true && { label: t("regions.new"), onClick: open }}
      />

      {regions.isError ? <QueryError error={regions.error} onRetry={() => void regions.refetch()} /> : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ListCard
            loading={regions.isPending}
            skeletonRows={6}
            minWidth={560}
            striped
            columns={[
              t("regions.columns.name"),
              right(t("regions.columns.municipalities")),
              right(t("regions.columns.localColleges")),
              right(t("regions.columns.providers")),
              t("regions.columns.status"),
            ]}
            empty={items.length === 0 && t("regions.empty")}
          >
            {items.map((region) => (
              <Table.Tr key={region.id} data-region-id={region.id}>
                <Table.Th scope="row" fw={500}>
                  <Anchor component={Link} to={`/regions/${region.id}`}>
                    {region.name}
                  </Anchor>
                </Table.Th>
                <Table.Td ta="right">{region.municipalityCodes.length}</Table.Td>
                <Table.Td ta="right">{region.localCollegeCount}</Table.Td>
                <Table.Td ta="right">{region.providerCount}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <StatusBadge status={region.status} />
                    {region.certificationStatus !== "none" ? (
                      <Badge color={CERTIFICATION_COLORS[region.certificationStatus]}>
                        {t(`certification.${region.certificationStatus}`)}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder radius="md" component="section" aria-labelledby="regions-map-heading">
            <Title order={2} size="h4" id="regions-map-heading" mb="sm">
              {t("regions.mapTitle")}
            </Title>
            <SwedenMap regions={items} label={t("map.ariaLabel")} maxHeight="70vh" />
            <Title order={3} size="h5" id="regions-legend-heading" mt="md" mb="xs">
              {t("map.legend")}
            </Title>
            <MapLegend regions={items} headingId="regions-legend-heading" />
          </Card>
        </Grid.Col>
      </Grid>

      <RegionFormModal
        opened={creating}
        onClose={close}
        onSaved={(region) => navigate(`/regions/${region.id}`)}
      />
    </Stack>
  );
}
