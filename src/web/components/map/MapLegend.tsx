import { Anchor, Group, List, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NO_REGION_COLOR, regionColors } from "./colors";
import type { MapRegion } from "./SwedenMap";
import classes from "./SwedenMap.module.css";

/** The regions with their map colours, each a link to the region page. */
export function MapLegend({ regions, headingId }: { regions: readonly MapRegion[]; headingId: string }) {
  const { t } = useTranslation();
  const colors = useMemo(() => regionColors(regions), [regions]);
  const sorted = useMemo(() => [...regions].sort((a, b) => a.name.localeCompare(b.name, "sv")), [regions]);
  return (
    <List listStyleType="none" spacing={4} aria-labelledby={headingId} size="sm">
      {sorted.map((region) => (
        <List.Item key={region.id}>
          <Group gap="xs" wrap="nowrap">
            <span className={classes.swatch} style={{ background: colors.get(region.id) }} aria-hidden />
            <Anchor component={Link} to={`/regions/${region.id}`} size="sm">
              {region.name}
            </Anchor>
            <Text span size="xs" c="dimmed">
              {t("map.municipalityCount", { count: region.municipalityCodes.length })}
            </Text>
          </Group>
        </List.Item>
      ))}
      <List.Item>
        <Group gap="xs" wrap="nowrap">
          <span className={classes.swatch} style={{ background: NO_REGION_COLOR }} aria-hidden />
          <Text span size="sm">
            {t("map.noRegion")}
          </Text>
        </Group>
      </List.Item>
    </List>
  );
}
