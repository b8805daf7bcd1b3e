import { Grid, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import type { CaseDetail } from "../../../shared/dto";
import { CaseHeader } from "./CaseHeader";

/**
 * A case's page: its header, then the main column (two thirds of a wide screen; `children`, stacked) and the side
 * column beside it; `below`, where given, spans both.
 */
export function CaseLayout({
  c,
  side,
  below,
  children,
}: {
  c: CaseDetail;
  side: ReactNode;
  below?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="lg">
      <CaseHeader c={c} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">{children}</Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>{side}</Grid.Col>
        {below ? <Grid.Col span={12}>{below}</Grid.Col> : null}
      </Grid>
    </Stack>
  );
}
