import { Textarea, type TextareaProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** A checklist item's own note: optional, one line at first, growing with what is written. */
export function NoteField(props: TextareaProps) {
  const { t } = useTranslation();
  return <Textarea label={t("joining.fields.note")} autosize minRows={1} {...props} />;
}
