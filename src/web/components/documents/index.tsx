import { Card, Skeleton, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { deferred } from "../../lib/deferred";
import { TableSkeleton } from "../TableSkeleton";
import { SectionIntro } from "./SectionIntro";

/** The documents and the diarium as they look while they load (also what the server renders). */
function DocumentsPlaceholder() {
  const { t } = useTranslation();
  return (
    <>
      <Card withBorder radius="md" component="section" aria-labelledby="documents-heading">
        <Stack gap="md">
          <SectionIntro id="documents-heading" title={t("documents.title")} intro={t("documents.intro")} />
          <Skeleton height={120} />
        </Stack>
      </Card>
      <Card withBorder radius="md" component="section" aria-labelledby="diarium-heading">
        <Stack gap="sm">
          <SectionIntro id="diarium-heading" title={t("diarium.title")} intro={t("diarium.intro")} />
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
