import { Button, Modal, Select, Table, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { IconX } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Municipality, RegionDetail } from "../../../shared/dto";
import { del, put } from "../../api";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ModalForm } from "../../components/FormModal";
import { ListTable, right } from "../../components/ListTable";
import { byName } from "../../lib/format";
import { useRegistryMutation } from "../../lib/mutations";
import { required } from "../../lib/validation";
import { useCounties, useMunicipalities } from "../../queries";
import { freeMunicipalityOptions, localCollegeName, localCollegeOptions } from "./options";
import { SectionHeader } from "./SectionHeader";
import { useRemoval } from "./useRemoval";

export function MunicipalitiesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const counties = useCounties();
  const [adding, add] = useDisclosure(false);
  const manage = region.actions.includes("manageMunicipalities");
  const countyName = useMemo(() => {
    const byCode = new Map((counties.data ?? []).map((c) => [c.code, c.name]));
    return (code: string) => byCode.get(code) ?? code;
  }, [counties.data]);
  const rows = useMemo(() => [...region.municipalities].sort(byName), [region.municipalities]);

  const setLocalCollege = useRegistryMutation(
    ({ code, localCollegeId }: { code: string; localCollegeId: string | null }) =>
      put<RegionDetail>(`/api/regions/${region.id}/municipalities/${code}`, { localCollegeId }),
    { notifyErrors: true },
  );
  const removal = useRemoval((m: Municipality) =>
    del<RegionDetail>(`/api/regions/${region.id}/municipalities/${m.code}`),
  );

  return (
    <>
      <SectionHeader
        title={t("region.tabs.municipalities")}
        add={manage && { label: t("municipalities.add"), onClick: add.open }}
      />
      {rows.length === 0 ? (
        <Text c="dimmed">{t("municipalities.empty")}</Text>
      ) : (
        <ListTable
          minWidth={520}
          columns={[
            t("municipalities.name"),
            t("municipalities.county"),
            t("municipalities.localCollege"),
            ...(manage ? [right(t("common.actions"))] : []),
          ]}
        >
          {rows.map((m) => {
            const name = m.shortName || m.name;
            return (
              <Table.Tr key={m.code}>
                <Table.Th scope="row" fw={500}>
                  {name}
                </Table.Th>
                <Table.Td>{countyName(m.countyCode)}</Table.Td>
                <Table.Td>
                  {manage ? (
                    <Select
                      size="xs"
                      maw={260}
                      aria-label={t("municipalities.changeLocalCollege", { name })}
                      placeholder={t("municipalities.noLocalCollege")}
                      data={localCollegeOptions(region, m.localCollegeId)}
                      value={m.localCollegeId}
                      clearable
                      onChange={(value) => setLocalCollege.mutate({ code: m.code, localCollegeId: value })}
                    />
                  ) : (
                    (localCollegeName(region, m.localCollegeId) ?? (
                      <Text span c="dimmed" size="sm">
                        {t("municipalities.noLocalCollege")}
                      </Text>
                    ))
                  )}
                </Table.Td>
                {manage ? (
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red.8"
                      leftSection={<IconX size={14} aria-hidden />}
                      aria-label={t("municipalities.removeLabel", { name })}
                      onClick={() => removal.ask(m)}
                    >
                      {t("municipalities.remove")}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
      <Modal opened={adding} onClose={add.close} title={t("municipalities.addTitle")}>
        {adding ? <AddMunicipalityForm region={region} onClose={add.close} /> : null}
      </Modal>
      <ConfirmModal
        {...removal.confirmProps}
        title={t("municipalities.confirmRemoveTitle")}
        message={t("municipalities.confirmRemove", { name: removal.removing?.shortName ?? "" })}
        confirmLabel={t("municipalities.remove")}
      />
    </>
  );
}

function AddMunicipalityForm({ region, onClose }: { region: RegionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const form = useForm<{ code: string | null; localCollegeId: string | null }>({
    initialValues: { code: null, localCollegeId: null },
    validate: { code: required },
  });
  const free = useMemo(() => freeMunicipalityOptions(municipalities.data), [municipalities.data]);
  const save = useRegistryMutation(
    (values: { code: string | null; localCollegeId: string | null }) =>
      put<RegionDetail>(`/api/regions/${region.id}/municipalities/${values.code}`, {
        localCollegeId: values.localCollegeId,
      }),
    { onSuccess: onClose },
  );
  return (
    <ModalForm form={form} save={save} onCancel={onClose} submitLabel={t("common.add")}>
      <Select
        label={t("municipalities.select")}
        placeholder={t("municipalities.selectPlaceholder")}
        data={free}
        searchable
        required
        data-autofocus
        nothingFoundMessage="—"
        {...form.getInputProps("code")}
      />
      <Select
        label={t("municipalities.localCollege")}
        placeholder={t("municipalities.noLocalCollege")}
        data={localCollegeOptions(region)}
        clearable
        {...form.getInputProps("localCollegeId")}
      />
    </ModalForm>
  );
}
