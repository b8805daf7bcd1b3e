import { Card, Title } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A card that is a section of its page, named by its h2 (`id`, `title`) over `children`. `flush` for a table that
 * runs to the card's edges: the card has no padding and the heading its own.
 */
export function SectionCard({
  id,
  title,
  flush = false,
  children,
}: {
  id: string;
  title: ReactNode;
  flush?: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding={flush ? 0 : undefined} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} {...(flush ? { p: "md", pb: "xs" } : { mb: "sm" })}>
        {title}
      </Title>
      {children}
    </Card>
  );
}
