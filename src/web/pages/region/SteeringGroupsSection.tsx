import { Badge, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { RegionDetail, SteeringGroup } from "../../../shared/dto";
import { CompositionSummary } from "../../components/CompositionSummary";
import { EntityMenu } from "../../components/EntityMenu";
import { TableHeader } from "../../components/ListTable";
import { StatusBadge } from "../../components/StatusBadge";
import { deferredModal } from "../../lib/deferred";
import { localCollegeName } from "./options";
import { SectionHeader } from "./SectionHeader";

// Dialogs load their code when the page is shown, not with it.
const SteeringGroupFormModal = deferredModal(() =>
  import("./SteeringGroupFormModal").then((m) => m.SteeringGroupFormModal),
);

export function SteeringGroupsSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<{ group: SteeringGroup | null } | null>(null);
  // Regional group first, then the local ones by name.
  const groups = [...region.steeringGroups].sort((a, b) =>
    a.level === b.level ? a.name.localeCompare(b.name, "sv") : a.level === "regional" ? -1 : 1,
  );

  return (
    <>
      <SectionHeader
        title={t("region.tabs.steeringGroups")}
        add={
          region.actions.includes("addSteeringGroup") && {
            label: t("steeringGroups.add"),
            onClick: () => setForm({ group: null }),
          }
        }
      />
      {groups.length === 0 ? <Text c="dimmed">{t("steeringGroups.empty")}</Text> : null}
      <Stack gap="md">
        {groups.map((group) => (
          <Card
            key={group.id}
            withBorder
            radius="md"
            component="article"
            aria-labelledby={`group-${group.id}`}
          >
            <Group justify="space-between" align="flex-start" mb="sm">
              <Stack gap={4}>
                <Group gap="xs">
                  <Title order={3} size="h4" id={`group-${group.id}`}>
                    {group.name}
                  </Title>
                  <Badge color={group.level === "regional" ? "petrol" : "grape"}>
                    {t(`steeringGroups.levels.${group.level}`)}
                  </Badge>
                  {group.status !== "active" ? <StatusBadge status={group.status} /> : null}
                </Group>
                {group.localCollegeId ? (
                  <Text size="sm" c="dimmed">
                    {t("steeringGroups.localCollege")}: {localCollegeName(region, group.localCollegeId)}
                  </Text>
                ) : null}
              </Stack>
              <EntityMenu
                entity={group}
                path={`/api/steering-groups/${group.id}`}
                name={group.name}
                onEdit={() => setForm({ group })}
                confirm={{
                  archiveTitle: t("steeringGroups.confirmArchiveTitle"),
                  archive: t("steeringGroups.confirmArchive", { name: group.name }),
                  deleteTitle: t("steeringGroups.confirmDeleteTitle"),
                  delete: t("steeringGroups.confirmDelete", { name: group.name }),
                }}
              />
            </Group>
            <CompositionSummary {...group.composition} />
            <MembersTable group={group} />
          </Card>
        ))}
      </Stack>
      <SteeringGroupFormModal
        region={region}
        group={form?.group ?? null}
        opened={form !== null}
        onClose={() => setForm(null)}
      />
    </>
  );
}

function MembersTable({ group }: { group: SteeringGroup }) {
  const { t } = useTranslation();
  if (group.members.length === 0) {
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t("steeringGroups.noMembers")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560} mt="sm">
      <Table aria-label={t("steeringGroups.membersOf", { name: group.name })}>
        <TableHeader
          columns={[
            t("steeringGroups.memberName"),
            t("steeringGroups.memberTitle"),
            t("steeringGroups.represents"),
            t("steeringGroups.chair"),
          ]}
        />
        <Table.Tbody>
          {group.members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Th scope="row" fw={500}>
                {member.name}
                {member.email ? (
                  <Text size="xs" c="dimmed">
                    {member.email}
                  </Text>
                ) : null}
              </Table.Th>
              <Table.Td>{member.title ?? t("common.none")}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  <Text span size="xs" c="dimmed">
                    {t(`steeringGroups.kinds.${member.representsKind}`)}:
                  </Text>{" "}
                  {member.representsName}
                </Text>
              </Table.Td>
              <Table.Td>
                {member.isChair ? (
                  <Badge color="yellow" leftSection={<IconStarFilled size={10} aria-hidden />}>
                    {t("steeringGroups.chairBadge")}
                  </Badge>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
