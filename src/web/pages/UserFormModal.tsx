import { Input, PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { User } from "../../shared/dto";
import { LANGUAGES, type Language, ROLE_LABELS, ROLES, type Role, SCOPED_ROLES } from "../../shared/roles";
import { patch, post } from "../api";
import { formModal } from "../components/EntityFormModal";
import { ModalForm } from "../components/FormModal";
import { notifySuccess } from "../components/feedback";
import { currentLanguage } from "../i18n";
import { byName } from "../lib/format";
import { email, required, requiredMax } from "../lib/validation";
import { queryKeys, useRegion, useRegions } from "../queries";

const MIN_PASSWORD = 12;

interface Values {
  email: string;
  name: string;
  role: Role;
  regionId: string | null;
  localCollegeId: string | null;
  language: Language;
  status: User["status"];
  password: string;
}

interface UserFormProps {
  onClose: () => void;
  /** Edit this user; without it the form creates one. */
  user: User | null;
}

export const UserFormModal = formModal(UserForm, ({ user }, t) =>
  user ? t("users.editTitle") : t("users.newTitle"),
);

function UserForm({ user, onClose }: UserFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const form = useForm<Values>({
    initialValues: {
      email: user?.email ?? "",
      name: user?.name ?? "",
      role: user?.role ?? "localLead",
      regionId: user?.regionId ?? null,
      localCollegeId: user?.localCollegeId ?? null,
      language: user?.language ?? "sv",
      status: user?.status ?? "active",
      password: "",
    },
    validate: {
      email: (v) => (user ? null : (required(v) ?? email(v))),
      name: requiredMax(200),
      regionId: (v, values) => (SCOPED_ROLES.includes(values.role) ? required(v) : null),
      localCollegeId: (v, values) => (values.role === "localLead" ? required(v) : null),
      password: (v) => {
        if (!v && user) return null;
        if (!v) return t("validation.required");
        return v.length < MIN_PASSWORD ? t("validation.minLength", { count: MIN_PASSWORD }) : null;
      },
    },
  });

  const scoped = SCOPED_ROLES.includes(form.values.role);
  const regions = useRegions();
  const region = useRegion(form.values.role === "localLead" ? form.values.regionId : null);
  const regionOptions = useMemo(
    () => [...(regions.data?.items ?? [])].sort(byName).map((r) => ({ value: r.id, label: r.name })),
    [regions.data],
  );
  const collegeOptions = useMemo(
    () =>
      [...(region.data?.localColleges ?? [])]
        .filter((lc) => lc.status === "active" || lc.id === user?.localCollegeId)
        .sort(byName)
        .map((lc) => ({ value: lc.id, label: lc.name })),
    [region.data, user?.localCollegeId],
  );

  const save = useMutation({
    mutationFn: (values: Values) => {
      const regionId = SCOPED_ROLES.includes(values.role) ? values.regionId : null;
      const localCollegeId = values.role === "localLead" ? values.localCollegeId : null;
      const common = {
        name: values.name.trim(),
        role: values.role,
        regionId,
        localCollegeId,
        language: values.language,
      };
      if (user) {
        return patch<User>(`/api/users/${user.id}`, {
          ...common,
          expectedVersion: user.version,
          status: values.status,
          ...(values.password ? { password: values.password } : {}),
        });
      }
      return post<User>("/api/users", { ...common, email: values.email.trim(), password: values.password });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.users });
      notifySuccess(user ? t("common.saved") : t("common.created"));
      onClose();
    },
  });

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={user !== null}>
      {user ? (
        <Text size="sm">
          <Text span fw={500}>
            {t("users.email")}:
          </Text>{" "}
          {user.email}
        </Text>
      ) : (
        <TextInput
          label={t("users.email")}
          type="email"
          required
          autoComplete="off"
          data-autofocus
          {...form.getInputProps("email")}
        />
      )}
      <TextInput label={t("users.name")} required maxLength={200} {...form.getInputProps("name")} />
      <Select
        label={t("users.role")}
        data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role][language] }))}
        allowDeselect={false}
        {...form.getInputProps("role")}
      />
      {scoped ? (
        <Select
          label={t("users.region")}
          data={regionOptions}
          searchable
          required
          {...form.getInputProps("regionId")}
          onChange={(value) => {
            form.setFieldValue("regionId", value);
            form.setFieldValue("localCollegeId", null);
          }}
        />
      ) : null}
      {form.values.role === "localLead" ? (
        <Select
          label={t("users.localCollege")}
          data={collegeOptions}
          disabled={!form.values.regionId}
          required
          {...form.getInputProps("localCollegeId")}
        />
      ) : null}
      <Select
        label={t("users.language")}
        data={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.${lng}`) }))}
        allowDeselect={false}
        {...form.getInputProps("language")}
      />
      {user ? (
        <Stack gap={4}>
          <Input.Label id="user-status-label">{t("users.status")}</Input.Label>
          <SegmentedControl
            aria-labelledby="user-status-label"
            data={(["active", "disabled"] as const).map((s) => ({
              value: s,
              label: t(`users.statuses.${s}`),
            }))}
            {...form.getInputProps("status")}
          />
        </Stack>
      ) : null}
      <PasswordInput
        label={user ? t("users.newPassword") : t("users.password")}
        description={user ? t("users.newPasswordHint") : t("users.passwordHint")}
        required={!user}
        autoComplete="new-password"
        visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
        {...form.getInputProps("password")}
      />
    </ModalForm>
  );
}
