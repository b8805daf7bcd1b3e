import { Button, Group, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { CaseDetail, RegionDetail } from "../../../shared/dto";
import { post } from "../../api";
import { FormModal } from "../../components/FormModal";
import { notifySuccess } from "../../components/feedback";
import { problemsOf } from "../../lib/apiErrors";
import { todayIso } from "../../lib/dates";
import { byName } from "../../lib/format";
import { queryKeys, useMunicipalities, useUnassignedProviders } from "../../queries";
import { FieldRow } from "../case/forms/FieldRow";
import { DateField, v } from "../case/forms/fields";
import { ActionProblemsPlain } from "../cases/ActionProblemsPlain";
import { municipalityOptionsOf } from "./options";

interface Values {
  party: "municipality" | "provider";
  municipalityCode: string | null;
  hasOwnProvider: "yes" | "no";
  providerMode: "existing" | "new";
  providerId: string | null;
  newProviderName: string;
  newProviderKind: "public" | "private";
  newProviderMunicipality: string | null;
  certifyProvider: "yes" | "no";
  agreedOn: string | null;
  minutesReference: string;
}

/** "Starta anslutning": the regional steering group agreed that a municipality or provider should join. */
export function StartJoiningModal({
  region,
  opened,
  onClose,
}: {
  region: RegionDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t("joining.start.title", { region: region.name })}
      size="xl"
    >
      <StartJoiningForm region={region} onClose={onClose} />
    </FormModal>
  );
}

function StartJoiningForm({ region, onClose }: { region: RegionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const municipalities = useMunicipalities();
  const providers = useUnassignedProviders();
  const free = (municipalities.data ?? []).filter((m) => m.regionId === null).sort(byName);
  const form = useForm<Values>({
    initialValues: {
      party: "municipality",
      municipalityCode: null,
      hasOwnProvider: "no",
      providerMode: "new",
      providerId: null,
      newProviderName: "",
      newProviderKind: "public",
      newProviderMunicipality: null,
      certifyProvider: "no",
      agreedOn: todayIso(),
      minutesReference: "",
    },
    validate: {
      municipalityCode: (value, x) => (x.party === "municipality" ? v.required(value) : null),
      providerId: (value, x) =>
        x.party === "provider" && x.providerMode === "existing" ? v.required(value) : null,
      newProviderName: (value, x) =>
        x.party === "provider" && x.providerMode === "new" ? v.required(value) : null,
      agreedOn: v.date,
      minutesReference: v.required,
    },
  });
  const x = form.values;
  const start = useMutation({
    mutationFn: (values: Values) =>
      post<CaseDetail>("/api/cases", {
        kind: "joining",
        regionId: region.id,
        ...(values.party === "municipality"
          ? { municipalityCode: values.municipalityCode, hasOwnProvider: values.hasOwnProvider === "yes" }
          : values.providerMode === "existing"
            ? { providerId: values.providerId }
            : {
                newProvider: {
                  name: values.newProviderName.trim(),
                  kind: values.newProviderKind,
                  ...(values.newProviderMunicipality
                    ? { municipalityCode: values.newProviderMunicipality }
                    : {}),
                },
              }),
        certifyProvider: values.certifyProvider === "yes",
        steeringGroupAgreement: {
          agreedOn: values.agreedOn,
          minutesReference: values.minutesReference.trim(),
        },
      }),
    onSuccess: async (c) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.cases }),
        queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
      ]);
      notifySuccess(t("joining.start.started", { number: c.registrationNumber }));
      onClose();
      navigate(`/cases/${c.id}`);
    },
    onError: (error) => {
      const { fields } = problemsOf(error);
      const mapped: Record<string, string> = {};
      for (const [k, m] of Object.entries(fields)) {
        mapped[
          k.startsWith("steeringGroupAgreement.")
            ? k.replace("steeringGroupAgreement.", "")
            : k === "newProvider.name"
              ? "newProviderName"
              : k
        ] = m;
      }
      form.setErrors(mapped);
    },
  });
  const municipalityOptions = municipalityOptionsOf(municipalities.data ?? []);

  return (
    <form onSubmit={form.onSubmit((values) => start.mutate(values))} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t("joining.start.help")}
        </Text>
        <Radio.Group label={t("joining.start.party")} required {...form.getInputProps("party")}>
          <Group gap="lg" mt={4}>
            <Radio value="municipality" label={t("joining.start.aMunicipality")} />
            <Radio value="provider" label={t("joining.start.aProvider")} />
          </Group>
        </Radio.Group>
        {x.party === "municipality" ? (
          <>
            <Select
              label={t("joining.start.municipality")}
              description={t("joining.start.municipalityHelp")}
              required
              searchable
              data={free.map((m) => ({ value: m.code, label: `${m.shortName || m.name} (${m.code})` }))}
              {...form.getInputProps("municipalityCode")}
            />
            <Radio.Group label={t("joining.start.hasOwnProvider")} {...form.getInputProps("hasOwnProvider")}>
              <Group gap="lg" mt={4}>
                <Radio value="yes" label={t("common.yes")} />
                <Radio value="no" label={t("common.no")} />
              </Group>
            </Radio.Group>
          </>
        ) : (
          <>
            <Radio.Group label={t("joining.start.providerMode")} {...form.getInputProps("providerMode")}>
              <Group gap="lg" mt={4}>
                <Radio value="new" label={t("joining.start.newProvider")} />
                <Radio
                  value="existing"
                  label={t("joining.start.existingProvider")}
                  disabled={(providers.data ?? []).length === 0}
                />
              </Group>
            </Radio.Group>
            {x.providerMode === "existing" ? (
              <Select
                label={t("joining.start.provider")}
                required
                searchable
                data={(providers.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                {...form.getInputProps("providerId")}
              />
            ) : (
              <FieldRow spans={[6, 3, 3]}>
                <TextInput
                  label={t("joining.start.providerName")}
                  required
                  {...form.getInputProps("newProviderName")}
                />
                <Select
                  label={t("providers.kind")}
                  allowDeselect={false}
                  data={[
                    { value: "public", label: t("providers.kinds.public") },
                    { value: "private", label: t("providers.kinds.private") },
                  ]}
                  {...form.getInputProps("newProviderKind")}
                />
                <Select
                  label={t("providers.municipality")}
                  searchable
                  clearable
                  data={municipalityOptions}
                  {...form.getInputProps("newProviderMunicipality")}
                />
              </FieldRow>
            )}
          </>
        )}
        <Radio.Group
          label={t("joining.start.certifyProvider")}
          description={t("joining.start.certifyProviderHelp")}
          {...form.getInputProps("certifyProvider")}
        >
          <Group gap="lg" mt={4}>
            <Radio value="yes" label={t("common.yes")} />
            <Radio value="no" label={t("common.no")} />
          </Group>
        </Radio.Group>
        <FieldRow spans={[5, 7]}>
          <DateField label={t("joining.start.agreedOn")} required {...form.getInputProps("agreedOn")} />
          <TextInput
            label={t("joining.start.minutesReference")}
            placeholder={t("joining.start.minutesPlaceholder")}
            required
            {...form.getInputProps("minutesReference")}
          />
        </FieldRow>
        <ActionProblemsPlain error={start.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={start.isPending}>
            {t("joining.start.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
