import { Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

let firstPage = true;

/**
 * The page's h1. Sets the document title and, after in-app navigation, moves focus to the heading so
 * screen-reader and keyboard users start at the new page's content.
 */
export function PageTitle({ children, documentTitle }: { children: string; documentTitle?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const title = documentTitle ?? children;

  useEffect(() => {
    document.title = `${title} – ${t("app.name")}`;
  }, [title, t]);

  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, []);

  return (
    <Title order={1} ref={ref} tabIndex={-1} style={{ outlineOffset: 4 }}>
      {children}
    </Title>
  );
}
