import { ActionIcon, Button, Group, List, Pill, Stack, Text, Title } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Programme, Provider, RegionDetail } from "../../../shared/dto";
import { del, post } from "../../api";
import { ConfirmModal } from "../../components/ConfirmModal";
import { NameModal } from "../../components/NameModal";
import { StatusBadge } from "../../components/StatusBadge";
import { useEditing } from "../../components/useEditing";
import { deferredModal } from "../../lib/deferred";
import { byName } from "../../lib/format";
import { useRegistryMutation } from "../../lib/mutations";
import { localCollegeName, municipalityName } from "./options";
import { ItemCard, ItemMenu, RegistrySection } from "./RegistrySection";
import { useRemoval } from "./useRemoval";

// Dialogs load their code when the page is shown, not with it.
const ProviderFormModal = deferredModal(() => import("./ProviderFormModal").then((m) => m.ProviderFormModal));

type Adding =
  | { kind: "programme"; provider: Provider }
  | { kind: "specialisation"; programme: Programme }
  | null;

export function ProvidersSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const form = useEditing<Provider>();
  const [adding, setAdding] = useState<Adding>(null);

  const addChild = useRegistryMutation(
    ({ name, code }: { name: string; code: string }) =>
      adding?.kind === "programme"
        ? post<Provider>(`/api/providers/${adding.provider.id}/programmes`, { name, code: code || null })
        : post<Provider>(
            `/api/programmes/${adding?.kind === "specialisation" ? adding.programme.id : ""}/specialisations`,
            {
              name,
            },
          ),
    { onSuccess: () => setAdding(null) },
  );
  const programmeRemoval = useRemoval(
    (programme: Programme) => del<Provider>(`/api/programmes/${programme.id}`),
    t("common.deleted"),
  );
  const removeSpecialisation = useRegistryMutation(
    (id: string) => del<Provider>(`/api/specialisations/${id}`),
    {
      notifyErrors: true,
      success: t("common.deleted"),
    },
  );

  const providers = [...region.providers].sort(byName);

  return (
    <>
      <RegistrySection
        title={t("region.tabs.providers")}
        add={region.actions.includes("addProvider") && { label: t("providers.add"), onClick: form.add }}
        empty={providers.length === 0 && t("providers.empty")}
      >
        <Stack gap="md">
          {providers.map((provider) => {
            const manage = provider.actions.includes("update");
            const facts = [
              t(`providers.kinds.${provider.kind}`),
              provider.orgNumber,
              municipalityName(region, provider.municipalityCode),
              localCollegeName(region, provider.localCollegeId),
            ].filter(Boolean);
            return (
              <ItemCard
                key={provider.id}
                headingId={`provider-${provider.id}`}
                title={provider.name}
                status={provider.status}
                details={
                  <Text size="sm" c="dimmed">
                    {facts.join(" · ")}
                  </Text>
                }
                menu={
                  <ItemMenu
                    kind="providers"
                    entity={provider}
                    path={`/api/providers/${provider.id}`}
                    name={provider.name}
                    onEdit={() => form.edit(provider)}
                  />
                }
              >
                <Title order={4} size="h6" mb={4}>
                  {t("providers.programmes")}
                </Title>
                {provider.programmes.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("providers.noProgrammes")}
                  </Text>
                ) : (
                  <List spacing="xs" listStyleType="none">
                    {provider.programmes.map((programme) => (
                      <List.Item key={programme.id}>
                        <Group gap="xs" wrap="wrap">
                          <Text size="sm" fw={500}>
                            {programme.name}
                            {programme.code ? ` (${programme.code})` : ""}
                          </Text>
                          {programme.status !== "active" ? <StatusBadge status={programme.status} /> : null}
                          {programme.specialisations.map((s) => (
                            <Pill
                              key={s.id}
                              withRemoveButton={manage}
                              removeButtonProps={{
                                "aria-label": t("providers.removeSpecialisation", { name: s.name }),
                              }}
                              onRemove={() => removeSpecialisation.mutate(s.id)}
                            >
                              {s.name}
                            </Pill>
                          ))}
                          {manage ? (
                            <>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                leftSection={<IconPlus size={12} aria-hidden />}
                                onClick={() => setAdding({ kind: "specialisation", programme })}
                              >
                                {t("providers.addSpecialisation")}
                              </Button>
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="red.8"
                                aria-label={t("providers.removeProgramme", { name: programme.name })}
                                onClick={() => programmeRemoval.ask(programme)}
                              >
                                <IconTrash size={14} aria-hidden />
                              </ActionIcon>
                            </>
                          ) : null}
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                )}
                {manage ? (
                  <Group mt="sm">
                    <Button
                      size="compact-sm"
                      variant="light"
                      leftSection={<IconPlus size={14} aria-hidden />}
                      onClick={() => setAdding({ kind: "programme", provider })}
                    >
                      {t("providers.addProgramme")}
                    </Button>
                  </Group>
                ) : null}
              </ItemCard>
            );
          })}
        </Stack>
      </RegistrySection>
      <ProviderFormModal region={region} provider={form.item} opened={form.opened} onClose={form.close} />
      <NameModal
        opened={adding !== null}
        onClose={() => {
          setAdding(null);
          addChild.reset();
        }}
        title={
          adding?.kind === "programme"
            ? t("providers.addProgrammeTitle", { name: adding.provider.name })
            : t("providers.addSpecialisationTitle", {
                name: adding?.kind === "specialisation" ? adding.programme.name : "",
              })
        }
        label={
          adding?.kind === "programme" ? t("providers.programmeName") : t("providers.specialisationName")
        }
        codeLabel={adding?.kind === "programme" ? t("providers.programmeCode") : undefined}
        submitLabel={t("common.add")}
        saving={addChild.isPending}
        error={addChild.error}
        onSubmit={(values) => addChild.mutate(values)}
      />
      <ConfirmModal
        {...programmeRemoval.confirmProps}
        title={t("providers.confirmRemoveProgrammeTitle")}
        message={t("providers.confirmRemoveProgramme", { name: programmeRemoval.removing?.name ?? "" })}
        confirmLabel={t("common.delete")}
      />
    </>
  );
}
