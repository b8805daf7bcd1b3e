import { Group, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A tab's h2 with its add button(s) on the right. */
export function SectionHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" gap="sm">
      <Title order={2} size="h3">
        {title}
      </Title>
      {children ? <Group gap="xs">{children}</Group> : null}
    </Group>
  );
}
