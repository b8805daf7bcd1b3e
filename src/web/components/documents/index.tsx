import { Card, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { deferred } from "../../lib/deferred";
import { TableSkeleton } from "../TableSkeleton";

/** The documents and the diarium as they look while they load (also what the server renders). */
function DocumentsPlaceholder() {
  const { t } = useTranslation();
  return (
    <>
      <Card withBorder radius="md" component="section" aria-labelledby="documents-heading">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={2} size="h3" id="documents-heading">
              {t("documents.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("documents.intro")}
            </Text>
          </Stack>
          <Skeleton height={120} />
        </Stack>
      </Card>
      <Card withBorder radius="md" component="section" aria-labelledby="diarium-heading">
        <Stack gap="sm">
          <Stack gap={2}>
            <Title order={2} size="h3" id="diarium-heading">
              {t("diarium.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("diarium.intro")}
            </Text>
          </Stack>
          <TableSkeleton rows={3} />
        </Stack>
      </Card>
    </>
  );
}

/**
 * The documents panel of a case page (DocumentsPanel.tsx): below the case's record, with its own queries, so its
 * code (uploads, the diarium) comes after the page is shown rather than with the page.
 */
export const DocumentsPanel = deferred<{ caseId: string }>(
  () => import("./DocumentsPanel").then((m) => m.DocumentsPanel),
  DocumentsPlaceholder,
);
