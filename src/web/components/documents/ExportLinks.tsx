import { Button, Group } from "@mantine/core";
import { IconFileSpreadsheet, IconFileTypeCsv } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../auth";

const CASE_EXPORTS = [
  { format: "csv", Icon: IconFileTypeCsv },
  { format: "xlsx", Icon: IconFileSpreadsheet },
] as const;

/**
 * "Exportera CSV" and "Exportera Excel": the case list with the filters now shown (all pages), as the
 * server's `GET /api/cases/export.csv|xlsx` answers them (plain links: the session cookie goes along).
 */
export function CaseExportButtons({ query }: { query: URLSearchParams }) {
  const { t } = useTranslation();
  const params = new URLSearchParams(query);
  params.delete("page");
  params.delete("pageSize");
  const qs = params.toString();
  const suffix = qs ? `?${qs}` : "";
  return (
    <Group gap="xs" justify="flex-end" role="group" aria-label={t("exports.label")}>
      {CASE_EXPORTS.map(({ format, Icon }) => (
        <Button
          key={format}
          component="a"
          href={`/api/cases/export.${format}${suffix}`}
          download
          variant="default"
          size="sm"
          leftSection={<Icon size={16} aria-hidden />}
        >
          {t(`exports.${format}`)}
        </Button>
      ))}
    </Group>
  );
}

/** "Certifieringshistorik (CSV)" of a region (not for administrators, who see no case content). */
export function RegionHistoryCsvButton({ regionId }: { regionId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me || me.role === "admin") return null;
  return (
    <Button
      component="a"
      href={`/api/regions/${encodeURIComponent(regionId)}/certification-history.csv`}
      download
      variant="default"
      leftSection={<IconFileTypeCsv size={16} aria-hidden />}
    >
      {t("exports.history")}
    </Button>
  );
}
