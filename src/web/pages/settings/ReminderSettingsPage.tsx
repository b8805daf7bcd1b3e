import { Button, Card, Group, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../components/ApiErrorAlert";
import { BackLink } from "../../components/BackLink";
import { notifySuccess } from "../../components/feedback";
import { useReminderSettings, useSaveReminderSettings } from "../../components/notifications/queries";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../lib/format";

/** "14, 3, 0" → [14, 3, 0] (sorted, distinct), or a message. */
export function parseOffsets(text: string): { offsets: number[] } | { error: "invalid" | "tooMany" } {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 365)) {
    return { error: "invalid" };
  }
  const offsets = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (offsets.length > 10) return { error: "tooMany" };
  return { offsets };
}

/** The days before a due date on which reminders go out (secretariat; administrators too). */
export function ReminderSettingsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <BackLink to="/outbox">{t("outbox.title")}</BackLink>
      <PageTitle>{t("settings.remindersTitle")}</PageTitle>
      <ReminderSettingsCard heading={false} />
    </Stack>
  );
}

/** The form; `heading` false when the page's own h1 already names it. */
export function ReminderSettingsCard({ heading = true }: { heading?: boolean }) {
  const { t } = useTranslation();
  const settings = useReminderSettings();
  const save = useSaveReminderSettings();
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    if (settings.data) setText(settings.data.offsets.join(", "));
  }, [settings.data]);

  if (settings.isPending) return <Skeleton height={200} />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const mayUpdate = settings.data.actions.includes("update");
  const parsed = parseOffsets(text);
  const error =
    touched && "error" in parsed
      ? parsed.error === "tooMany"
        ? t("settings.offsetsTooMany")
        : t("settings.offsetsInvalid")
      : undefined;
  const preview = ("offsets" in parsed ? parsed.offsets : settings.data.offsets)
    .map((d) => (d === 0 ? t("settings.offsetToday") : t("settings.offsetDay", { count: d })))
    .join(", ");

  return (
    <Card
      withBorder
      radius="md"
      component="section"
      aria-label={heading ? undefined : t("settings.remindersTitle")}
      aria-labelledby={heading ? "reminder-settings" : undefined}
      padding="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if ("offsets" in parsed) {
            save.mutate(parsed.offsets, { onSuccess: () => notifySuccess() });
          }
        }}
      >
        <Stack gap="sm">
          {heading ? (
            <Title order={2} size="h3" id="reminder-settings">
              {t("settings.remindersTitle")}
            </Title>
          ) : null}
          <Text size="sm">{t("settings.remindersIntro")}</Text>
          <TextInput
            label={t("settings.offsets")}
            description={t("settings.offsetsHint")}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onBlur={() => setTouched(true)}
            error={error}
            readOnly={!mayUpdate}
            inputMode="numeric"
            maw={420}
          />
          <Text size="sm" aria-live="polite" data-testid="reminder-preview">
            {t("settings.offsetsPreview", { list: preview })}
          </Text>
          <Text size="xs" c="dimmed">
            {settings.data.updatedAt
              ? t("settings.updatedAt", { date: formatDateTime(settings.data.updatedAt) })
              : t("settings.neverUpdated")}
          </Text>
          <ApiErrorAlert error={save.error} />
          {mayUpdate ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t("common.save")}
              </Button>
            </Group>
          ) : (
            <Text size="sm">{t("settings.readOnly")}</Text>
          )}
        </Stack>
      </form>
    </Card>
  );
}
