import { Grid } from "@mantine/core";
import { Children, isValidElement, type ReactNode } from "react";

/**
 * Fields side by side on a wide screen and one below the other on a narrow one. `spans` gives each field its
 * twelfths, in order; a field that is not shown (`null`, last in the row) takes no column.
 */
export function FieldRow({ spans, children }: { spans: number[]; children: ReactNode }) {
  return (
    <Grid>
      {Children.toArray(children).map((field, i) => (
        <Grid.Col key={isValidElement(field) ? field.key : i} span={{ base: 12, sm: spans[i] }}>
          {field}
        </Grid.Col>
      ))}
    </Grid>
  );
}
