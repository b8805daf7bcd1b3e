import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { checkComposition } from "../../../../../domain/steering-group";
import { MEMBER_KINDS, type MemberKind } from "../../../../../shared/roles";
import { lbl } from "../../../../lib/labels";
import { ActionForm } from "../../forms/ActionForm";
import { optional, v } from "../../forms/fields";
import { conditionsOf, type FormProps } from "./shared";

/** The checklist's local steering group (a new one with members and its local college, or one the region has). */
interface MemberValues {
  key: string;
  name: string;
  email: string;
  title: string;
  representsKind: MemberKind;
  representsName: string;
  isChair: boolean;
}

let keySeq = 0;
const member = (kind: MemberKind = "company", name = ""): MemberValues => ({
  key: `m${++keySeq}`,
  name: "",
  email: "",
  title: "",
  representsKind: kind,
  representsName: name,
  isChair: false,
});

const NEW_COLLEGE = "__new__";

/** A new local steering group (with members and its local college), or an existing one of the region. */
export function LocalSteeringGroupForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const localGroups = region.steeringGroups.filter((g) => g.level === "local" && g.status === "active");
  const colleges = region.localColleges.filter((lc) => lc.status === "active");
  const form = useForm({
    initialValues: {
      mode: "new" as "new" | "existing",
      steeringGroupId: null as string | null,
      name: `Lokal styrgrupp ${cond.partyName}`,
      localCollegeId: NEW_COLLEGE as string | null,
      newLocalCollegeName: `Teknikcollege ${cond.partyName}`,
      members: [
        member("company"),
        member("company"),
        member(cond.partyKind === "provider" ? "provider" : "municipality", cond.partyName),
      ],
      note: "",
    },
    validate: {
      steeringGroupId: (value, values) => (values.mode === "existing" ? v.required(value) : null),
      name: (value, values) => (values.mode === "new" ? v.required(value) : null),
      localCollegeId: (value, values) => (values.mode === "new" ? v.required(value) : null),
      newLocalCollegeName: (value, values) =>
        values.mode === "new" && values.localCollegeId === NEW_COLLEGE ? v.required(value) : null,
      members: {
        name: (value, values) => (values.mode === "new" ? v.required(value) : null),
        representsName: (value, values) => (values.mode === "new" ? v.required(value) : null),
        email: (value: string) => v.optionalEmail(value),
      },
    },
  });
  const composition = checkComposition(form.values.members);
  return (
    <ActionForm
      caseDetail={c}
      action="completeLocalSteeringGroup"
      form={form}
      bare
      toPayload={(x) =>
        x.mode === "existing"
          ? { mode: "existing", steeringGroupId: x.steeringGroupId, note: optional(x.note) }
          : {
              mode: "new",
              name: x.name.trim(),
              ...(x.localCollegeId === NEW_COLLEGE
                ? { newLocalCollegeName: x.newLocalCollegeName.trim() }
                : { localCollegeId: x.localCollegeId }),
              members: x.members.map((m) => ({
                name: m.name.trim(),
                email: optional(m.email),
                title: optional(m.title),
                representsKind: m.representsKind,
                representsName: m.representsName.trim(),
                isChair: m.isChair,
              })),
              note: optional(x.note),
            }
      }
      description={t("joining.forms.localSteeringGroup.help")}
    >
      <Radio.Group label={t("joining.forms.localSteeringGroup.mode")} {...form.getInputProps("mode")}>
        <Stack gap={6} mt={4}>
          <Radio value="new" label={t("joining.forms.localSteeringGroup.new")} />
          <Radio
            value="existing"
            label={t("joining.forms.localSteeringGroup.existing")}
            disabled={localGroups.length === 0}
          />
        </Stack>
      </Radio.Group>
      {form.values.mode === "existing" ? (
        <Select
          label={t("joining.forms.localSteeringGroup.group")}
          required
          data={localGroups.map((g) => ({ value: g.id, label: g.name }))}
          {...form.getInputProps("steeringGroupId")}
        />
      ) : (
        <>
          <TextInput
            label={t("joining.forms.localSteeringGroup.name")}
            required
            {...form.getInputProps("name")}
          />
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t("joining.forms.localSteeringGroup.localCollege")}
                required
                allowDeselect={false}
                data={[
                  { value: NEW_COLLEGE, label: t("joining.forms.localSteeringGroup.newCollege") },
                  ...colleges.map((lc) => ({ value: lc.id, label: lc.name })),
                ]}
                {...form.getInputProps("localCollegeId")}
              />
            </Grid.Col>
            {form.values.localCollegeId === NEW_COLLEGE ? (
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label={t("joining.forms.localSteeringGroup.newCollegeName")}
                  required
                  {...form.getInputProps("newLocalCollegeName")}
                />
              </Grid.Col>
            ) : null}
          </Grid>
          {form.values.members.map((m, i) => (
            <Fieldset key={m.key} legend={t("steeringGroups.memberHeading", { index: i + 1 })} radius="md">
              <Grid>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t("steeringGroups.memberName")}
                    required
                    {...form.getInputProps(`members.${i}.name`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t("steeringGroups.memberEmail")}
                    type="email"
                    {...form.getInputProps(`members.${i}.email`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={t("steeringGroups.memberTitle")}
                    {...form.getInputProps(`members.${i}.title`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <Select
                    label={t("steeringGroups.representsKind")}
                    allowDeselect={false}
                    data={MEMBER_KINDS.map((k) => ({ value: k, label: t(`steeringGroups.kinds.${k}`) }))}
                    {...form.getInputProps(`members.${i}.representsKind`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 5 }}>
                  <TextInput
                    label={t("steeringGroups.representsName")}
                    required
                    {...form.getInputProps(`members.${i}.representsName`)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 3 }}>
                  <Group h="100%" align="flex-end" justify="space-between" wrap="nowrap">
                    <Checkbox
                      label={t("steeringGroups.chair")}
                      mb={8}
                      {...form.getInputProps(`members.${i}.isChair`, { type: "checkbox" })}
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red.8"
                      size="lg"
                      mb={2}
                      disabled={form.values.members.length <= 1}
                      aria-label={t("steeringGroups.removeMember", { index: i + 1 })}
                      onClick={() => form.removeListItem("members", i)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Grid.Col>
              </Grid>
            </Fieldset>
          ))}
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem("members", member())}
            >
              {t("steeringGroups.addMember")}
            </Button>
            <Text size="sm" aria-live="polite">
              {t("steeringGroups.composition", {
                companies: composition.companies,
                total: composition.total,
              })}
            </Text>
          </Group>
          {composition.warnings.length > 0 ? (
            <Alert
              color="yellow"
              icon={<IconAlertTriangle aria-hidden />}
              title={t("joining.forms.localSteeringGroup.warning")}
            >
              <Stack gap={2}>
                {composition.warnings.map((w) => (
                  <Text size="sm" key={w.code}>
                    {lbl(w.message)}
                  </Text>
                ))}
              </Stack>
            </Alert>
          ) : null}
        </>
      )}
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}
