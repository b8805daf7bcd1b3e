import { Button, Group, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * A tab's h2 with its buttons on the right: `add` is the tab's "+ Lägg till …" button (pass it only when the region
 * allows it), `children` any others.
 */
export function SectionHeader({
  title,
  add,
  children,
}: {
  title: string;
  add?: { label: string; onClick: () => void } | false;
  children?: ReactNode;
}) {
  return (
    <Group justify="space-between" mb="md" gap="sm">
      <Title order={2} size="h3">
        {title}
      </Title>
      {add || children ? (
        <Group gap="xs">
          {add ? (
            <Button size="sm" leftSection={<IconPlus size={16} aria-hidden />} onClick={add.onClick}>
              {add.label}
            </Button>
          ) : null}
          {children}
        </Group>
      ) : null}
    </Group>
  );
}
