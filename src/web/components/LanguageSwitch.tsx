import { SegmentedControl } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Me } from "../../shared/dto";
import { LANGUAGES } from "../../shared/roles";
import { patch } from "../api";
import { storeMe, useMe } from "../auth";
import { currentLanguage, isLanguage, setLanguage } from "../i18n";
import { notifyError } from "./feedback";

/** Svenska / English. When logged in, the choice is also saved on the account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();

  async function change(value: string) {
    if (!isLanguage(value) || value === currentLanguage()) return;
    await setLanguage(value);
    if (me.data) {
      try {
        storeMe(queryClient, await patch<Me>("/api/auth/me", { language: value }));
      } catch (error) {
        notifyError(error);
      }
    }
  }

  return (
    <SegmentedControl
      size="xs"
      aria-label={t("app.language")}
      value={currentLanguage()}
      onChange={(value) => void change(value)}
      data={LANGUAGES.map((lng) => ({ value: lng, label: t(`languages.${lng}`) }))}
    />
  );
}
