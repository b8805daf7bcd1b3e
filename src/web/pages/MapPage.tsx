import { Card, Grid, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { MapLegend } from "../components/map/MapLegend";
import { SwedenMap } from "../components/map/SwedenMap";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
import { SectionCard } from "../components/SectionCard";
import { useRegions } from "../queries";

export function MapPage() {
  const { t } = useTranslation();
  const regions = useRegions();
  const items = useMemo(() => regions.data?.items ?? [], [regions.data]);

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <PageTitle>{t("map.title")}</PageTitle>
        <Text c="dimmed" maw={720}>
          {t("map.intro")}
        </Text>
      </Stack>
      {regions.isError ? <QueryError error={regions.error} onRetry={() => void regions.refetch()} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Card withBorder radius="md">
            <SwedenMap regions={items} label={t("map.ariaLabel")} maxHeight="calc(100vh - 200px)" />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <SectionCard id="map-legend-heading" title={t("map.legend")}>
            <MapLegend regions={items} headingId="map-legend-heading" />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
