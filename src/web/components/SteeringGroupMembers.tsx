import { ActionIcon, Button, Checkbox, Grid, Group, Paper, Select, Text, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { checkComposition } from "../../domain/steering-group";
import { MEMBER_KINDS, type MemberKind } from "../../shared/roles";
import { email, requiredMax } from "../lib/validation";
import { CompositionSummary } from "./CompositionSummary";

/** One member of a steering group as a form holds it (`key` keeps React's list identity while members move). */
export interface MemberValues {
  key: string;
  name: string;
  email: string;
  title: string;
  representsKind: MemberKind;
  /** The organisation in the registry the member represents, where one is chosen. */
  representsId: string | null;
  representsName: string;
  isChair: boolean;
}

let keySeq = 0;

/** A blank member (the checklist prefills the new party's own member with its kind and name). */
export function newMember(representsKind: MemberKind = "company", representsName = ""): MemberValues {
  return {
    key: `new-${++keySeq}`,
    name: "",
    email: "",
    title: "",
    representsKind,
    representsId: null,
    representsName,
    isChair: false,
  };
}

/**
 * The members' validation rules, for `validate: { members: memberRules() }`; `when` switches them off while the
 * members are not shown (the checklist's "join an existing group").
 */
export function memberRules<Values>(when: (values: Values) => boolean = () => true) {
  return {
    name: (value: string, values: Values) => (when(values) ? requiredMax(200)(value) : null),
    email: (value: string, values: Values) => (when(values) && value.trim() ? email(value) : null),
    representsName: (value: string, values: Values) => (when(values) ? requiredMax(200)(value) : null),
  };
}

/** What the editor uses of a `useForm` whose values hold `members` (methods, so any such form fits). */
interface MembersForm {
  values: { members: MemberValues[] };
  getInputProps(path: string, options?: { type?: "input" | "checkbox" }): GetInputPropsReturnType;
  setFieldValue(path: string, value: unknown): void;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
}

export interface SteeringGroupMembersProps {
  form: MembersForm;
  /**
   * The region's organisations a member may represent, by kind: where given, each member gets a picker that fills
   * in the organisation's name (and choosing another kind clears both). The checklist has none: the new party's
   * organisations are not in the registry yet.
   */
  organisations?: Record<MemberKind, readonly { value: string; label: string }[]>;
  /** The fewest members the form allows (their remove buttons are disabled at that count). */
  minMembers?: number;
}

/**
 * The members of a steering group, edited: a card per member ("Ledamot 1 – name", a group for assistive
 * technology), a button to add one, and the composition rule of the criteria checked as the user types (the
 * server checks the same function, `domain/steering-group.ts`, on save). Used by the region's steering group
 * dialog and by the joining checklist's local steering group.
 */
export function SteeringGroupMembers({ form, organisations, minMembers = 0 }: SteeringGroupMembersProps) {
  const { t } = useTranslation();
  const members = form.values.members;
  const composition = checkComposition(members);

  function chooseKind(index: number, kind: string | null) {
    if (!kind) return;
    form.setFieldValue(`members.${index}.representsKind`, kind);
    if (!organisations) return;
    form.setFieldValue(`members.${index}.representsId`, null);
    form.setFieldValue(`members.${index}.representsName`, "");
  }

  function chooseOrganisation(index: number, kind: MemberKind, id: string | null) {
    form.setFieldValue(`members.${index}.representsId`, id);
    const label = organisations?.[kind].find((o) => o.value === id)?.label;
    if (label) form.setFieldValue(`members.${index}.representsName`, label);
  }

  return (
    <>
      {members.map((member, index) => {
        const headingId = `sg-member-${member.key}`;
        const choices =
          organisations && member.representsKind !== "other" ? organisations[member.representsKind] : null;
        return (
          <Paper key={member.key} withBorder p="sm" radius="md" role="group" aria-labelledby={headingId}>
            <Group justify="space-between" mb="xs">
              <Text fw={600} size="sm" id={headingId}>
                {t("steeringGroups.memberHeading", { index: index + 1 })}
                {member.name ? ` – ${member.name}` : ""}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red.8"
                disabled={members.length <= minMembers}
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
              {choices ? (
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Select
                    label={t("steeringGroups.representsId")}
                    data={choices}
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
          onClick={() => form.insertListItem("members", newMember())}
        >
          {t("steeringGroups.addMember")}
        </Button>
      </div>
      {/* Below the members, where it matters: updates as members are added, removed or changed. */}
      <Paper withBorder p="sm" radius="md" bg="gray.0">
        <CompositionSummary {...composition} live />
      </Paper>
    </>
  );
}
