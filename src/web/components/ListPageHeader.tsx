import { Button, Group, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { PageTitle } from "./PageTitle";

/**
 * The head of a list page: its h1 with a grey line under it (`summary`, e.g. how many there are, once known) and,
 * on the right, its "+ Ny …" button (pass `add` only when the user may add).
 */
export function ListPageHeader({
  title,
  summary,
  add,
}: {
  title: string;
  summary: ReactNode;
  add: { label: string; onClick: () => void } | false;
}) {
  return (
    <Group justify="space-between" align="flex-end">
      <Stack gap={2}>
        <PageTitle>{title}</PageTitle>
        {summary ? (
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
    </Group>
  );
}
