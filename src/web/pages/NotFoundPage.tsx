import { Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageTitle } from "../components/PageTitle";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} py="xl" gap="md">
      <Text size="xl" fw={700} c="petrol.7" aria-hidden>
        404
      </Text>
      <PageTitle>{t("notFound.title")}</PageTitle>
      <Text>{t("notFound.text")}</Text>
      <div>
        <Button component={Link} to="/">
          {t("notFound.back")}
        </Button>
      </div>
    </Stack>
  );
}
