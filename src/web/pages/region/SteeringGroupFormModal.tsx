import {
  ActionIcon,
  Button,
  Checkbox,
  Divider,
  Grid,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { checkComposition } from "../../../domain/steering-group";
import type { RegionDetail, SteeringGroup } from "../../../shared/dto";
import {
  MEMBER_KINDS,
  type MemberKind,
  STEERING_GROUP_LEVELS,
  type SteeringGroupLevel,
} from "../../../shared/roles";
import { post, put } from "../../api";
import { FormModal, ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { blankToNull, email, required, requiredMax } from "../../lib/validation";
import { CompositionSummary } from "./CompositionSummary";
import { companyOptions, localCollegeOptions, type Option, providerOptions } from "./options";

interface MemberValues {
  key: string;
  name: string;
  email: string;
  title: string;
  representsKind: MemberKind;
  representsId: string | null;
  representsName: string;
  isChair: boolean;
}

interface Values {
  level: SteeringGroupLevel;
  localCollegeId: string | null;
  name: string;
  members: MemberValues[];
}

let keySeq = 0;
const newKey = () => `new-${++keySeq}`;

function emptyMember(): MemberValues {
  return {
    key: newKey(),
    name: "",
    email: "",
    title: "",
    representsKind: "company",
    representsId: null,
    representsName: "",
    isChair: false,
  };
}

export interface SteeringGroupFormModalProps {
  region: RegionDetail;
  group: SteeringGroup | null;
  opened: boolean;
  onClose: () => void;
}

export function SteeringGroupFormModal({ region, group, opened, onClose }: SteeringGroupFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={group ? t("steeringGroups.editTitle") : t("steeringGroups.addTitle")}
      size="xl"
    >
      <SteeringGroupForm region={region} group={group} onClose={onClose} />
    </FormModal>
  );
}

function SteeringGroupForm({ region, group, onClose }: Omit<SteeringGroupFormModalProps, "opened">) {
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
        : [emptyMember()],
    },
    validate: {
      name: requiredMax(200),
      localCollegeId: (value, values) => (values.level === "local" && !group ? required(value) : null),
      members: {
        name: requiredMax(200),
        email: (value: string) => (value.trim() ? email(value) : null),
        representsName: requiredMax(200),
      },
    },
  });

  // The rule of the criteria, checked as the user types (the server checks the same function on save).
  const composition = checkComposition(form.values.members);

  const organisations = useMemo<Record<MemberKind, Option[]>>(
    () => ({
      company: companyOptions(region),
      provider: providerOptions(region),
      municipality: region.municipalities.map((m) => ({ value: m.code, label: m.shortName || m.name })),
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

  function chooseKind(index: number, kind: string | null) {
    if (!kind) return;
    form.setFieldValue(`members.${index}.representsKind`, kind as MemberKind);
    form.setFieldValue(`members.${index}.representsId`, null);
    form.setFieldValue(`members.${index}.representsName`, "");
  }

  function chooseOrganisation(index: number, kind: MemberKind, id: string | null) {
    form.setFieldValue(`members.${index}.representsId`, id);
    const label = organisations[kind].find((o) => o.value === id)?.label;
    if (label) form.setFieldValue(`members.${index}.representsName`, label);
  }

  return (
    <ModalForm
      onSubmit={form.onSubmit((values) => save.mutate(values))}
      error={save.error}
      onCancel={onClose}
      saving={save.isPending}
      submitLabel={group ? t("common.save") : t("common.create")}
    >
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

      {form.values.members.map((member, index) => {
        const heading = t("steeringGroups.memberHeading", { index: index + 1 });
        const headingId = `sg-member-${member.key}`;
        return (
          <Paper key={member.key} withBorder p="sm" radius="md" role="group" aria-labelledby={headingId}>
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm" id={headingId}>
                {heading}
                {member.name ? ` – ${member.name}` : ""}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red.8"
                aria-label={t("steeringGroups.removeMember", { index: index + 1 })}
                onClick={() => form.removeListItem("members", index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <Grid gap="sm">
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("steeringGroups.memberName")}
                  required
                  {...form.getInputProps(`members.${index}.name`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("steeringGroups.memberTitle")}
                  {...form.getInputProps(`members.${index}.title`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("steeringGroups.memberEmail")}
                  type="email"
                  {...form.getInputProps(`members.${index}.email`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label={t("steeringGroups.representsKind")}
                  data={MEMBER_KINDS.map((kind) => ({
                    value: kind,
                    label: t(`steeringGroups.kinds.${kind}`),
                  }))}
                  value={member.representsKind}
                  onChange={(value) => chooseKind(index, value)}
                  allowDeselect={false}
                />
              </Grid.Col>
              {member.representsKind !== "other" ? (
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label={t("steeringGroups.representsId")}
                    data={organisations[member.representsKind]}
                    value={member.representsId}
                    onChange={(value) => chooseOrganisation(index, member.representsKind, value)}
                    searchable
                    clearable
                  />
                </Grid.Col>
              ) : null}
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("steeringGroups.representsName")}
                  required
                  {...form.getInputProps(`members.${index}.representsName`)}
                />
              </Grid.Col>
              <Grid.Col span={12}>
                <Checkbox
                  label={t("steeringGroups.chair")}
                  {...form.getInputProps(`members.${index}.isChair`, { type: "checkbox" })}
                />
              </Grid.Col>
            </Grid>
          </Paper>
        );
      })}
      <div>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => form.insertListItem("members", emptyMember())}
        >
          {t("steeringGroups.addMember")}
        </Button>
      </div>
      {/* Beside the save button, where it matters: updates as members are added, removed or changed. */}
      <Paper withBorder p="sm" radius="md" bg="gray.0">
        <CompositionSummary {...composition} live />
      </Paper>
    </ModalForm>
  );
}
