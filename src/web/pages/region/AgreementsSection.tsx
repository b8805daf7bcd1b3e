import { ActionIcon, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Addendum, Agreement, RegionDetail } from "../../../shared/dto";
import { del } from "../../api";
import { ConfirmModal } from "../../components/ConfirmModal";
import { ListTable, right } from "../../components/ListTable";
import { useEditing } from "../../components/useEditing";
import { deferredModal } from "../../lib/deferred";
import { formatDate } from "../../lib/format";
import { ItemCard, ItemMenu, RegistrySection } from "./RegistrySection";
import { useRemoval } from "./useRemoval";

// Dialogs load their code when the page is shown, not with it.
const AddendumFormModal = deferredModal(() => import("./AddendumFormModal").then((m) => m.AddendumFormModal));
const AgreementFormModal = deferredModal(() =>
  import("./AgreementFormModal").then((m) => m.AgreementFormModal),
);

export function AgreementsSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const form = useEditing<Agreement>();
  const [addendumFor, setAddendumFor] = useState<Agreement | null>(null);
  const removal = useRemoval(
    (addendum: Addendum) => del<Agreement>(`/api/addenda/${addendum.id}`),
    t("common.deleted"),
  );
  const agreements = [...region.agreements].sort((a, b) => b.validFrom.localeCompare(a.validFrom));

  return (
    <>
      <RegistrySection
        title={t("region.tabs.agreements")}
        add={region.actions.includes("addAgreement") && { label: t("agreements.add"), onClick: form.add }}
        empty={agreements.length === 0 && t("agreements.empty")}
      >
        <Stack gap="md">
          {agreements.map((agreement) => {
            const manage = agreement.actions.includes("update");
            return (
              <ItemCard
                key={agreement.id}
                headingId={`agreement-${agreement.id}`}
                title={agreement.title}
                status={agreement.status}
                details={
                  <>
                    <Text size="sm">
                      {t("agreements.period")}: {formatDate(agreement.validFrom)} –{" "}
                      {agreement.validTo ? formatDate(agreement.validTo) : t("agreements.untilFurther")}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {t("agreements.signedOn")}:{" "}
                      {agreement.signedOn ? formatDate(agreement.signedOn) : t("agreements.notSigned")}
                    </Text>
                  </>
                }
                menu={
                  <ItemMenu
                    kind="agreements"
                    entity={agreement}
                    path={`/api/agreements/${agreement.id}`}
                    name={agreement.title}
                    onEdit={() => form.edit(agreement)}
                  />
                }
              >
                <Group justify="space-between" mt="xs" mb={4}>
                  <Title order={4} size="h6">
                    {t("agreements.addenda")}
                  </Title>
                  {manage ? (
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() => setAddendumFor(agreement)}
                    >
                      {t("agreements.addAddendum")}
                    </Button>
                  ) : null}
                </Group>
                {agreement.addenda.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("agreements.noAddenda")}
                  </Text>
                ) : (
                  <ListTable
                    minWidth={480}
                    columns={[
                      t("agreements.party"),
                      t("agreements.addendumSignedOn"),
                      t("agreements.note"),
                      ...(manage ? [right(t("common.actions"))] : []),
                    ]}
                  >
                    {agreement.addenda.map((addendum) => (
                      <Table.Tr key={addendum.id}>
                        <Table.Td>
                          <Text size="sm">
                            <Text span size="xs" c="dimmed">
                              {t(`agreements.partyKinds.${addendum.partyKind}`)}:
                            </Text>{" "}
                            {addendum.partyName}
                          </Text>
                        </Table.Td>
                        <Table.Td>{formatDate(addendum.signedOn)}</Table.Td>
                        <Table.Td>{addendum.note || t("common.none")}</Table.Td>
                        {manage ? (
                          <Table.Td ta="right">
                            <ActionIcon
                              variant="subtle"
                              color="red.8"
                              aria-label={t("agreements.removeAddendum", { name: addendum.partyName })}
                              onClick={() => removal.ask(addendum)}
                            >
                              <IconTrash size={16} aria-hidden />
                            </ActionIcon>
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </ListTable>
                )}
              </ItemCard>
            );
          })}
        </Stack>
      </RegistrySection>
      <AgreementFormModal region={region} agreement={form.item} opened={form.opened} onClose={form.close} />
      <AddendumFormModal region={region} agreement={addendumFor} onClose={() => setAddendumFor(null)} />
      <ConfirmModal
        {...removal.confirmProps}
        title={t("agreements.confirmRemoveAddendumTitle")}
        message={t("agreements.confirmRemoveAddendum", { name: removal.removing?.partyName ?? "" })}
        confirmLabel={t("common.delete")}
      />
    </>
  );
}
