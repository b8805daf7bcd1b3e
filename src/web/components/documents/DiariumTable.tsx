import { Anchor, Badge, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { ListTable } from "../ListTable";
import { QueryError } from "../QueryError";
import { TableSkeleton } from "../TableSkeleton";
import { type DiariumEntry, useDiarium } from "./api";
import { SectionIntro } from "./SectionIntro";

const DIRECTION_COLORS: Record<DiariumEntry["direction"], string> = {
  incoming: "blue",
  outgoing: "green",
  internal: "gray",
};

/** The case's diarium: number (TC 2027/0001-3), date, direction, counterpart, description, document. */
export function DiariumTable({ caseId, headingId }: { caseId: string; headingId: string }) {
  const { t } = useTranslation();
  const diarium = useDiarium(caseId);
  const items = diarium.data?.items ?? [];
  return (
    <Stack gap="sm">
      <SectionIntro id={headingId} title={t("diarium.title")} intro={t("diarium.intro")} />
      {diarium.isError ? <QueryError error={diarium.error} onRetry={() => void diarium.refetch()} /> : null}
      {diarium.isPending ? (
        <TableSkeleton rows={3} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("diarium.empty")}
        </Text>
      ) : (
        <ListTable
          minWidth={600}
          striped
          aria-labelledby={headingId}
          data-testid="diarium"
          columns={[
            t("diarium.columns.number"),
            t("diarium.columns.date"),
            t("diarium.columns.direction"),
            t("diarium.columns.counterpart"),
            t("diarium.columns.description"),
          ]}
        >
          {items.map((e) => (
            <Table.Tr key={e.id} data-number={e.number}>
              <Table.Th scope="row" style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" fw={600}>
                  {e.number}
                </Text>
              </Table.Th>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" component="time" dateTime={e.registeredOn}>
                  {formatDate(e.registeredOn)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={DIRECTION_COLORS[e.direction]} tt="none">
                  {lbl(e.directionLabel)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.counterpart}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{e.description}</Text>
                {e.document ? (
                  <Anchor href={e.document.downloadUrl} download size="xs">
                    {t("diarium.documentLink", { title: e.document.title, version: e.document.version })}
                  </Anchor>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Stack>
  );
}
