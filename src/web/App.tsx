import { MantineProvider, mergeThemeOverrides } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { setUnauthorizedHandler } from "./api";
import { storeMe } from "./auth";
import { cssVariablesResolver, theme } from "./theme";

/**
 * The app around its router (`children`): the browser's (main.tsx) or, for a page the server renders, the
 * server's (entry-server.tsx), each with its own query cache.
 */
export function App({ client, children }: { client: QueryClient; children: ReactNode }) {
  const { t } = useTranslation();
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
      storeMe(client, null);
    });
    return () => setUnauthorizedHandler(null);
  }, [client]);

  return (
    <QueryClientProvider client={client}>
      <MantineProvider
        theme={localTheme}
        cssVariablesResolver={cssVariablesResolver}
        defaultColorScheme="light"
      >
        <Notifications position="bottom-right" limit={4} />
        {children}
      </MantineProvider>
    </QueryClientProvider>
  );
}
