import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { PageTitle } from "./PageTitle";

/**
 * The head of a list page: its h1 with a grey line under it (`summary`, e.g. how many there are, once known) and,
 * on the right, its "+ Ny …" button (pass `add` only when the user may add) or other `actions`. With `live` the
 * grey line is always there, empty until known, and read out when it changes.
 */
export function ListPageHeader({
  title,
  summary,
  live = false,
  add = false,
  actions,
}: {
  title: string;
  summary: ReactNode;
  live?: boolean;
  add?: { label: string; onClick: () => void } | false;
  actions?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end">
      <Stack gap={2}>
        <PageTitle>{title}</PageTitle>
        {live ? (
          <Text c="dimmed" size="sm" aria-live="polite">
            {summary}
          </Text>
        ) : summary ? (
          <Text c="dimmed" size="sm">
            {summary}
          </Text>
        ) : null}
      </Stack>
      {add ? (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={add.onClick}>
          {add.label}
        </Button>
      ) : null}
      {actions}
    </Group>
  );
}
