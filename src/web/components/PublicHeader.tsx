import { Box, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import classes from "./AppLayout.module.css";
import { LanguageSwitch } from "./LanguageSwitch";

/** The header of the pages shown without a login (login, public register): the name, `children`, the language. */
export function PublicHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box
      component="header"
      px="md"
      py="sm"
      bg="white"
      style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
    >
      <Group justify="space-between">
        <Text className={classes.brand} component="span">
          {t("app.name")}
        </Text>
        <Group gap="md">
          {children}
          <LanguageSwitch />
        </Group>
      </Group>
    </Box>
  );
}
