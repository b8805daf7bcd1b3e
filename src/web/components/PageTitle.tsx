import { Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useNavigationType } from "react-router";

/** How many page headings have been shown since the app was loaded. */
let shown = 0;

/**
 * The page's h1. Sets the document title and, after in-app navigation, moves focus to the heading so
 * screen-reader and keyboard users start at the new page's content. The page the app was loaded with keeps the
 * browser's focus, also when it sends the user on at once (a start page). A page reached by a link always takes
 * it, also when the user followed the link before the first page was taken over from the server's HTML (its
 * heading then never mounts).
 */
export function PageTitle({ children, documentTitle }: { children: string; documentTitle?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const title = documentTitle ?? children;
  const navigation = useNavigationType();
  // This heading's place among those shown (kept through StrictMode's second run of the effect in development).
  const place = useRef(0);

  useEffect(() => {
    document.title = `${title} – ${t("app.name")}`;
  }, [title, t]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: on the page's mount, by how it was reached
  useEffect(() => {
    if (place.current === 0) {
      shown += 1;
      place.current = shown;
    }
    if (navigation === "PUSH" || place.current > 1) ref.current?.focus({ preventScroll: false });
  }, []);

  return (
    <Title order={1} ref={ref} tabIndex={-1} style={{ outlineOffset: 4 }}>
      {children}
    </Title>
  );
}
