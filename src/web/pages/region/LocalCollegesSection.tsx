import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LocalCollege, RegionDetail } from "../../../shared/dto";
import { patch, post } from "../../api";
import { ListTable, right } from "../../components/ListTable";
import { NameModal } from "../../components/NameModal";
import { StatusBadge } from "../../components/StatusBadge";
import { useEditing } from "../../components/useEditing";
import { byName } from "../../lib/format";
import { useRegistryMutation } from "../../lib/mutations";
import { municipalityName } from "./options";
import { ItemMenu, RegistrySection } from "./RegistrySection";

export function LocalCollegesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  // Adding a college, or renaming `editing.item`.
  const editing = useEditing<LocalCollege>();
  const renaming = editing.item;

  const save = useRegistryMutation(
    ({ name }: { name: string }) =>
      renaming
        ? patch<LocalCollege>(`/api/local-colleges/${renaming.id}`, {
            name,
            expectedVersion: renaming.version,
          })
        : post<LocalCollege>(`/api/regions/${region.id}/local-colleges`, { name }),
    { onSuccess: editing.close },
  );
  const close = () => {
    editing.close();
    save.reset();
  };

  return (
    <>
      <RegistrySection
        title={t("region.tabs.localColleges")}
        add={
          region.actions.includes("addLocalCollege") && {
            label: t("localColleges.add"),
            onClick: editing.add,
          }
        }
        empty={region.localColleges.length === 0 && t("localColleges.empty")}
      >
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
                <ItemMenu
                  kind="localColleges"
                  entity={lc}
                  path={`/api/local-colleges/${lc.id}`}
                  name={lc.name}
                  editLabel={t("localColleges.rename")}
                  onEdit={() => editing.edit(lc)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </RegistrySection>
      <NameModal
        opened={editing.opened}
        onClose={close}
        title={renaming ? t("localColleges.renameTitle") : t("localColleges.addTitle")}
        label={t("common.name")}
        initialName={renaming ? renaming.name : ""}
        submitLabel={renaming ? t("common.save") : t("common.create")}
        saving={save.isPending}
        error={save.error}
        onSubmit={({ name }) => save.mutate({ name })}
      />
    </>
  );
}
