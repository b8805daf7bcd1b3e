import { Card, Grid, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { MapLegend } from "../components/map/MapLegend";
import { SwedenMap } from "../components/map/SwedenMap";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
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
          <Card withBorder radius="md" component="section" aria-labelledby="map-legend-heading">
            <Title order={2} size="h4" id="map-legend-heading" mb="sm">
              {t("map.legend")}
            </Title>
            <MapLegend regions={items} headingId="map-legend-heading" />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
