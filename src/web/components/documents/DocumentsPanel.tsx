import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import {
  IconArchive,
  IconDownload,
  IconFilePlus,
  IconFileText,
  IconRobot,
  IconUpload,
} from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { CASE_FINAL_STATES } from "../../../domain/certification/steps";
import { DOCUMENT_SLOT_LABELS, DOCUMENT_SLOTS, type DocumentSlot } from "../../../domain/policies/documents";
import type { CaseDetail } from "../../../shared/dto";
import { ApiError } from "../../api";
import { useMe } from "../../auth";
import { formatDateTime } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { useCase } from "../../queries";
import { ErrorAlert } from "../ErrorAlert";
import { notifySuccess } from "../feedback";
import { ListTable } from "../ListTable";
import { QueryError } from "../QueryError";
import {
  type Document,
  type DocumentList,
  downloadArchive,
  formatBytes,
  GENERATED_KINDS,
  type GeneratedKind,
  useCaseDocuments,
  useGenerateDocument,
} from "./api";
import { DiariumTable } from "./DiariumTable";
import classes from "./documents.module.css";
import { SectionIntro } from "./SectionIntro";
import { UploadForm } from "./UploadForm";

type Upload = { document: Document | null } | null;

/**
 * The documents of a case on its page: grouped by slot with every version and a download link each; upload
 * (a new document or a new version); the secretariat's generated PDFs and the archive package of a closed case;
 * and the case's diarium. Shows only what the caller may do (`actions` of the documents list).
 */
export function DocumentsPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const docs = useCaseDocuments(caseId);
  const c = useCase(caseId).data;
  const [upload, setUpload] = useState<Upload>(null);

  const list = docs.data;
  const mayUpload = list?.actions.includes("upload") ?? false;

  return (
    <>
      <Card
        withBorder
        radius="md"
        component="section"
        aria-labelledby="documents-heading"
        data-testid="documents-panel"
      >
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="sm">
            <SectionIntro id="documents-heading" title={t("documents.title")} intro={t("documents.intro")} />
            {mayUpload ? (
              <Button
                leftSection={<IconUpload size={16} aria-hidden />}
                onClick={() => setUpload({ document: null })}
                aria-haspopup="dialog"
              >
                {t("documents.upload")}
              </Button>
            ) : null}
          </Group>

          {docs.isError ? <QueryError error={docs.error} onRetry={() => void docs.refetch()} /> : null}
          {docs.isPending ? <Skeleton height={120} /> : null}
          {list ? <DocumentGroups list={list} onNewVersion={(document) => setUpload({ document })} /> : null}
          {list && c ? <CaseFiles c={c} list={list} /> : null}
        </Stack>
      </Card>

      <Card withBorder radius="md" component="section" aria-labelledby="diarium-heading">
        <DiariumTable caseId={caseId} headingId="diarium-heading" />
      </Card>

      <Modal
        opened={upload !== null}
        onClose={() => setUpload(null)}
        title={
          upload?.document
            ? t("documents.versionTitle", { title: upload.document.title })
            : t("documents.uploadTitle")
        }
        size="lg"
        closeOnClickOutside={false}
      >
        {upload && list ? (
          <UploadForm
            caseId={caseId}
            list={list}
            document={upload.document}
            onDone={() => setUpload(null)}
            onCancel={() => setUpload(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}

function DocumentGroups({ list, onNewVersion }: { list: DocumentList; onNewVersion: (d: Document) => void }) {
  const { t } = useTranslation();
  if (list.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("documents.empty")}
      </Text>
    );
  }
  const bySlot = new Map<string, Document[]>();
  for (const d of list.items) bySlot.set(d.slot, [...(bySlot.get(d.slot) ?? []), d]);
  const slots = [...bySlot.keys()].sort(
    (a, b) => DOCUMENT_SLOTS.indexOf(a as DocumentSlot) - DOCUMENT_SLOTS.indexOf(b as DocumentSlot),
  );
  const mayUpload = list.actions.includes("upload");
  return (
    <Stack gap="lg">
      {slots.map((slot) => (
        <Stack gap="xs" key={slot} data-slot={slot}>
          <Title order={3} size="h5" className={classes.slotHeading}>
            {lbl(DOCUMENT_SLOT_LABELS[slot as DocumentSlot]) || slot}
          </Title>
          {(bySlot.get(slot) ?? []).map((d) => (
            <DocumentItem
              key={d.id}
              d={d}
              mayUpload={mayUpload && list.uploadSlots.includes(d.slot)}
              onNewVersion={() => onNewVersion(d)}
            />
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function DocumentItem({
  d,
  mayUpload,
  onNewVersion,
}: {
  d: Document;
  mayUpload: boolean;
  onNewVersion: () => void;
}) {
  const { t } = useTranslation();
  const versions = d.versions ?? [d.current];
  return (
    <div className={classes.document} data-testid="document" data-document-id={d.id}>
      <Group justify="space-between" align="center" gap="xs" mb={4}>
        <Group gap="xs">
          <IconFileText size={18} aria-hidden />
          <Text fw={600} size="sm">
            {d.title}
          </Text>
          <Badge color="petrol" variant="outline" tt="none" size="sm">
            {t("documents.current", { version: d.currentVersion })}
          </Badge>
        </Group>
        {mayUpload ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFilePlus size={14} aria-hidden />}
            onClick={onNewVersion}
            aria-label={t("documents.newVersionLabel", { title: d.title })}
            aria-haspopup="dialog"
          >
            {t("documents.newVersion")}
          </Button>
        ) : null}
      </Group>
      <ListTable
        minWidth={560}
        aria-label={t("documents.versions", { title: d.title })}
        highlightOnHover={false}
        columns={[
          t("documents.columns.version"),
          t("documents.columns.file"),
          t("documents.columns.size"),
          t("documents.columns.uploaded"),
          t("documents.columns.number"),
        ]}
      >
        {versions.map((v) => (
          <Table.Tr key={v.version} data-version={v.version}>
            <Table.Th scope="row" fw={600} style={{ whiteSpace: "nowrap" }}>
              <Stack gap={2} align="flex-start">
                {t("documents.versionN", { version: v.version })}
                {v.generated ? (
                  <Badge color="grape" size="sm" tt="none" leftSection={<IconRobot size={12} aria-hidden />}>
                    {t("documents.generated")}
                  </Badge>
                ) : null}
              </Stack>
            </Table.Th>
            <Table.Td miw={180}>
              <Anchor
                href={v.downloadUrl}
                download={v.fileName}
                size="sm"
                className={classes.fileLink}
                aria-label={t("documents.download", { file: v.fileName, version: v.version })}
              >
                <IconDownload size={14} aria-hidden className={classes.fileIcon} />
                {v.fileName}
              </Anchor>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Text size="sm">{formatBytes(v.size)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{v.createdBy?.name ?? t("documents.unknownUser")}</Text>
              <Text
                size="xs"
                c="dimmed"
                component="time"
                dateTime={v.createdAt}
                style={{ whiteSpace: "nowrap" }}
              >
                {formatDateTime(v.createdAt)}
              </Text>
            </Table.Td>
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Text size="sm">{v.registrationNumber ?? "—"}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </div>
  );
}

/** Which PDFs the server would write now: a saved protocol, a recorded decision, an approval. */
export function generatableKinds(c: Pick<CaseDetail, "process" | "kind" | "record">): GeneratedKind[] {
  if (c.process !== "certification" || !c.record || typeof c.record !== "object") return [];
  const r = c.record as {
    protocol?: { findings?: unknown[] };
    decision?: { outcome?: string };
    previousRounds?: { decision?: { outcome?: string } }[];
  };
  const decision = r.decision ?? r.previousRounds?.at(-1)?.decision;
  const kinds: GeneratedKind[] = [];
  if ((r.protocol?.findings?.length ?? 0) > 0) kinds.push("protocol");
  if (decision) kinds.push("decision");
  if (decision?.outcome === "approved" && c.kind !== "decertification") kinds.push("certificate");
  return GENERATED_KINDS.filter((k) => kinds.includes(k));
}

/** A part of the case's files: its h3 (`id`, `title`) and a grey `hint` over the rest. */
function FilesSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: string;
  hint: string;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} className={classes.slotHeading}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {hint}
      </Text>
      {children}
    </Stack>
  );
}

/** The secretariat's generated PDFs and, for a closed case, the archive package. */
function CaseFiles({ c, list }: { c: CaseDetail; list: DocumentList }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const generate = useGenerateDocument(c.id);
  const archive = useMutation({ mutationFn: () => downloadArchive(c.id, me?.csrfToken ?? null) });
  const mayGenerate = list.actions.includes("generate") && c.process === "certification";
  const mayArchive =
    list.actions.includes("archive") && (CASE_FINAL_STATES as readonly string[]).includes(c.state);
  if (!mayGenerate && !mayArchive) return null;
  const kinds = generatableKinds(c);

  return (
    <Stack gap="md">
      {mayGenerate ? (
        <FilesSection
          id="generate-heading"
          title={t("documents.generateTitle")}
          hint={kinds.length > 0 ? t("documents.generateIntro") : t("documents.generateNone")}
        >
          {kinds.length > 0 ? (
            <Group gap="xs">
              {kinds.map((kind) => (
                <Button
                  key={kind}
                  variant="light"
                  leftSection={<IconFileText size={16} aria-hidden />}
                  loading={generate.isPending && generate.variables === kind}
                  disabled={generate.isPending && generate.variables !== kind}
                  onClick={() =>
                    generate.mutate(kind, {
                      onSuccess: () => notifySuccess(t(`documents.generatedOk.${kind}`)),
                    })
                  }
                >
                  {t(`documents.generate.${kind}`)}
                </Button>
              ))}
            </Group>
          ) : null}
          {generate.error ? (
            <ErrorAlert
              title={
                generate.error instanceof ApiError && generate.error.status === 409
                  ? t("documents.errors.notReady")
                  : t("errors.title")
              }
            >
              <Text size="sm">{generate.error.message}</Text>
            </ErrorAlert>
          ) : null}
        </FilesSection>
      ) : null}

      {mayArchive ? (
        <FilesSection id="archive-heading" title={t("documents.archive")} hint={t("documents.archiveHint")}>
          <Group>
            <Button
              variant="default"
              leftSection={<IconArchive size={16} aria-hidden />}
              loading={archive.isPending}
              onClick={() =>
                archive.mutate(undefined, { onSuccess: () => notifySuccess(t("documents.archiveDone")) })
              }
            >
              {t("documents.archiveButton")}
            </Button>
          </Group>
          {archive.error ? (
            <ErrorAlert title={t("documents.errors.archive")}>
              <Text size="sm">{archive.error.message}</Text>
            </ErrorAlert>
          ) : null}
        </FilesSection>
      ) : null}
    </Stack>
  );
}
