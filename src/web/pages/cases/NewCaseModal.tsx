import { Button, Group, Select, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from "../../../domain/certification/steps";
import type { CaseDetail } from "../../../shared/dto";
import { post } from "../../api";
import { useMe } from "../../auth";
import { FormModal } from "../../components/FormModal";
import { notifySuccess } from "../../components/feedback";
import { problemsOf } from "../../lib/apiErrors";
import { byName } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { queryKeys, useCertifications, useRegion, useRegions } from "../../queries";
import { ActionProblemsPlain } from "./ActionProblemsPlain";

interface Values {
  kind: CaseKind;
  regionId: string | null;
  providerId: string | null;
  programmeId: string | null;
  specialisationId: string | null;
  certificationId: string | null;
}

type Subject = "providerId" | "programmeId" | "specialisationId" | "certificationId";

/** What a case of a kind is about besides its region, chosen in the form (nothing for a new region). */
function subjectOf(kind: CaseKind): Subject | null {
  if (kind === "newProvider") return "providerId";
  if (kind === "newProgramme") return "programmeId";
  if (kind === "newSpecialisation") return "specialisationId";
  if (kind === "recertification" || kind === "decertification") return "certificationId";
  return null;
}

/** "Nytt ärende": a certification case of a kind, for a region, about what the kind needs. */
export function NewCaseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("cases.newTitle")}>
      <NewCaseForm onClose={onClose} />
    </FormModal>
  );
}

function NewCaseForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const regions = useRegions();
  const ownRegion = me?.role === "regionLead" ? me.regionId : null;
  const requiredIfSubject = (field: Subject) => (v: string | null, x: Values) =>
    subjectOf(x.kind) === field && !v ? t("validation.required") : null;
  const form = useForm<Values>({
    initialValues: {
      kind: "newRegion",
      regionId: ownRegion,
      providerId: null,
      programmeId: null,
      specialisationId: null,
      certificationId: null,
    },
    validate: {
      regionId: (v) => (v ? null : t("validation.required")),
      providerId: requiredIfSubject("providerId"),
      programmeId: requiredIfSubject("programmeId"),
      specialisationId: requiredIfSubject("specialisationId"),
      certificationId: requiredIfSubject("certificationId"),
    },
  });
  const { kind, regionId } = form.values;
  const region = useRegion(regionId);
  const certifications = useCertifications(regionId ?? undefined);
  const providers = (region.data?.providers ?? []).filter((p) => p.status === "active").sort(byName);
  const programmes = providers.flatMap((p) =>
    p.programmes.map((pr) => ({ ...pr, label: `${pr.name} (${p.name})` })),
  );
  /** The field the case is about: its label and what it offers. */
  const choices: Record<Subject, { label: string; data: { value: string; label: string }[] }> = {
    providerId: { label: t("cases.provider"), data: providers.map((p) => ({ value: p.id, label: p.name })) },
    programmeId: {
      label: t("cases.programme"),
      data: programmes.map((p) => ({ value: p.id, label: p.label })),
    },
    specialisationId: {
      label: t("cases.specialisation"),
      data: programmes.flatMap((pr) =>
        pr.specialisations.map((s) => ({ value: s.id, label: `${s.name} – ${pr.label}` })),
      ),
    },
    certificationId: {
      label: t("cases.certification"),
      data: (certifications.data ?? [])
        .filter((c) => c.status === "certified")
        .map((c) => ({ value: c.id, label: `${c.subjectName} (${c.validFrom} – ${c.validTo})` })),
    },
  };
  const subject = subjectOf(kind);
  const kinds = CASE_KINDS.filter((k) => k !== "decertification" || me?.role === "secretariat");
  const create = useMutation({
    mutationFn: (x: Values) => {
      const about = subjectOf(x.kind);
      return post<CaseDetail>("/api/cases", {
        kind: x.kind,
        regionId: x.regionId,
        ...(about ? { [about]: x[about] } : {}),
      });
    },
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.cases });
      await queryClient.invalidateQueries({ queryKey: queryKeys.tasks });
      notifySuccess(t("cases.created", { number: c.registrationNumber }));
      onClose();
      navigate(`/cases/${c.id}`);
    },
    onError: (error) => form.setErrors(problemsOf(error).fields),
  });

  return (
    <form onSubmit={form.onSubmit((x) => create.mutate(x))} noValidate>
      <Stack>
        <Select
          label={t("cases.kind")}
          required
          allowDeselect={false}
          data={kinds.map((k) => ({ value: k, label: lbl(CASE_KIND_LABELS[k]) }))}
          data-autofocus
          {...form.getInputProps("kind")}
        />
        <Select
          label={t("cases.region")}
          required
          searchable
          disabled={Boolean(ownRegion)}
          data={(regions.data?.items ?? [])
            .filter((r) => r.status === "active")
            .sort(byName)
            .map((r) => ({ value: r.id, label: r.name }))}
          {...form.getInputProps("regionId")}
        />
        {subject ? (
          <Select
            key={subject}
            label={choices[subject].label}
            required
            searchable={subject !== "certificationId"}
            data={choices[subject].data}
            {...form.getInputProps(subject)}
          />
        ) : null}
        <Text size="sm" c="dimmed">
          {t("cases.newHelp")}
        </Text>
        <ActionProblemsPlain error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("cases.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
