import { Divider, Input, SegmentedControl, Select, Stack, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RegionDetail, SteeringGroup } from "../../../shared/dto";
import { type MemberKind, STEERING_GROUP_LEVELS, type SteeringGroupLevel } from "../../../shared/roles";
import { post, put } from "../../api";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import {
  type MemberValues,
  memberRules,
  newMember,
  SteeringGroupMembers,
} from "../../components/SteeringGroupMembers";
import { useRegistryMutation } from "../../lib/mutations";
import { blankToNull, required, requiredMax } from "../../lib/validation";
import {
  companyOptions,
  localCollegeOptions,
  municipalityOptions,
  type Option,
  providerOptions,
} from "./options";

interface Values {
  level: SteeringGroupLevel;
  localCollegeId: string | null;
  name: string;
  members: MemberValues[];
}

interface SteeringGroupFormProps {
  region: RegionDetail;
  group: SteeringGroup | null;
  onClose: () => void;
}

export const SteeringGroupFormModal = formModal(
  SteeringGroupForm,
  ({ group }, t) => (group ? t("steeringGroups.editTitle") : t("steeringGroups.addTitle")),
  "xl",
);

function SteeringGroupForm({ region, group, onClose }: SteeringGroupFormProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      level: group?.level ?? "regional",
      localCollegeId: group?.localCollegeId ?? null,
      name: group?.name ?? "",
      members: group
        ? group.members.map((m) => ({
            key: m.id,
            name: m.name,
            email: m.email ?? "",
            title: m.title ?? "",
            representsKind: m.representsKind,
            representsId: m.representsId,
            representsName: m.representsName,
            isChair: m.isChair,
          }))
        : [newMember()],
    },
    validate: {
      name: requiredMax(200),
      localCollegeId: (value, values) => (values.level === "local" && !group ? required(value) : null),
      members: memberRules(),
    },
  });

  const organisations = useMemo<Record<MemberKind, Option[]>>(
    () => ({
      company: companyOptions(region),
      provider: providerOptions(region),
      municipality: municipalityOptions(region),
      other: [],
    }),
    [region],
  );

  const save = useRegistryMutation(
    (values: Values) => {
      const members = values.members.map((m) => ({
        name: m.name.trim(),
        email: blankToNull(m.email),
        title: blankToNull(m.title),
        representsKind: m.representsKind,
        representsId: m.representsKind === "other" ? null : m.representsId,
        representsName: m.representsName.trim(),
        isChair: m.isChair,
      }));
      return group
        ? put<SteeringGroup>(`/api/steering-groups/${group.id}`, {
            expectedVersion: group.version,
            name: values.name.trim(),
            members,
          })
        : post<SteeringGroup>("/api/steering-groups", {
            regionId: region.id,
            level: values.level,
            localCollegeId: values.level === "local" ? values.localCollegeId : null,
            name: values.name.trim(),
            members,
          });
    },
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={group !== null}>
      {group ? null : (
        <Stack gap={4}>
          <Input.Label id="sg-level-label">{t("steeringGroups.level")}</Input.Label>
          <SegmentedControl
            aria-labelledby="sg-level-label"
            data={STEERING_GROUP_LEVELS.map((level) => ({
              value: level,
              label: t(`steeringGroups.levels.${level}`),
            }))}
            {...form.getInputProps("level")}
          />
        </Stack>
      )}
      {!group && form.values.level === "local" ? (
        <Select
          label={t("steeringGroups.localCollege")}
          data={localCollegeOptions(region)}
          required
          {...form.getInputProps("localCollegeId")}
        />
      ) : null}
      <TextInput
        label={t("steeringGroups.name")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("name")}
      />

      <Divider />
      <Title order={3} size="h5">
        {t("steeringGroups.members")}
      </Title>

      <SteeringGroupMembers form={form} organisations={organisations} />
    </ModalForm>
  );
}
