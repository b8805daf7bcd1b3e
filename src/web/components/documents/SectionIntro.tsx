import { Stack, Text, Title } from "@mantine/core";

/** The heading and the line under it of the documents' and the diarium's sections (also while they load). */
export function SectionIntro({ id, title, intro }: { id: string; title: string; intro: string }) {
  return (
    <Stack gap={2}>
      <Title order={2} size="h3" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
    </Stack>
  );
}
