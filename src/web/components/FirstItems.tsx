import { Button, Group } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

/** How many rows a dashboard list shows before "Visa N till": the first load renders short lists. */
export const FIRST_ITEMS = 10;

/**
 * The first `shown` items of a list, with a button that shows the rest ("Visa 15 till") and the first ones again
 * ("Visa färre"). Long lists below the fold made the first render, and with it the first paint, slow.
 */
export function FirstItems<T>({
  items,
  shown = FIRST_ITEMS,
  children,
}: {
  items: readonly T[];
  shown?: number;
  children: (visible: readonly T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const hidden = items.length - shown;
  return (
    <>
      {children(all || hidden <= 0 ? items : items.slice(0, shown))}
      {hidden > 0 ? (
        <Group justify="center" mt="xs">
          <Button variant="subtle" size="xs" aria-expanded={all} onClick={() => setAll((x) => !x)}>
            {all ? t("common.showFewer") : t("common.showMore", { count: hidden })}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
