import { Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LocalCollege, RegionDetail } from "../../../shared/dto";
import { patch, post } from "../../api";
import { EntityMenu } from "../../components/EntityMenu";
import { ListTable, right } from "../../components/ListTable";
import { NameModal } from "../../components/NameModal";
import { StatusBadge } from "../../components/StatusBadge";
import { byName } from "../../lib/format";
import { useRegistryMutation } from "../../lib/mutations";
import { municipalityName } from "./options";
import { SectionHeader } from "./SectionHeader";

type Editing = { mode: "create" } | { mode: "rename"; college: LocalCollege } | null;

export function LocalCollegesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing>(null);

  const save = useRegistryMutation(
    ({ name }: { name: string }) =>
      editing?.mode === "rename"
        ? patch<LocalCollege>(`/api/local-colleges/${editing.college.id}`, {
            name,
            expectedVersion: editing.college.version,
          })
        : post<LocalCollege>(`/api/regions/${region.id}/local-colleges`, { name }),
    { onSuccess: () => setEditing(null) },
  );
  const close = () => {
    setEditing(null);
    save.reset();
  };

  return (
    <>
      <SectionHeader
        title={t("region.tabs.localColleges")}
        add={
          region.actions.includes("addLocalCollege") && {
            label: t("localColleges.add"),
            onClick: () => setEditing({ mode: "create" }),
          }
        }
      />
      {region.localColleges.length === 0 ? (
        <Text c="dimmed">{t("localColleges.empty")}</Text>
      ) : (
        <ListTable
          minWidth={520}
          columns={[
            t("common.name"),
            t("localColleges.municipalities"),
            t("common.status"),
            right(t("common.actions")),
          ]}
        >
          {[...region.localColleges].sort(byName).map((lc) => (
            <Table.Tr key={lc.id}>
              <Table.Th scope="row" fw={500}>
                {lc.name}
              </Table.Th>
              <Table.Td>
                {lc.municipalityCodes.map((code) => municipalityName(region, code)).join(", ") ||
                  t("common.none")}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={lc.status} />
              </Table.Td>
              <Table.Td>
                <EntityMenu
                  entity={lc}
                  path={`/api/local-colleges/${lc.id}`}
                  name={lc.name}
                  editLabel={t("localColleges.rename")}
                  onEdit={() => setEditing({ mode: "rename", college: lc })}
                  confirm={{
                    archiveTitle: t("localColleges.confirmArchiveTitle"),
                    archive: t("localColleges.confirmArchive", { name: lc.name }),
                    deleteTitle: t("localColleges.confirmDeleteTitle"),
                    delete: t("localColleges.confirmDelete", { name: lc.name }),
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <NameModal
        opened={editing !== null}
        onClose={close}
        title={editing?.mode === "rename" ? t("localColleges.renameTitle") : t("localColleges.addTitle")}
        label={t("common.name")}
        initialName={editing?.mode === "rename" ? editing.college.name : ""}
        submitLabel={editing?.mode === "rename" ? t("common.save") : t("common.create")}
        saving={save.isPending}
        error={save.error}
        onSubmit={({ name }) => save.mutate({ name })}
      />
    </>
  );
}
