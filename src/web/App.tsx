import { MantineProvider, mergeThemeOverrides } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { ApiError, setUnauthorizedHandler } from "./api";
import { storeMe } from "./auth";
import { router } from "./router";
import { cssVariablesResolver, theme } from "./theme";

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Answers of the server (4xx) will not change by asking again; network trouble might.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
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
  }, [queryClient]);

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
