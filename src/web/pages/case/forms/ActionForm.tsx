import { Alert, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ACTION_LABELS, type ActionName } from "../../../../domain/certification/action-labels";
import { JOINING_ACTION_LABELS, type JoiningActionName } from "../../../../domain/joining/action-labels";
import type { CaseDetail } from "../../../../shared/dto";
import { ApiError } from "../../../api";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { notifySuccess } from "../../../components/feedback";
import { problemsOf } from "../../../lib/apiErrors";
import { useCaseAction, useReloadCase } from "../../../lib/caseActions";
import { lbl } from "../../../lib/labels";

/** The button text of an action of either process. */
export function actionLabel(action: string): string {
  return lbl(
    ACTION_LABELS[action as ActionName] ??
      JOINING_ACTION_LABELS[action as JoiningActionName] ?? {
        sv: action,
        en: action,
      },
  );
}

/** Problems from the server for the whole form; a conflict (stale version) offers to reload the case. */
export function ActionProblems({ error, caseId }: { error: unknown; caseId: string }) {
  const { t } = useTranslation();
  const reload = useReloadCase(caseId);
  if (!error) return null;
  if (error instanceof ApiError && error.isStale) {
    return (
      <Alert
        color="yellow"
        title={t("caseForm.staleTitle")}
        icon={<IconAlertTriangle aria-hidden />}
        role="alert"
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t("caseForm.stale")}</Text>
          <Button size="xs" leftSection={<IconRefresh size={14} aria-hidden />} onClick={() => void reload()}>
            {t("caseForm.reload")}
          </Button>
        </Group>
      </Alert>
    );
  }
  const { general } = problemsOf(error);
  const title =
    error instanceof ApiError && error.code === "case.precondition_failed"
      ? t("caseForm.preconditionTitle")
      : error instanceof ApiError &&
          (error.code === "request.invalid" || error.code === "case.invalid_payload")
        ? t("caseForm.invalidTitle")
        : t("errors.title");
  return (
    <Alert color="red" title={title} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {general.length === 1 ? (
        <Text size="sm">{general[0]}</Text>
      ) : (
        <List size="sm" spacing={2}>
          {general.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

export interface ActionFormProps<V> {
  caseDetail: CaseDetail;
  action: string;
  form: UseFormReturnType<V>;
  toPayload: (values: V) => unknown;
  /** The heading (default: the action's label). */
  title?: string;
  /** The submit button (default: the action's label). */
  submitLabel?: string;
  /** Irreversible actions ask first. */
  confirm?: { title: string; message: string };
  danger?: boolean;
  description?: ReactNode;
  children?: ReactNode;
  successMessage?: string;
  /** Called after success with the case as it is now. */
  onDone?: (next: CaseDetail) => void;
  /** Without the card and heading (inside a modal). */
  bare?: boolean;
  /** Maps a payload path of a server problem to the form's path (when the payload is shaped differently). */
  errorPath?: (path: string) => string;
  /** Extra buttons beside the submit button. */
  extraButtons?: ReactNode;
  /** Why the action cannot be taken yet: shown above the buttons, with the submit button disabled. */
  disabledReason?: string;
}

/**
 * One action's form: client-side validation, an optional confirmation, the request with the case's
 * version, and the server's answer — field problems next to the fields, the rest above the buttons.
 */
export function ActionForm<V>({
  caseDetail,
  action,
  form,
  toPayload,
  title,
  submitLabel,
  confirm,
  danger,
  description,
  children,
  successMessage,
  onDone,
  bare,
  errorPath,
  extraButtons,
  disabledReason,
}: ActionFormProps<V>) {
  const { t } = useTranslation();
  const headingId = useId();
  const reasonId = useId();
  const mutation = useCaseAction(caseDetail);
  const [pending, setPending] = useState<V | null>(null);
  const label = actionLabel(action);

  // mutateAsync, not mutate's callbacks: a successful action changes the case's version, which remounts
  // the step's forms, and React Query does not call per-call callbacks of an unmounted component.
  async function send(values: V) {
    setPending(null);
    try {
      const next = await mutation.mutateAsync({ action, payload: toPayload(values) });
      notifySuccess(successMessage ?? t("caseForm.done", { action: label }));
      form.resetDirty();
      onDone?.(next);
    } catch (error) {
      const { fields } = problemsOf(error);
      const mapped = Object.fromEntries(
        Object.entries(fields).map(([path, message]) => [errorPath ? errorPath(path) : path, message]),
      );
      if (Object.keys(mapped).length > 0) form.setErrors(mapped as never);
    }
  }

  const body = (
    <form
      onSubmit={form.onSubmit((values) => (confirm ? setPending(values) : void send(values)))}
      noValidate
      aria-labelledby={bare ? undefined : headingId}
      data-action={action}
    >
      <Stack gap="sm">
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
        {children}
        <ActionProblems error={mutation.error} caseId={caseDetail.id} />
        {disabledReason ? (
          <Text size="sm" id={reasonId} data-testid="action-disabled-reason">
            {disabledReason}
          </Text>
        ) : null}
        <Group justify="flex-end">
          {extraButtons}
          <Button
            type="submit"
            loading={mutation.isPending}
            color={danger ? "red.8" : undefined}
            disabled={disabledReason !== undefined}
            aria-describedby={disabledReason ? reasonId : undefined}
          >
            {submitLabel ?? label}
          </Button>
        </Group>
      </Stack>
      {confirm ? (
        <ConfirmModal
          opened={pending !== null}
          title={confirm.title}
          message={confirm.message}
          confirmLabel={submitLabel ?? label}
          danger={danger}
          loading={mutation.isPending}
          onConfirm={() => pending !== null && void send(pending)}
          onClose={() => setPending(null)}
        />
      ) : null}
    </form>
  );
  if (bare) return body;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} mb="sm">
        {title ?? label}
      </Title>
      {body}
    </Card>
  );
}
