import { Button, Group, Input, Progress, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconPaperclip, IconUpload } from "@tabler/icons-react";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  DIRECTION_LABELS,
  DOCUMENT_SLOT_LABELS,
  type DocumentSlot,
} from "../../../domain/policies/documents";
import { ApiError } from "../../api";
import { useMe } from "../../auth";
import { problemsOf } from "../../lib/apiErrors";
import { lbl } from "../../lib/labels";
import { ErrorAlert } from "../ErrorAlert";
import { notifySuccess } from "../feedback";
import {
  ACCEPTED_FILES,
  type Document,
  type DocumentList,
  formatBytes,
  uploadDocument,
  useRefreshDocuments,
} from "./api";
import classes from "./documents.module.css";

export interface UploadFormProps {
  caseId: string;
  list: DocumentList;
  /** Set: a new version of this document (slot and title are the document's). */
  document?: Document | null;
  onDone: () => void;
  onCancel: () => void;
}

type Phase = { kind: "idle" } | { kind: "uploading"; fraction: number | null };

function slotLabel(slot: string): string {
  return lbl(DOCUMENT_SLOT_LABELS[slot as DocumentSlot]) || slot;
}

function directionLabel(direction: string): string {
  return lbl(DIRECTION_LABELS[direction as keyof typeof DIRECTION_LABELS]) || direction;
}

type UploadErrorKey =
  | "documents.errors.tooLarge"
  | "documents.errors.type"
  | "documents.errors.invalid"
  | "documents.errors.forbidden"
  | "documents.errors.network"
  | "documents.errors.generic";

/** The title of an upload error by its status: too large, wrong type, wrong fields, not allowed, network. */
function errorTitleKey(error: unknown): UploadErrorKey {
  if (!(error instanceof ApiError)) return "documents.errors.generic";
  if (error.status === 413) return "documents.errors.tooLarge";
  if (error.status === 415) return "documents.errors.type";
  if (error.status === 400) return "documents.errors.invalid";
  if (error.status === 403) return "documents.errors.forbidden";
  if (error.status === 0) return "documents.errors.network";
  return "documents.errors.generic";
}

/**
 * Uploads a file to a case: a new document (slot, title, direction, counterpart, description) or a new version
 * of one. Shows the upload's progress, and the server's message when it refuses the file.
 */
export function UploadForm({ caseId, list, document, onDone, onCancel }: UploadFormProps) {
  const { t } = useTranslation();
  const me = useMe().data;
  const refresh = useRefreshDocuments(caseId);
  const fileId = useId();
  const fileHintId = useId();
  const fileErrorId = useId();
  const fileLabelId = useId();
  const fileStatusId = useId();
  const fileButtonRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [slot, setSlot] = useState<string | null>(document ? document.slot : null);
  const [slotError, setSlotError] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [direction, setDirection] = useState<string>(list.directions[0] ?? "incoming");
  const [counterpart, setCounterpart] = useState("");
  const [description, setDescription] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [error, setError] = useState<unknown>(null);
  const uploading = phase.kind === "uploading";
  const problems = error ? problemsOf(error) : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    let invalid = false;
    if (!file) {
      setFileError(t("documents.fileRequired"));
      invalid = true;
    } else if (file.size === 0) {
      setFileError(t("documents.fileEmpty"));
      invalid = true;
    }
    if (!document && !slot) {
      setSlotError(t("validation.required"));
      invalid = true;
    }
    if (invalid || !file) {
      if (!file || file.size === 0) fileButtonRef.current?.focus();
      return;
    }
    const form = new FormData();
    // Text fields first: the server reads them in order, the file last.
    if (document) form.set("documentId", document.id);
    else {
      form.set("slot", slot ?? "");
      if (title.trim()) form.set("title", title.trim());
    }
    if (list.directions.length > 0) form.set("direction", direction);
    if (counterpart.trim()) form.set("counterpart", counterpart.trim());
    if (description.trim()) form.set("description", description.trim());
    form.set("file", file, file.name);
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: "uploading", fraction: 0 });
    try {
      const result = await uploadDocument({
        caseId,
        form,
        csrfToken: me?.csrfToken ?? null,
        signal: controller.signal,
        onProgress: (fraction) => setPhase({ kind: "uploading", fraction }),
      });
      await refresh();
      notifySuccess(
        result.registration
          ? t("documents.uploaded", { number: result.registration.number })
          : t("documents.uploadedNoNumber"),
      );
      onDone();
    } catch (err) {
      if (!(err instanceof DOMException && err.name === "AbortError")) setError(err);
      setPhase({ kind: "idle" });
    } finally {
      abort.current = null;
    }
  }

  const percent =
    phase.kind === "uploading" && phase.fraction !== null ? Math.round(phase.fraction * 100) : 100;
  const progressText =
    phase.kind === "uploading" && phase.fraction === null
      ? t("documents.processing")
      : t("documents.uploading", { percent });

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="upload-form">
      <Stack gap="sm">
        <Input.Wrapper
          id={fileId}
          label={t("documents.file")}
          required
          description={t("documents.fileHint")}
          error={fileError}
          labelProps={{ id: fileLabelId }}
          descriptionProps={{ id: fileHintId }}
          errorProps={{ id: fileErrorId }}
        >
          {/* The browser's own file button speaks the browser's language; this one speaks the UI's. */}
          <input
            ref={fileRef}
            type="file"
            name="file"
            accept={ACCEPTED_FILES}
            hidden
            tabIndex={-1}
            data-testid="file-input"
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0] ?? null);
              setFileError(null);
              setError(null);
            }}
          />
          <Group
            gap="sm"
            wrap="nowrap"
            className={classes.filePicker}
            data-invalid={fileError ? true : undefined}
          >
            <Button
              id={fileId}
              ref={fileButtonRef}
              variant="default"
              leftSection={<IconPaperclip size={16} aria-hidden />}
              disabled={uploading}
              onClick={() => fileRef.current?.click()}
              aria-labelledby={`${fileLabelId} ${fileId}`}
              aria-describedby={[fileStatusId, fileHintId, fileError ? fileErrorId : null]
                .filter(Boolean)
                .join(" ")}
              style={{ flexShrink: 0 }}
            >
              {t("documents.chooseFile")}
            </Button>
            <Text size="sm" id={fileStatusId} c={file ? undefined : "dimmed"} className={classes.fileName}>
              {file ? `${file.name} (${formatBytes(file.size)})` : t("documents.noFile")}
            </Text>
          </Group>
        </Input.Wrapper>

        {document ? null : (
          <>
            <Select
              label={t("documents.slot")}
              required
              data={list.uploadSlots.map((s) => ({ value: s, label: slotLabel(s) }))}
              value={slot}
              onChange={(v) => {
                setSlot(v);
                setSlotError(null);
              }}
              error={slotError ?? problems?.fields.slot}
              disabled={uploading}
              allowDeselect={false}
            />
            <TextInput
              label={t("documents.docTitle")}
              description={t("documents.docTitleHint")}
              placeholder={slot ? slotLabel(slot) : undefined}
              value={title}
              maxLength={300}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={problems?.fields.title}
              disabled={uploading}
            />
          </>
        )}

        {list.directions.length > 1 ? (
          <Select
            label={t("documents.direction")}
            data={list.directions.map((d) => ({ value: d, label: directionLabel(d) }))}
            value={direction}
            onChange={(v) => v && setDirection(v)}
            allowDeselect={false}
            error={problems?.fields.direction}
            disabled={uploading}
          />
        ) : list.directions.length === 1 ? (
          <Text size="sm">
            {t("documents.directionFixed", { direction: directionLabel(list.directions[0]!).toLowerCase() })}
          </Text>
        ) : null}
        <TextInput
          label={t("documents.counterpart")}
          description={t("documents.counterpartHint")}
          value={counterpart}
          maxLength={300}
          onChange={(e) => setCounterpart(e.currentTarget.value)}
          error={problems?.fields.counterpart}
          disabled={uploading}
        />
        <TextInput
          label={t("documents.description")}
          description={t("documents.descriptionHint")}
          value={description}
          maxLength={1000}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={problems?.fields.description}
          disabled={uploading}
        />

        {uploading ? (
          <Stack gap={4}>
            <Progress
              value={percent}
              animated={phase.fraction === null}
              size="lg"
              aria-label={t("documents.progress")}
              aria-valuetext={progressText}
            />
            <Text size="sm" aria-live="polite" data-testid="upload-progress">
              {progressText}
            </Text>
          </Stack>
        ) : null}

        {error ? (
          <ErrorAlert title={t(errorTitleKey(error))} data-testid="upload-error">
            <Stack gap={4}>
              {(problems?.general.length ? problems.general : [String(error)]).map((m) => (
                <Text size="sm" key={m}>
                  {m}
                </Text>
              ))}
              {error instanceof ApiError && error.code !== "network" ? (
                <Text size="xs" c="dimmed">
                  {error.code}
                </Text>
              ) : null}
            </Stack>
          </ErrorAlert>
        ) : null}

        <Group justify="flex-end">
          {uploading ? (
            <Button variant="default" onClick={() => abort.current?.abort()}>
              {t("documents.cancelUpload")}
            </Button>
          ) : (
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={uploading} leftSection={<IconUpload size={16} aria-hidden />}>
            {t("documents.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
