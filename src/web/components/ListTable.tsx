import { Anchor, Card, Group, Pagination, Table, type TableProps, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { TableSkeleton } from "./TableSkeleton";

/**
 * The pieces every list page's table is made of, in one place: the header row (column headers with `scope="col"`,
 * numbers right-aligned), the row that says the list is empty, and the page picker under a paged list; `ListTable`
 * puts the first two together with the rows, in a container that scrolls sideways on a narrow screen.
 */

export type Column = ReactNode | { label: ReactNode; align: "right" };

function isAligned(c: Column): c is { label: ReactNode; align: "right" } {
  return typeof c === "object" && c !== null && "align" in c;
}

/** A right-aligned column (counts, actions). */
export const right = (label: ReactNode): Column => ({ label, align: "right" });

export function TableHeader({ columns }: { columns: Column[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) =>
          isAligned(c) ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a header's columns are fixed
            <Table.Th key={i} scope="col" ta="right">
              {c.label}
            </Table.Th>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: a header's columns are fixed
            <Table.Th key={i} scope="col">
              {c}
            </Table.Th>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/** The one row of an empty list, across all its columns. */
export function EmptyTableRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" py="md" ta="center">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The page picker under a paged list (nothing when everything fits on one page), with Swedish/English labels. */
export function PagePicker({
  pages,
  page,
  onChange,
}: {
  pages: number;
  page: number;
  onChange: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <Group justify="center">
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        getControlProps={(control) => ({
          "aria-label": t(`cases.pagination.${control}` as never),
        })}
        getItemProps={(p) => ({ "aria-label": t("cases.pagination.page", { page: p }) })}
      />
    </Group>
  );
}

/**
 * A table of a list: the header of `columns`, the rows (`children`), and `empty`'s text across all columns when it
 * is given (pass it only when the list is empty: `empty={items.length === 0 && t("….empty")}`). Below `minWidth`
 * the table scrolls sideways; other props (`striped`, `aria-label`, …) go to the table.
 */
export function ListTable({
  columns,
  minWidth,
  empty,
  children,
  ...tableProps
}: { columns: Column[]; minWidth: number; empty?: ReactNode; children: ReactNode } & Omit<
  TableProps,
  "children"
>) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...tableProps}>
        <TableHeader columns={columns} />
        <Table.Tbody>
          {empty ? <EmptyTableRow colSpan={columns.length}>{empty}</EmptyTableRow> : null}
          {children}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A list page's table in its card: `skeletonRows` rows of skeleton while the list loads, then the `ListTable`. */
export function ListCard({
  loading,
  skeletonRows,
  ...table
}: { loading: boolean; skeletonRows: number } & Parameters<typeof ListTable>[0]) {
  return (
    <Card withBorder padding={0} radius="md">
      {loading ? <TableSkeleton rows={skeletonRows} /> : <ListTable {...table} />}
    </Card>
  );
}

/** The row header of a case's row: its registration number, linking to the case page. */
export function CaseNumberCell({ id, number, size }: { id: string; number: string; size?: "sm" }) {
  return (
    <Table.Th scope="row">
      <Anchor component={Link} to={`/cases/${id}`} fw={600} size={size} style={{ whiteSpace: "nowrap" }}>
        {number}
      </Anchor>
    </Table.Th>
  );
}
