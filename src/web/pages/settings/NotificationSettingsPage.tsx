import { Alert, Anchor, Group, Stack, Switch, Table, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useMe } from "../../auth";
import { BackLink } from "../../components/BackLink";
import { notifyError, notifySuccess } from "../../components/feedback";
import { usePreferences, useSavePreference } from "../../components/notifications/queries";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { TableSkeleton } from "../../components/TableSkeleton";
import { lbl } from "../../lib/labels";
import { CalendarFeedSection } from "./CalendarFeedSection";
import { SettingsCard } from "./SettingsCard";
import classes from "./settings.module.css";

/** E-mail on or off per kind of notice, my calendar feed and (secretariat, admin) the reminder days. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const mayHaveFeed = me !== null && me !== undefined && me.role !== "admin";
  const seesReminders = me?.role === "secretariat" || me?.role === "admin";
  return (
    <Stack gap="lg">
      <BackLink to="/notifications">{t("notifications.title")}</BackLink>
      <PageTitle>{t("settings.notificationsTitle")}</PageTitle>
      <EmailPreferences />
      {mayHaveFeed ? <CalendarFeedSection /> : null}
      {seesReminders ? (
        <Text size="sm">
          <Anchor component={Link} to="/settings/reminders">
            {t("settings.remindersLink")}
          </Anchor>
        </Text>
      ) : null}
    </Stack>
  );
}

function EmailPreferences() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  const save = useSavePreference();
  return (
    <SettingsCard id="email-prefs" title={t("settings.emailTitle")}>
      <Text size="sm">{t("settings.emailIntro")}</Text>
      <Alert color="petrol" variant="light" icon={<IconLock size={18} aria-hidden />} id="locked-explanation">
        <Text size="sm">{t("settings.lockedExplanation")}</Text>
      </Alert>
      {prefs.isError ? <QueryError error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {prefs.isPending ? (
        <TableSkeleton rows={6} />
      ) : (
        <Table aria-labelledby="email-prefs" highlightOnHover={false}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("settings.kind")}</Table.Th>
              <Table.Th scope="col" w={160} id="email-col">
                {t("settings.email")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {prefs.data?.items.map((p) => {
              const rowId = `pref-${p.kind}`;
              return (
                <Table.Tr key={p.kind} data-kind={p.kind}>
                  <Table.Th scope="row" fw={400} id={rowId}>
                    <Text size="sm">{lbl(p.label)}</Text>
                  </Table.Th>
                  <Table.Td>
                    {p.locked ? (
                      <Group gap={6} wrap="nowrap">
                        <IconLock size={16} aria-hidden />
                        <Text size="sm" fw={600}>
                          {t("settings.locked")}
                        </Text>
                      </Group>
                    ) : (
                      <Switch
                        classNames={{ track: classes.track }}
                        checked={p.email}
                        aria-labelledby={`${rowId} email-col`}
                        disabled={save.isPending && save.variables?.kind === p.kind}
                        onChange={(e) =>
                          save.mutate(
                            { kind: p.kind, email: e.currentTarget.checked },
                            { onSuccess: () => notifySuccess(), onError: notifyError },
                          )
                        }
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </SettingsCard>
  );
}
