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
import type { JoiningRecord } from "../../../../domain/joining/machine";
import { checkComposition } from "../../../../domain/steering-group";
import type { CaseDetail, RegionDetail } from "../../../../shared/dto";
import { MEMBER_KINDS, type MemberKind } from "../../../../shared/roles";
import { todayIso } from "../../../lib/dates";
import { lbl } from "../../../lib/labels";

import { ActionForm } from "../forms/ActionForm";
import { DateField, optional, v } from "../forms/fields";

type FormProps = { c: CaseDetail; region: RegionDetail };

function conditionsOf(c: CaseDetail) {
  return (c.record as JoiningRecord).conditions;
}

function parties(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export function AnchoringForm({ c }: FormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      regionContacts: "",
      existingMunicipalitiesContacts: "",
      newPartyContacts: "",
      completedOn: todayIso() as string | null,
      note: "",
    },
    validate: {
      regionContacts: v.required,
      existingMunicipalitiesContacts: v.required,
      newPartyContacts: v.required,
      completedOn: v.date,
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeAnchoring"
      form={form}
      bare
      toPayload={(x) => ({
        regionContacts: x.regionContacts.trim(),
        existingMunicipalitiesContacts: x.existingMunicipalitiesContacts.trim(),
        newPartyContacts: x.newPartyContacts.trim(),
        completedOn: x.completedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.anchoring.help", { party: conditionsOf(c).partyName })}
    >
      <Textarea
        label={t("joining.fields.regionContacts")}
        autosize
        minRows={2}
        required
        {...form.getInputProps("regionContacts")}
      />
      <Textarea
        label={t("joining.fields.existingMunicipalitiesContacts")}
        autosize
        minRows={2}
        required
        {...form.getInputProps("existingMunicipalitiesContacts")}
      />
      <Textarea
        label={t("joining.fields.newPartyContacts", { party: conditionsOf(c).partyName })}
        autosize
        minRows={2}
        required
        {...form.getInputProps("newPartyContacts")}
      />
      <DateField label={t("joining.fields.completedOn")} required {...form.getInputProps("completedOn")} />
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

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

export function RegionalRepresentationForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const regional = region.steeringGroups.find((g) => g.level === "regional" && g.status === "active");
  const form = useForm({
    initialValues: {
      name: "",
      email: "",
      title: "",
      representsKind: (cond.partyKind === "provider" ? "provider" : "municipality") as MemberKind,
      representsName: cond.partyName,
      note: "",
    },
    validate: { name: v.required, representsName: v.required, email: v.optionalEmail },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeRegionalRepresentation"
      form={form}
      bare
      errorPath={(p) => p.replace(/^representative\./, "")}
      toPayload={(x) => ({
        representative: {
          name: x.name.trim(),
          email: optional(x.email),
          title: optional(x.title),
          representsKind: x.representsKind,
          representsName: x.representsName.trim(),
        },
        note: optional(x.note),
      })}
      description={t("joining.forms.representation.help", { group: regional?.name ?? "—" })}
    >
      <Grid>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t("steeringGroups.memberName")} required {...form.getInputProps("name")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t("steeringGroups.memberEmail")} type="email" {...form.getInputProps("email")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t("steeringGroups.memberTitle")} {...form.getInputProps("title")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Select
            label={t("steeringGroups.representsKind")}
            allowDeselect={false}
            data={MEMBER_KINDS.map((k) => ({ value: k, label: t(`steeringGroups.kinds.${k}`) }))}
            {...form.getInputProps("representsKind")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput
            label={t("steeringGroups.representsName")}
            required
            {...form.getInputProps("representsName")}
          />
        </Grid.Col>
      </Grid>
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

/** An addendum to one of the region's agreements, or an updated agreement. */
export function AgreementForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const agreements = region.agreements.filter((a) => a.status === "active");
  const today = todayIso();
  const form = useForm({
    initialValues: {
      mode: (agreements.length ? "addendum" : "updated") as "addendum" | "updated",
      agreementId: (agreements[0]?.id ?? null) as string | null,
      title: "",
      validFrom: today as string | null,
      validTo: null as string | null,
      signedOn: today as string | null,
      parties: cond.partyName,
      note: "",
    },
    validate: {
      agreementId: (value, values) => (values.mode === "addendum" ? v.required(value) : null),
      title: (value, values) => (values.mode === "updated" ? v.required(value) : null),
      validFrom: (value, values) => (values.mode === "updated" ? v.date(value) : null),
      validTo: (value, values) => (values.mode === "updated" ? v.optionalDate(value) : null),
      signedOn: v.date,
      parties: (value: string) => (parties(value).length ? null : t("validation.required")),
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeAgreement"
      form={form}
      bare
      errorPath={(p) => (p.startsWith("parties") ? "parties" : p)}
      toPayload={(x) =>
        x.mode === "addendum"
          ? {
              mode: "addendum",
              agreementId: x.agreementId,
              signedOn: x.signedOn,
              parties: parties(x.parties),
              note: optional(x.note),
            }
          : {
              mode: "updated",
              title: x.title.trim(),
              validFrom: x.validFrom,
              validTo: x.validTo || undefined,
              signedOn: x.signedOn,
              parties: parties(x.parties),
              note: optional(x.note),
            }
      }
      description={t("joining.forms.agreement.help")}
    >
      <Radio.Group label={t("joining.forms.agreement.mode")} {...form.getInputProps("mode")}>
        <Stack gap={6} mt={4}>
          <Radio
            value="addendum"
            label={t("joining.forms.agreement.addendum")}
            disabled={agreements.length === 0}
          />
          <Radio value="updated" label={t("joining.forms.agreement.updated")} />
        </Stack>
      </Radio.Group>
      {form.values.mode === "addendum" ? (
        <Select
          label={t("joining.forms.agreement.agreement")}
          required
          data={agreements.map((a) => ({ value: a.id, label: a.title }))}
          {...form.getInputProps("agreementId")}
        />
      ) : (
        <>
          <TextInput label={t("agreements.title")} required {...form.getInputProps("title")} />
          <Grid>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField label={t("agreements.validFrom")} required {...form.getInputProps("validFrom")} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <DateField label={t("agreements.validTo")} {...form.getInputProps("validTo")} />
            </Grid.Col>
          </Grid>
        </>
      )}
      <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
      <TextInput
        label={t("joining.fields.parties")}
        description={t("joining.forms.agreement.partiesHelp")}
        required
        {...form.getInputProps("parties")}
      />
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function PoliticalDecisionForm({ c }: FormProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: {
      decidedOn: today as string | null,
      body: t("joining.forms.political.defaultBody"),
      signatoryName: "",
      signedOn: today as string | null,
      note: "",
    },
    validate: { decidedOn: v.date, body: v.required, signatoryName: v.required, signedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completePoliticalDecision"
      form={form}
      bare
      toPayload={(x) => ({
        decidedOn: x.decidedOn,
        body: x.body.trim(),
        signatoryName: x.signatoryName.trim(),
        signedOn: x.signedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.political.help")}
    >
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput label={t("joining.fields.body")} required {...form.getInputProps("body")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <DateField label={t("joining.fields.decidedOn")} required {...form.getInputProps("decidedOn")} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t("joining.fields.signatoryName")}
            required
            {...form.getInputProps("signatoryName")}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
        </Grid.Col>
      </Grid>
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function NoProviderAgreementForm({ c }: FormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { cooperatesWith: "", signedOn: todayIso() as string | null, note: "" },
    validate: { cooperatesWith: v.required, signedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeNoProviderAgreement"
      form={form}
      bare
      toPayload={(x) => ({
        cooperatesWith: x.cooperatesWith.trim(),
        signedOn: x.signedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.noProvider.help")}
    >
      <TextInput
        label={t("joining.fields.cooperatesWith")}
        required
        {...form.getInputProps("cooperatesWith")}
      />
      <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
      <Textarea label={t("joining.fields.note")} autosize minRows={1} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function StartCertificationForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const needsChoice = cond.partyKind === "municipality";
  const providers = region.providers.filter(
    (p) => p.status === "active" && (p.municipalityCode === cond.partyId || !needsChoice),
  );
  const form = useForm({
    initialValues: { providerId: (needsChoice ? (providers[0]?.id ?? null) : null) as string | null },
    validate: { providerId: (value) => (needsChoice ? v.required(value) : null) },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="startCertification"
      form={form}
      bare
      toPayload={(x) => (needsChoice ? { providerId: x.providerId } : {})}
      description={t("joining.forms.certification.help", { party: cond.partyName })}
    >
      {needsChoice ? (
        <Select
          label={t("joining.fields.providerId")}
          required
          data={providers.map((p) => ({ value: p.id, label: p.name }))}
          {...form.getInputProps("providerId")}
        />
      ) : null}
    </ActionForm>
  );
}

export function QualityPlanForm({ c }: FormProps) {
  const { t } = useTranslation();
  const criteria = c.criteriaSet?.criteria ?? [];
  const form = useForm({
    initialValues: {
      regionalPlan: "",
      localPlan: "",
      perCriterion: criteria.map((cr) => ({ criterionNumber: cr.number, text: "" })),
    },
    validate: { regionalPlan: v.required, localPlan: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeQualityPlan"
      form={form}
      bare
      toPayload={(x) => ({
        regionalPlan: x.regionalPlan.trim(),
        localPlan: x.localPlan.trim(),
        perCriterion: x.perCriterion
          .filter((p) => p.text.trim())
          .map((p) => ({ criterionNumber: p.criterionNumber, text: p.text.trim() })),
      })}
      description={t("joining.forms.quality.help")}
    >
      <Textarea
        label={t("joining.fields.regionalPlan")}
        autosize
        minRows={2}
        required
        {...form.getInputProps("regionalPlan")}
      />
      <Textarea
        label={t("joining.fields.localPlan")}
        autosize
        minRows={2}
        required
        {...form.getInputProps("localPlan")}
      />
      {criteria.length ? (
        <Fieldset legend={t("joining.forms.quality.perCriterion")} radius="md">
          <Stack gap="xs">
            {criteria.map((cr, i) => (
              <Textarea
                key={cr.id}
                label={`${cr.number}. ${cr.title}`}
                autosize
                minRows={1}
                {...form.getInputProps(`perCriterion.${i}.text`)}
              />
            ))}
          </Stack>
        </Fieldset>
      ) : null}
    </ActionForm>
  );
}

export function CompleteJoiningForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const form = useForm({ initialValues: {} });
  return (
    <ActionForm
      caseDetail={c}
      action="completeJoining"
      form={form}
      toPayload={() => ({})}
      description={t("joining.complete.help", { party: cond.partyName, region: c.region.name })}
      confirm={{
        title: t("joining.complete.confirmTitle"),
        message: t("joining.complete.confirm", { party: cond.partyName, region: c.region.name }),
      }}
    />
  );
}
