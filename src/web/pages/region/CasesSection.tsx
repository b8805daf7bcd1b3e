import { Anchor, Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CaseDetail, RegionDetail } from "../../../shared/dto";
import { post } from "../../api";
import { DueBadge } from "../../components/DeadlineText";
import { notifyError, notifySuccess } from "../../components/feedback";
import { CaseNumberCell, ListTable } from "../../components/ListTable";
import { QueryError } from "../../components/QueryError";
import { TableSkeleton } from "../../components/TableSkeleton";
import { formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { queryKeys, useCaseList, useCertifications } from "../../queries";
import { SectionHeader } from "./SectionHeader";

/** The region's cases (both processes, open and closed), newest change first. */
export function CasesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const cases = useCaseList(new URLSearchParams({ regionId: region.id, pageSize: "100" }));
  return (
    <>
      <SectionHeader title={t("region.tabs.cases")} />
      {cases.isError ? <QueryError error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {cases.isPending ? (
        <TableSkeleton rows={3} />
      ) : (
        <ListTable
          minWidth={640}
          aria-label={t("region.tabs.cases")}
          columns={[
            t("cases.columns.number"),
            t("cases.columns.title"),
            t("cases.columns.step"),
            t("cases.columns.due"),
          ]}
          empty={cases.data?.items.length === 0 && t("cases.empty")}
        >
          {cases.data?.items.map((c) => (
            <Table.Tr key={c.id}>
              <CaseNumberCell id={c.id} number={c.registrationNumber} size="sm" />
              <Table.Td>
                <Text size="sm">{c.title}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={c.stepNumber ? "petrol" : "gray"} tt="none">
                  {c.stepNumber ? `${c.stepNumber}. ` : ""}
                  {lbl(c.stateLabel)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {c.nextDeadline ? <DueBadge dueDate={c.nextDeadline.dueDate} /> : <Text size="sm">—</Text>}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </>
  );
}

/** The region's certifications with their validity; "Starta omcertifiering" where allowed. */
export function CertificationsSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const certifications = useCertifications(region.id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const recertify = useMutation({
    mutationFn: (id: string) => post<CaseDetail>(`/api/certifications/${id}/recertify`),
    onSuccess: async (c) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.certifications });
      await queryClient.invalidateQueries({ queryKey: queryKeys.cases });
      notifySuccess(t("dashboard.recertifyStarted", { number: c.registrationNumber }));
      navigate(`/cases/${c.id}`);
    },
    onError: notifyError,
  });
  return (
    <>
      <SectionHeader title={t("region.tabs.certifications")} />
      {certifications.isError ? (
        <QueryError error={certifications.error} onRetry={() => void certifications.refetch()} />
      ) : null}
      <ListTable
        minWidth={640}
        aria-label={t("region.tabs.certifications")}
        columns={[
          t("certifications.subject"),
          t("certifications.kind"),
          t("certifications.valid"),
          t("certifications.status"),
          <VisuallyHidden key="actions">{t("common.actions")}</VisuallyHidden>,
        ]}
        empty={certifications.data?.length === 0 && t("certifications.empty")}
      >
        {certifications.data?.map((c) => (
          <Table.Tr key={c.id}>
            <Table.Th scope="row">
              <Anchor component={Link} to={`/cases/${c.caseId}`} size="sm">
                {c.subjectName}
              </Anchor>
            </Table.Th>
            <Table.Td>
              <Text size="sm">{t(`certifications.kinds.${c.subjectKind}`)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {formatDate(c.validFrom)} – {formatDate(c.validTo)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={c.status === "certified" ? "green" : "gray"}>
                {t(`certifications.statuses.${c.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group justify="flex-end">
                {c.actions.includes("startRecertification") ? (
                  <Button
                    size="xs"
                    variant="light"
                    loading={recertify.isPending && recertify.variables === c.id}
                    onClick={() => recertify.mutate(c.id)}
                    aria-label={t("dashboard.recertifyFor", { name: c.subjectName })}
                  >
                    {t("dashboard.recertify")}
                  </Button>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </>
  );
}
