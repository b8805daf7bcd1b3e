import { Table, Text } from "@mantine/core";
import classes from "./BarChart.module.css";

export interface Bar {
  key: string;
  label: string;
  value: number | null;
  /** The value as text (default: the number). */
  display?: string;
}

/**
 * A horizontal bar chart drawn with CSS inside a table, so the numbers are read out as a table by screen
 * readers and the bars are only decoration.
 */
export function BarChart({
  bars,
  caption,
  labelHeader,
  valueHeader,
  color = "var(--mantine-color-petrol-7)",
}: {
  bars: readonly Bar[];
  caption: string;
  labelHeader: string;
  valueHeader: string;
  color?: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  return (
    <Table className={classes.chart} withRowBorders={false} highlightOnHover={false} verticalSpacing={4}>
      <caption className={classes.caption}>{caption}</caption>
      <Table.Thead className={classes.head}>
        <Table.Tr>
          <Table.Th scope="col">{labelHeader}</Table.Th>
          <Table.Th scope="col">{valueHeader}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {bars.map((b) => (
          <Table.Tr key={b.key}>
            <Table.Th scope="row" className={classes.label}>
              <Text size="sm" fw={400}>
                {b.label}
              </Text>
            </Table.Th>
            <Table.Td className={classes.valueCell}>
              <div className={classes.track}>
                <div
                  className={classes.bar}
                  style={{ width: `${((b.value ?? 0) / max) * 80}%`, background: color }}
                  aria-hidden
                />
                <Text size="sm" fw={600} className={classes.value}>
                  {b.display ?? (b.value === null ? "—" : String(b.value))}
                </Text>
              </div>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
