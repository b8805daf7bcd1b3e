import { Alert, Button, Code, Container, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { ApiError } from "../api";
import { NotFoundPage } from "../pages/NotFoundPage";

/** The error boundary of the routes: a 404 shows the not-found page, anything else a calm crash page. */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();

  useEffect(() => {
    console.error(error);
    document.title = `${t("crash.title")} – ${t("app.name")}`;
  }, [error, t]);

  if (
    (isRouteErrorResponse(error) && error.status === 404) ||
    (error instanceof ApiError && error.isNotFound)
  ) {
    return <NotFoundPage />;
  }
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);

  const content = (
    <Stack>
      <Title order={1}>{t("crash.title")}</Title>
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />}>
        <Text>{t("crash.text")}</Text>
      </Alert>
      <details>
        <summary>{t("crash.details")}</summary>
        <Code block>{detail}</Code>
      </details>
      <div>
        <Button onClick={() => window.location.reload()}>{t("crash.reload")}</Button>
      </div>
    </Stack>
  );
  return standalone ? (
    <Container size="sm" py="xl" component="main">
      {content}
    </Container>
  ) : (
    content
  );
}
