import { Badge, Stack, Table, Text } from "@mantine/core";
import { IconStarFilled } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { RegionDetail, SteeringGroup } from "../../../shared/dto";
import { CompositionSummary } from "../../components/CompositionSummary";
import { TableHeader } from "../../components/ListTable";
import { useEditing } from "../../components/useEditing";
import { deferredModal } from "../../lib/deferred";
import { localCollegeName } from "./options";
import { ItemCard, ItemMenu, RegistrySection } from "./RegistrySection";

// Dialogs load their code when the page is shown, not with it.
const SteeringGroupFormModal = deferredModal(() =>
  import("./SteeringGroupFormModal").then((m) => m.SteeringGroupFormModal),
);

export function SteeringGroupsSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const form = useEditing<SteeringGroup>();
  // Regional group first, then the local ones by name.
  const groups = [...region.steeringGroups].sort((a, b) =>
    a.level === b.level ? a.name.localeCompare(b.name, "sv") : a.level === "regional" ? -1 : 1,
  );

  return (
    <>
      <RegistrySection
        title={t("region.tabs.steeringGroups")}
        add={
          region.actions.includes("addSteeringGroup") && { label: t("steeringGroups.add"), onClick: form.add }
        }
        empty={groups.length === 0 && t("steeringGroups.empty")}
      >
        <Stack gap="md">
          {groups.map((group) => (
            <ItemCard
              key={group.id}
              headingId={`group-${group.id}`}
              title={group.name}
              status={group.status}
              roomy
              badges={
                <Badge color={group.level === "regional" ? "petrol" : "grape"}>
                  {t(`steeringGroups.levels.${group.level}`)}
                </Badge>
              }
              details={
                group.localCollegeId ? (
                  <Text size="sm" c="dimmed">
                    {t("steeringGroups.localCollege")}: {localCollegeName(region, group.localCollegeId)}
                  </Text>
                ) : null
              }
              menu={
                <ItemMenu
                  kind="steeringGroups"
                  entity={group}
                  path={`/api/steering-groups/${group.id}`}
                  name={group.name}
                  onEdit={() => form.edit(group)}
                />
              }
            >
              <CompositionSummary {...group.composition} />
              <MembersTable group={group} />
            </ItemCard>
          ))}
        </Stack>
      </RegistrySection>
      <SteeringGroupFormModal region={region} group={form.item} opened={form.opened} onClose={form.close} />
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
