import { Alert, Button, CopyButton, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { IconCalendarPlus, IconCheck, IconCopy, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "../../components/ApiErrorAlert";
import { ConfirmModal } from "../../components/ConfirmModal";
import { notifyError, notifySuccess } from "../../components/feedback";
import {
  type CalendarToken,
  useCreateCalendarToken,
  useRevokeCalendarToken,
} from "../../components/notifications/queries";
import { SettingsCard } from "./SettingsCard";

/**
 * "Prenumerera i din kalender": create (or rotate) my secret feed URL — shown once, with a copy button and how
 * to subscribe — or revoke it. The server keeps only a hash, so it cannot tell whether I have a link.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const create = useCreateCalendarToken();
  const revoke = useRevokeCalendarToken();
  const [feed, setFeed] = useState<CalendarToken | null>(null);
  const [confirming, setConfirming] = useState(false);

  return (
    <>
      <SettingsCard id="calendar-feed" title={t("settings.calendarTitle")}>
        <Text size="sm">{t("settings.calendarIntro")}</Text>
        <Text size="sm">{t("settings.calendarSecret")}</Text>

        {feed ? (
          <Alert color="green" variant="light" title={t("settings.feedCreated")} role="status">
            <Stack gap="sm">
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label={t("settings.feedUrl")}
                  value={feed.url}
                  readOnly
                  onFocus={(e) => e.currentTarget.select()}
                  style={{ flex: 1 }}
                  data-testid="calendar-url"
                  styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
                />
                <CopyButton value={feed.url}>
                  {({ copied, copy }) => (
                    <Button
                      color={copied ? "green.8" : undefined}
                      leftSection={
                        copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                      }
                      onClick={copy}
                    >
                      {copied ? t("settings.copied") : t("settings.copy")}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <div>
                <Text size="sm" fw={600}>
                  {t("settings.howTo")}
                </Text>
                <List size="sm" spacing={2}>
                  <List.Item>{t("settings.howToOutlook")}</List.Item>
                  <List.Item>{t("settings.howToGoogle")}</List.Item>
                  <List.Item>{t("settings.howToApple")}</List.Item>
                </List>
              </div>
            </Stack>
          </Alert>
        ) : null}

        <ApiErrorAlert error={create.error} />
        <Group gap="xs">
          <Button
            leftSection={
              feed ? <IconRefresh size={16} aria-hidden /> : <IconCalendarPlus size={16} aria-hidden />
            }
            loading={create.isPending}
            onClick={() => create.mutate(undefined, { onSuccess: (data) => setFeed(data) })}
          >
            {feed ? t("settings.rotateFeed") : t("settings.createFeed")}
          </Button>
          <Button
            variant="outline"
            color="red.8"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            {t("settings.revokeFeed")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("settings.rotateHint")}
        </Text>
      </SettingsCard>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("settings.revokeTitle")}
        message={t("settings.revokeMessage")}
        confirmLabel={t("settings.revoke")}
        danger
        loading={revoke.isPending}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setFeed(null);
              setConfirming(false);
              notifySuccess(t("settings.revoked"));
            },
            onError: (error) => {
              setConfirming(false);
              notifyError(error);
            },
          })
        }
      />
    </>
  );
}
