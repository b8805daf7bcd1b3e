import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CaseDetail } from "../../../shared/dto";
import { useMe } from "../../auth";
import { DeadlineText } from "../../components/DeadlineText";
import { VisitIcsLink } from "../../components/notifications/CalendarLinks";
import { PageTitle } from "../../components/PageTitle";
import { lbl, rolesText } from "../../lib/labels";

/** Number, kind, region, current step and next deadline. */
export function CaseHeader({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const back =
    me?.role === "secretariat"
      ? { to: "/cases", label: t("casePage.backToCases") }
      : { to: "/", label: t("casePage.backToTasks") };
  const final = c.stepNumber === null;
  return (
    <Stack gap="xs">
      <Anchor component={Link} to={back.to} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {back.label}
        </Group>
      </Anchor>
      <Group gap="sm" align="center">
        <PageTitle documentTitle={`${c.registrationNumber} ${c.title}`}>{c.registrationNumber}</PageTitle>
        <Badge color="petrol" variant="outline">
          {lbl(c.kindLabel)}
        </Badge>
      </Group>
      <Text size="lg" fw={500}>
        {c.title}
      </Text>
      <Group gap="lg" wrap="wrap">
        <Text size="sm">
          {t("casePage.region")}:{" "}
          <Anchor component={Link} to={`/regions/${c.region.id}`} size="sm">
            {c.region.name}
          </Anchor>
        </Text>
        <Text size="sm" data-testid="case-state">
          {c.process === "certification" && !final
            ? t("casePage.currentStep", { number: c.stepNumber, label: lbl(c.stateLabel) })
            : t("casePage.state", { label: lbl(c.stateLabel) })}
        </Text>
        {c.nextDeadline ? <DeadlineText deadline={c.nextDeadline} /> : null}
        <VisitIcsLink c={c} />
        {c.awaiting.length > 0 ? (
          <Text size="sm">{t("casePage.awaiting", { roles: rolesText(c.awaiting, t("common.and")) })}</Text>
        ) : null}
      </Group>
    </Stack>
  );
}
