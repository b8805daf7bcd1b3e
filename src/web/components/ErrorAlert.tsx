import { Alert } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";

/**
 * The red alert with the warning sign that a failed load, save or action shows, read out at once
 * (`role="alert"`): `title` over `children`.
 */
export function ErrorAlert({
  title,
  children,
  "data-testid": testId,
}: {
  title: ReactNode;
  children: ReactNode;
  "data-testid"?: string;
}) {
  return (
    <Alert
      color="red"
      title={title}
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      data-testid={testId}
    >
      {children}
    </Alert>
  );
}
