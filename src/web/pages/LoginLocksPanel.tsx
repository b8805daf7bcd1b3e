import { Alert, Button, Group, Stack, Table, Text } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { get, post } from "../api";
import { ConfirmModal } from "../components/ConfirmModal";
import { notifyError, notifySuccess } from "../components/feedback";
import { right, TableHeader } from "../components/ListTable";
import { formatDateTime } from "../lib/format";

interface LoginLock {
  key: string;
  email: string;
  user: { id: string; name: string } | null;
  lockedUntil: string;
  level: number;
}

const LOCKS_KEY = ["users", "login-locks"] as const;

/**
 * Accounts and addresses locked out after repeated failed logins (the server's login throttling), for the
 * secretariat and admins: each with when the lock ends, and a button that lifts it after asking.
 */
export function LoginLocksPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const locks = useQuery({
    queryKey: LOCKS_KEY,
    queryFn: ({ signal }) => get<{ items: LoginLock[] }>("/api/users/login-locks", signal),
    refetchInterval: 30_000,
  });
  const [lifting, setLifting] = useState<LoginLock | null>(null);
  const unlock = useMutation({
    mutationFn: (key: string) => post<void>("/api/users/login-locks/unlock", { key }),
    onSuccess: async () => {
      setLifting(null);
      await queryClient.invalidateQueries({ queryKey: LOCKS_KEY });
      notifySuccess(t("users.locks.unlocked"));
    },
    onError: notifyError,
  });
  const items = locks.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconLock aria-hidden />} title={t("users.locks.title")}>
      <Stack gap="xs">
        <Text size="sm">{t("users.locks.help")}</Text>
        <Table aria-label={t("users.locks.title")}>
          <TableHeader columns={[t("users.locks.who"), t("users.locks.until"), right(t("common.actions"))]} />
          <Table.Tbody>
            {items.map((lock) => (
              <Table.Tr key={lock.key} data-lock={lock.key}>
                <Table.Td>
                  {lock.key.startsWith("ip:")
                    ? t("users.locks.address", { address: lock.email })
                    : lock.user
                      ? `${lock.user.name} (${lock.email})`
                      : t("users.locks.unknownAccount", { email: lock.email })}
                </Table.Td>
                <Table.Td>{formatDateTime(lock.lockedUntil)}</Table.Td>
                <Table.Td ta="right">
                  <Group justify="flex-end">
                    <Button size="compact-sm" variant="default" onClick={() => setLifting(lock)}>
                      {t("users.locks.unlock")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
      <ConfirmModal
        opened={lifting !== null}
        title={t("users.locks.confirmTitle")}
        message={t("users.locks.confirm", { who: lifting?.user?.name ?? lifting?.email ?? "" })}
        confirmLabel={t("users.locks.unlock")}
        loading={unlock.isPending}
        onConfirm={() => lifting && unlock.mutate(lifting.key)}
        onClose={() => setLifting(null)}
      />
    </Alert>
  );
}
