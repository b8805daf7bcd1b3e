import { Anchor, Button, Card, Grid, Group, Skeleton, Stack, Tabs, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconArchive,
  IconArrowLeft,
  IconBuildingCommunity,
  IconBuildingFactory2,
  IconCertificate,
  IconChartLine,
  IconFileCertificate,
  IconFolders,
  IconMapPin,
  IconPencil,
  IconPlugConnected,
  IconRestore,
  IconSchool,
  IconTrash,
  IconUsersGroup,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { RegionDetail } from "../../../shared/dto";
import { ApiError, del, post } from "../../api";
import { useMe } from "../../auth";
import { ConfirmModal } from "../../components/ConfirmModal";
import { RegionHistoryCsvButton } from "../../components/documents/ExportLinks";
import { notifySuccess } from "../../components/feedback";
import { SwedenMap } from "../../components/map/SwedenMap";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { StatusBadge } from "../../components/StatusBadge";
import { deferredModal } from "../../lib/deferred";
import { useRegistryMutation } from "../../lib/mutations";
import { useRegion, useRegions } from "../../queries";
import { NotFoundPage } from "../NotFoundPage";
import { AgreementsSection } from "./AgreementsSection";
import { CasesSection, CertificationsSection } from "./CasesSection";
import { CompaniesSection } from "./CompaniesSection";
import { FollowUpsSection } from "./FollowUpsSection";
import { LocalCollegesSection } from "./LocalCollegesSection";
import { MunicipalitiesSection } from "./MunicipalitiesSection";
import { ProvidersSection } from "./ProvidersSection";
import { SteeringGroupsSection } from "./SteeringGroupsSection";

// Dialogs load their code when the page is shown, not with it.
const RegionFormModal = deferredModal(() => import("../RegionFormModal").then((m) => m.RegionFormModal));
const StartJoiningModal = deferredModal(() => import("./StartJoiningModal").then((m) => m.StartJoiningModal));

const TABS = [
  "municipalities",
  "localColleges",
  "providers",
  "companies",
  "steeringGroups",
  "agreements",
  "cases",
  "certifications",
  "followUps",
] as const;
type Tab = (typeof TABS)[number];

/** Each tab's section of the region page. */
const SECTIONS: Record<Tab, React.ComponentType<{ region: RegionDetail }>> = {
  municipalities: MunicipalitiesSection,
  localColleges: LocalCollegesSection,
  providers: ProvidersSection,
  companies: CompaniesSection,
  steeringGroups: SteeringGroupsSection,
  agreements: AgreementsSection,
  cases: CasesSection,
  certifications: CertificationsSection,
  followUps: FollowUpsSection,
};

export function RegionPage() {
  const { id } = useParams();
  const region = useRegion(id);

  if (region.isPending) {
    return (
      <Stack>
        <Skeleton height={36} width="40%" />
        <Skeleton height={120} />
        <Skeleton height={300} />
      </Stack>
    );
  }
  if (region.isError) {
    if (region.error instanceof ApiError && region.error.isNotFound) return <NotFoundPage />;
    return <QueryError error={region.error} onRetry={() => void region.refetch()} />;
  }
  return <RegionView region={region.data} />;
}

function RegionView({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const regions = useRegions();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [editing, edit] = useDisclosure(false);
  const [joining, join] = useDisclosure(false);
  const me = useMe().data;
  // A joining case is opened by the region's process lead or the secretariat (POST /api/cases, kind joining).
  const mayStartJoining =
    region.status === "active" &&
    (me?.role === "secretariat" || (me?.role === "regionLead" && me.regionId === region.id));
  const [confirming, setConfirming] = useState<"archive" | "delete" | null>(null);
  const can = (action: string) => region.actions.includes(action);

  const tabParam = params.get("tab");
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : "municipalities";
  const focusCodes = useMemo(() => region.municipalities.map((m) => m.code), [region.municipalities]);
  const mapRegions = useMemo(() => regions.data?.items ?? [], [regions.data]);

  const lifecycle = useRegistryMutation(
    (action: "archive" | "restore" | "delete") =>
      action === "delete"
        ? del<unknown>(`/api/regions/${region.id}`)
        : post<RegionDetail>(`/api/regions/${region.id}/${action}`, { expectedVersion: region.version }),
    { notifyErrors: true, success: false },
  );

  function run(action: "archive" | "restore" | "delete") {
    lifecycle.mutate(action, {
      // Close the confirmation either way; an error (e.g. region.in_use) is shown as a notification.
      onSettled: () => setConfirming(null),
      onSuccess: () => {
        if (action === "delete") {
          notifySuccess(t("common.deleted"));
          navigate("/regions", { replace: true });
        } else {
          notifySuccess(t(action === "archive" ? "common.archived" : "common.restored"));
        }
      },
    });
  }

  const tabIcons: Record<Tab, React.ReactNode> = {
    municipalities: <IconMapPin size={16} aria-hidden />,
    localColleges: <IconBuildingCommunity size={16} aria-hidden />,
    providers: <IconSchool size={16} aria-hidden />,
    companies: <IconBuildingFactory2 size={16} aria-hidden />,
    steeringGroups: <IconUsersGroup size={16} aria-hidden />,
    agreements: <IconFileCertificate size={16} aria-hidden />,
    cases: <IconFolders size={16} aria-hidden />,
    certifications: <IconCertificate size={16} aria-hidden />,
    followUps: <IconChartLine size={16} aria-hidden />,
  };
  const counts: Record<Tab, number> = {
    municipalities: region.municipalities.length,
    localColleges: region.localColleges.length,
    providers: region.providers.length,
    companies: region.companies.length,
    steeringGroups: region.steeringGroups.length,
    agreements: region.agreements.length,
    cases: -1,
    certifications: -1,
    followUps: -1,
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/regions" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t("region.backToList")}
        </Group>
      </Anchor>

      <Group justify="space-between" align="flex-start" gap="md">
        <Group gap="sm" align="center">
          <PageTitle>{region.name}</PageTitle>
          <StatusBadge status={region.status} />
        </Group>
        <Group gap="xs">
          <RegionHistoryCsvButton regionId={region.id} />
          {mayStartJoining ? (
            <Button leftSection={<IconPlugConnected size={16} aria-hidden />} onClick={join.open}>
              {t("joining.start.button")}
            </Button>
          ) : null}
          {can("update") ? (
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={edit.open}>
              {t("region.edit")}
            </Button>
          ) : null}
          {can("archive") ? (
            <Button
              variant="default"
              leftSection={<IconArchive size={16} aria-hidden />}
              onClick={() => setConfirming("archive")}
            >
              {t("region.archive")}
            </Button>
          ) : null}
          {can("restore") ? (
            <Button
              variant="default"
              leftSection={<IconRestore size={16} aria-hidden />}
              loading={lifecycle.isPending}
              onClick={() => run("restore")}
            >
              {t("region.restore")}
            </Button>
          ) : null}
          {can("delete") ? (
            <Button
              variant="outline"
              color="red.8"
              leftSection={<IconTrash size={16} aria-hidden />}
              onClick={() => setConfirming("delete")}
            >
              {t("region.delete")}
            </Button>
          ) : null}
        </Group>
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder radius="md">
            <Stack gap="sm">
              <Text
                style={{ whiteSpace: "pre-wrap" }}
                data-testid="region-description"
                c={region.description ? undefined : "dimmed"}
              >
                {region.description || t("region.noDescription")}
              </Text>
              {region.website ? (
                <Text size="sm">
                  {t("region.website")}:{" "}
                  <Anchor href={region.website} target="_blank" rel="noopener noreferrer">
                    {region.website}
                  </Anchor>
                </Text>
              ) : null}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card withBorder radius="md" p="xs">
            {region.municipalities.length > 0 ? (
              <SwedenMap
                regions={mapRegions}
                focusCodes={focusCodes}
                label={t("map.regionAriaLabel", { name: region.name })}
                maxHeight="280px"
              />
            ) : (
              <Text c="dimmed" size="sm" p="md">
                {t("municipalities.empty")}
              </Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>

      <Card withBorder radius="md" p={0}>
        <Tabs
          value={tab}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value && value !== "municipalities") next.set("tab", value);
            else next.delete("tab");
            setParams(next, { replace: true });
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label={t("region.sections")} px="sm" pt="xs">
            {TABS.map((key) => (
              <Tabs.Tab key={key} value={key} leftSection={tabIcons[key]}>
                {t(`region.tabs.${key}`)}
                {counts[key] >= 0 ? ` (${counts[key]})` : ""}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {TABS.map((key) => {
            const Section = SECTIONS[key];
            return (
              <Tabs.Panel key={key} value={key} p="md">
                {/* The follow-ups load their own data: only once their tab is open. */}
                {(key !== "followUps" || tab === key) && <Section region={region} />}
              </Tabs.Panel>
            );
          })}
        </Tabs>
      </Card>

      <RegionFormModal opened={editing} onClose={edit.close} region={region} />
      <StartJoiningModal region={region} opened={joining} onClose={join.close} />
      <ConfirmModal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming === "delete" ? t("region.confirmDeleteTitle") : t("region.confirmArchiveTitle")}
        message={
          confirming === "delete"
            ? t("region.confirmDelete", { name: region.name })
            : t("region.confirmArchive", { name: region.name })
        }
        confirmLabel={confirming === "delete" ? t("common.delete") : t("common.archive")}
        danger={confirming === "delete"}
        loading={lifecycle.isPending}
        onConfirm={() => confirming && run(confirming)}
      />
    </Stack>
  );
}
