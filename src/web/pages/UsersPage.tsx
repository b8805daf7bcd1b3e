import { Badge, Button, Stack, Table } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RegionDetail, User } from "../../shared/dto";
import { ROLE_LABELS } from "../../shared/roles";
import { get } from "../api";
import { canManageUsers, useMe } from "../auth";
import { ListPageHeader } from "../components/ListPageHeader";
import { ListCard, right } from "../components/ListTable";
import { QueryError } from "../components/QueryError";
import { useEditing } from "../components/useEditing";
import { currentLanguage } from "../i18n";
import { byName, formatDateTime } from "../lib/format";
import { queryKeys, useRegions, useUsers } from "../queries";
import { LoginLocksPanel } from "./LoginLocksPanel";
import { NotFoundPage } from "./NotFoundPage";
import { UserFormModal } from "./UserFormModal";

export function UsersPage() {
  const me = useMe().data;
  if (!canManageUsers(me)) return <NotFoundPage />;
  return <UsersView />;
}

function UsersView() {
  const { t } = useTranslation();
  const users = useUsers();
  const regions = useRegions();
  const editing = useEditing<User>();
  const language = currentLanguage();
  const canCreate = users.data?.actions.includes("create") ?? false;
  const canUpdate = users.data?.actions.includes("update") ?? false;

  const regionName = useMemo(() => {
    const byId = new Map((regions.data?.items ?? []).map((r) => [r.id, r.name]));
    return (id: string | null) => (id ? (byId.get(id) ?? id) : null);
  }, [regions.data]);

  // Local college names come from the region pages of the regions local leads belong to.
  const collegeRegionIds = useMemo(
    () => [
      ...new Set(
        (users.data?.items ?? []).filter((u) => u.localCollegeId && u.regionId).map((u) => u.regionId!),
      ),
    ],
    [users.data],
  );
  const regionDetails = useQueries({
    queries: collegeRegionIds.map((id) => ({
      queryKey: queryKeys.region(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => get<RegionDetail>(`/api/regions/${id}`, signal),
    })),
  });
  const collegeName = new Map(
    regionDetails.flatMap((q) => q.data?.localColleges.map((lc) => [lc.id, lc.name] as const) ?? []),
  );

  const items = useMemo(() => [...(users.data?.items ?? [])].sort(byName), [users.data]);

  return (
    <Stack gap="lg">
      <ListPageHeader
        title={t("users.title")}
        summary={users.data && t("users.count", { count: items.length })}
        add={canCreate && { label: t("users.new"), onClick: editing.add }}
      />
      {users.isError ? <QueryError error={users.error} onRetry={() => void users.refetch()} /> : null}
      <LoginLocksPanel />
      <ListCard
        loading={users.isPending}
        skeletonRows={7}
        minWidth={900}
        striped
        columns={[
          t("users.name"),
          t("users.email"),
          t("users.role"),
          t("users.scope"),
          t("users.status"),
          t("users.lastLogin"),
          ...(canUpdate ? [right(t("common.actions"))] : []),
        ]}
        empty={items.length === 0 && t("users.empty")}
      >
        {items.map((user) => {
          const scope = [
            regionName(user.regionId),
            user.localCollegeId ? collegeName.get(user.localCollegeId) : null,
          ]
            .filter(Boolean)
            .join(" / ");
          return (
            <Table.Tr key={user.id}>
              <Table.Th scope="row" fw={500}>
                {user.name}
              </Table.Th>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{ROLE_LABELS[user.role][language]}</Table.Td>
              <Table.Td>{scope || t("common.none")}</Table.Td>
              <Table.Td>
                <Badge color={user.status === "active" ? "green" : "red"}>
                  {t(`users.statuses.${user.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t("users.never")}</Table.Td>
              {canUpdate ? (
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    aria-label={t("users.editLabel", { name: user.name })}
                    onClick={() => editing.edit(user)}
                  >
                    {t("common.edit")}
                  </Button>
                </Table.Td>
              ) : null}
            </Table.Tr>
          );
        })}
      </ListCard>
      <UserFormModal opened={editing.opened} onClose={editing.close} user={editing.item} />
    </Stack>
  );
}
