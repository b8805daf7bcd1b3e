import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

type Status = "active" | "archived" | "disabled" | "draft" | "retired";

const COLORS: Record<Status, string> = {
  active: "green",
  archived: "gray",
  disabled: "red",
  draft: "yellow",
  retired: "gray",
};

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return <Badge color={COLORS[status]}>{t(`status.${status}`)}</Badge>;
}
