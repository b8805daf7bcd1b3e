import { Badge, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Company, RegionDetail } from "../../../shared/dto";
import { EntityMenu } from "../../components/EntityMenu";
import { ListTable, right } from "../../components/ListTable";
import { StatusBadge } from "../../components/StatusBadge";
import { deferredModal } from "../../lib/deferred";
import { byName, formatDate } from "../../lib/format";
import { localCollegeName, municipalityName } from "./options";
import { SectionHeader } from "./SectionHeader";

// Dialogs load their code when the page is shown, not with it.
const CompanyFormModal = deferredModal(() => import("./CompanyFormModal").then((m) => m.CompanyFormModal));

export function CompaniesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<{ company: Company | null } | null>(null);
  const companies = [...region.companies].sort(byName);

  return (
    <>
      <SectionHeader
        title={t("region.tabs.companies")}
        add={
          region.actions.includes("addCompany") && {
            label: t("companies.add"),
            onClick: () => setForm({ company: null }),
          }
        }
      />
      {companies.length === 0 ? (
        <Text c="dimmed">{t("companies.empty")}</Text>
      ) : (
        <ListTable
          minWidth={720}
          columns={[
            t("common.name"),
            t("companies.orgNumber"),
            t("companies.municipality"),
            t("companies.localCollege"),
            t("companies.letterOfIntentOn"),
            t("common.status"),
            right(t("common.actions")),
          ]}
        >
          {companies.map((company) => (
            <Table.Tr key={company.id}>
              <Table.Th scope="row" fw={500}>
                {company.name}
              </Table.Th>
              <Table.Td>{company.orgNumber ?? t("common.none")}</Table.Td>
              <Table.Td>{municipalityName(region, company.municipalityCode) ?? t("common.none")}</Table.Td>
              <Table.Td>{localCollegeName(region, company.localCollegeId) ?? t("common.none")}</Table.Td>
              <Table.Td>
                {company.letterOfIntentOn ? (
                  formatDate(company.letterOfIntentOn)
                ) : (
                  <Badge color="orange">{t("companies.noLetter")}</Badge>
                )}
              </Table.Td>
              <Table.Td>
                <StatusBadge status={company.status} />
              </Table.Td>
              <Table.Td>
                <EntityMenu
                  entity={company}
                  path={`/api/companies/${company.id}`}
                  name={company.name}
                  onEdit={() => setForm({ company })}
                  confirm={{
                    archiveTitle: t("companies.confirmArchiveTitle"),
                    archive: t("companies.confirmArchive", { name: company.name }),
                    deleteTitle: t("companies.confirmDeleteTitle"),
                    delete: t("companies.confirmDelete", { name: company.name }),
                  }}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <CompanyFormModal
        region={region}
        company={form?.company ?? null}
        opened={form !== null}
        onClose={() => setForm(null)}
      />
    </>
  );
}
