import {
  Anchor,
  Box,
  Button,
  Code,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import type { Me } from "../../shared/dto";
import { ROLE_LABELS, type Role } from "../../shared/roles";
import { post } from "../api";
import { storeMe, useMe } from "../auth";
import { ErrorAlert } from "../components/ErrorAlert";
import { PageTitle } from "../components/PageTitle";
import { PublicHeader } from "../components/PublicHeader";
import { currentLanguage, setLanguage } from "../i18n";

const DEMO_PASSWORD = "spelplan-demo";
const DEMO_ACCOUNTS: { email: string; role: Role; note?: string }[] = [
  { email: "kansli@demo.spelplan.se", role: "secretariat" },
  { email: "granskare1@demo.spelplan.se", role: "reviewer", note: "1" },
  { email: "granskare2@demo.spelplan.se", role: "reviewer", note: "2" },
  { email: "styrelse@demo.spelplan.se", role: "board" },
  { email: "region@demo.spelplan.se", role: "regionLead", note: "1" },
  { email: "region2@demo.spelplan.se", role: "regionLead", note: "2" },
  { email: "lokal@demo.spelplan.se", role: "localLead" },
  { email: "admin@demo.spelplan.se", role: "admin" },
];

/** Only local paths, so a crafted link cannot send the user elsewhere after login. */
function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (v) => (v.trim() ? null : t("validation.required")),
      password: (v) => (v ? null : t("validation.required")),
    },
  });
  const [submitting, setSubmitting] = useState(false);

  if (me.data) return <Navigate to={safeNext(params.get("next"))} replace />;

  async function submit(values: { email: string; password: string }) {
    setSubmitting(true);
    setError(null);
    try {
      const user = await post<Me>("/api/auth/login", {
        email: values.email.trim(),
        password: values.password,
      });
      storeMe(queryClient, user);
      await setLanguage(user.language);
      navigate(safeNext(params.get("next")), { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : t("errors.unexpected"));
    } finally {
      setSubmitting(false);
    }
  }

  const language = currentLanguage();

  return (
    <Box mih="100vh" bg="gray.0">
      <PublicHeader />
      <Container size={460} py={48} component="main" id="main">
        <Stack gap="lg">
          <Paper withBorder shadow="xs" p="xl" radius="md">
            <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
              <Stack>
                <PageTitle>{t("login.title")}</PageTitle>
                <Text c="dimmed" size="sm">
                  {t("login.intro")}
                </Text>
                {error ? <ErrorAlert title={t("login.failed")}>{error}</ErrorAlert> : null}
                <TextInput
                  label={t("login.email")}
                  type="email"
                  autoComplete="username"
                  required
                  {...form.getInputProps("email")}
                />
                <PasswordInput
                  label={t("login.password")}
                  autoComplete="current-password"
                  visibilityToggleButtonProps={{ "aria-label": t("login.showPassword") }}
                  required
                  {...form.getInputProps("password")}
                />
                <Button type="submit" loading={submitting} fullWidth>
                  {t("login.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/register">
              {t("login.register")}
            </Anchor>
          </Text>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="demo-accounts">
            <Title order={2} size="h4" id="demo-accounts" mb={4}>
              {t("login.demoTitle")}
            </Title>
            <Text size="sm" mb="xs">
              {t("login.demoIntro")} <Code>{DEMO_PASSWORD}</Code>
            </Text>
            <Table verticalSpacing={4} fz="sm" highlightOnHover={false}>
              <Table.Tbody>
                {DEMO_ACCOUNTS.map((account) => (
                  <Table.Tr key={account.email}>
                    <Table.Td>
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        aria-label={t("login.useAccount", { email: account.email })}
                        onClick={() => form.setValues({ email: account.email, password: DEMO_PASSWORD })}
                      >
                        {account.email}
                      </Anchor>
                    </Table.Td>
                    <Table.Td c="dimmed">
                      {ROLE_LABELS[account.role][language]}
                      {account.note ? ` ${account.note}` : ""}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}
