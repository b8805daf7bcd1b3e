import { Skeleton, Stack } from "@mantine/core";
import type { ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { deferred } from "../../../lib/deferred";

/** A form while its code loads (also what the server renders): about the height of a short form. */
function FormPlaceholder() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="status" aria-busy="true" aria-label={t("common.loading")}>
      <Skeleton height={14} width="40%" />
      <Skeleton height={36} />
      <Skeleton height={36} width="30%" />
    </Stack>
  );
}

/**
 * An action form whose code is a chunk of its own (`deferred`): for forms that only some cases show, so that the
 * case page's first load does not carry them (the early steps' forms, the joining checklist's).
 */
export function deferredForm<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  return deferred(load, FormPlaceholder);
}
