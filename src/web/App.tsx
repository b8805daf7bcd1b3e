import { MantineProvider, mergeThemeOverrides } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { setUnauthorizedHandler } from "./api";
import { storeMe } from "./auth";
import { queryClient } from "./queryClient";
import { router } from "./router";
import { cssVariablesResolver, theme } from "./theme";

export function App() {
  const { i18n, t } = useTranslation();
  // Close buttons of modals carry a name in the current language (axe: button-name).
  const localTheme = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          Modal: { defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } },
          Drawer: { defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } },
        },
      }),
    [t],
  );

  useEffect(() => {
    // The session ended (401 on any request): forget the user; the layout then shows the login page.
    setUnauthorizedHandler(() => {
      storeMe(queryClient, null);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider
        theme={localTheme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
      >
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
          <Notifications position="bottom-right" limit={4} />
          <RouterProvider router={router} />
        </DatesProvider>
      </MantineProvider>
    </QueryClientProvider>
  );
}
