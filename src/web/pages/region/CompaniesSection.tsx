import { Badge, Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Company, RegionDetail } from "../../../shared/dto";
import { ListTable, right } from "../../components/ListTable";
import { StatusBadge } from "../../components/StatusBadge";
import { useEditing } from "../../components/useEditing";
import { deferredModal } from "../../lib/deferred";
import { byName, formatDate } from "../../lib/format";
import { localCollegeName, municipalityName } from "./options";
import { ItemMenu, RegistrySection } from "./RegistrySection";

// Dialogs load their code when the page is shown, not with it.
const CompanyFormModal = deferredModal(() => import("./CompanyFormModal").then((m) => m.CompanyFormModal));

export function CompaniesSection({ region }: { region: RegionDetail }) {
  const { t } = useTranslation();
  const form = useEditing<Company>();
  const companies = [...region.companies].sort(byName);

  return (
    <>
      <RegistrySection
        title={t("region.tabs.companies")}
        add={region.actions.includes("addCompany") && { label: t("companies.add"), onClick: form.add }}
        empty={companies.length === 0 && t("companies.empty")}
      >
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
                <ItemMenu
                  kind="companies"
                  entity={company}
                  path={`/api/companies/${company.id}`}
                  name={company.name}
                  onEdit={() => form.edit(company)}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </RegistrySection>
      <CompanyFormModal region={region} company={form.item} opened={form.opened} onClose={form.close} />
    </>
  );
}
