import { Card, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A part of a settings page: a card named by its h2 (`id`, `title`), the rest stacked under it. */
export function SettingsCard({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={id} padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}
