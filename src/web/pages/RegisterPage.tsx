import { Anchor, Box, Card, Container, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListTable } from "../components/ListTable";
import { PageTitle } from "../components/PageTitle";
import { PublicHeader } from "../components/PublicHeader";
import { QueryError } from "../components/QueryError";
import { formatDate } from "../lib/format";
import { type PublicRegister, usePublicRegister } from "../queries";

type Item = PublicRegister["items"][number];

/** The public register of certified regions, providers, programmes and specialisations (no login). */
export function RegisterPage() {
  const { t } = useTranslation();
  const register = usePublicRegister();
  const regions = useMemo(() => {
    const byRegion = new Map<string, { name: string; items: Item[] }>();
    for (const item of register.data?.items ?? []) {
      const entry = byRegion.get(item.regionId) ?? { name: item.regionName, items: [] };
      entry.items.push(item);
      byRegion.set(item.regionId, entry);
    }
    return [...byRegion.entries()].map(([id, r]) => ({ id, ...r }));
  }, [register.data]);

  return (
    <Box mih="100vh" bg="gray.0">
      <PublicHeader>
        <Anchor component={Link} to="/login" size="sm">
          {t("register.login")}
        </Anchor>
      </PublicHeader>
      <Container size="lg" py="xl" component="main" id="main">
        <Stack gap="lg">
          <Stack gap={4}>
            <PageTitle>{t("register.title")}</PageTitle>
            <Text maw={760}>{t("register.intro")}</Text>
            {register.data ? (
              <Text size="sm" c="dimmed">
                {t("register.asOf", { date: formatDate(register.data.asOf), count: regions.length })}
              </Text>
            ) : null}
          </Stack>
          {register.isError ? (
            <QueryError error={register.error} onRetry={() => void register.refetch()} />
          ) : null}
          {register.isPending ? <Skeleton height={200} /> : null}
          {register.data && regions.length === 0 ? <Text>{t("register.empty")}</Text> : null}
          {regions.map((region) => (
            <Card
              key={region.id}
              withBorder
              radius="md"
              component="section"
              aria-labelledby={`reg-${region.id}`}
            >
              <Title order={2} size="h3" id={`reg-${region.id}`} mb="sm">
                {region.name}
              </Title>
              <ListTable
                minWidth={560}
                aria-labelledby={`reg-${region.id}`}
                striped
                columns={[
                  t("register.what"),
                  t("register.name"),
                  t("register.validFrom"),
                  t("register.validTo"),
                ]}
              >
                {region.items.map((item) => (
                  <Table.Tr key={`${item.subjectKind}-${item.subjectName}-${item.validFrom}`}>
                    <Table.Td>{t(`certifications.kinds.${item.subjectKind}`)}</Table.Td>
                    <Table.Th scope="row" fw={500}>
                      {item.subjectName}
                    </Table.Th>
                    <Table.Td>{formatDate(item.validFrom)}</Table.Td>
                    <Table.Td>{formatDate(item.validTo)}</Table.Td>
                  </Table.Tr>
                ))}
              </ListTable>
            </Card>
          ))}
        </Stack>
      </Container>
    </Box>
  );
}
