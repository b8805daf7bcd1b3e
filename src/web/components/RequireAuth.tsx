import { Center, Loader } from "@mantine/core";
import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useMe } from "../auth";
import { setLanguage } from "../i18n";
import { QueryError } from "./QueryError";

/** Shows its children to a logged-in user; anyone else goes to the login page (and comes back after). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const appliedFor = useRef<string | null>(null);

  // The account's language wins once per login; later switches go through the header.
  useEffect(() => {
    if (me.data && appliedFor.current !== me.data.id) {
      appliedFor.current = me.data.id;
      void setLanguage(me.data.language);
    }
  }, [me.data]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t("common.loading")} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    const target = next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  return children;
}
