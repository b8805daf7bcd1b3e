import { Radio, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { memberRules, newMember, SteeringGroupMembers } from "../../../../components/SteeringGroupMembers";
import { ActionForm } from "../../forms/ActionForm";
import { FieldRow } from "../../forms/FieldRow";
import { optional, v } from "../../forms/fields";
import { NoteField } from "./fields";
import { conditionsOf, type FormProps, personPayload } from "./shared";

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
        newMember("company"),
        newMember("company"),
        newMember(cond.partyKind === "provider" ? "provider" : "municipality", cond.partyName),
      ],
      note: "",
    },
    validate: {
      steeringGroupId: (value, values) => (values.mode === "existing" ? v.required(value) : null),
      name: (value, values) => (values.mode === "new" ? v.required(value) : null),
      localCollegeId: (value, values) => (values.mode === "new" ? v.required(value) : null),
      newLocalCollegeName: (value, values) =>
        values.mode === "new" && values.localCollegeId === NEW_COLLEGE ? v.required(value) : null,
      members: memberRules((values: { mode: string }) => values.mode === "new"),
    },
  });
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
              members: x.members.map((m) => ({ ...personPayload(m), isChair: m.isChair })),
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
          <FieldRow spans={[6, 6]}>
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
            {form.values.localCollegeId === NEW_COLLEGE ? (
              <TextInput
                label={t("joining.forms.localSteeringGroup.newCollegeName")}
                required
                {...form.getInputProps("newLocalCollegeName")}
              />
            ) : null}
          </FieldRow>
          <SteeringGroupMembers form={form} minMembers={1} />
        </>
      )}
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}
