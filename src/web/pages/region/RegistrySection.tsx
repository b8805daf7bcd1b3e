import { Card, Group, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EntityMenu, type EntityMenuProps } from "../../components/EntityMenu";
import { StatusBadge } from "../../components/StatusBadge";
import { SectionHeader } from "./SectionHeader";

/**
 * A tab of the region page that lists one kind of thing: its header (with "+ Lägg till …" when `add` is given),
 * then `empty` in grey when there is nothing to list, else `children`. Its dialogs go beside it, so that they are
 * there when the list is empty.
 */
export function RegistrySection({
  title,
  add,
  empty,
  children,
}: {
  title: string;
  add: { label: string; onClick: () => void } | false;
  empty: string | false;
  children: ReactNode;
}) {
  return (
    <>
      <SectionHeader title={title} add={add} />
      {empty ? <Text c="dimmed">{empty}</Text> : children}
    </>
  );
}

/** The kinds of thing whose texts have the four archive/delete confirmations. */
type Kind = "providers" | "companies" | "agreements" | "steeringGroups" | "localColleges";

/** A registry item's menu (edit, archive, restore, delete), its confirmations the texts of `kind`. */
export function ItemMenu({ kind, ...props }: Omit<EntityMenuProps, "confirm"> & { kind: Kind }) {
  const { t } = useTranslation();
  const name = props.name;
  return (
    <EntityMenu
      {...props}
      confirm={{
        archiveTitle: t(`${kind}.confirmArchiveTitle`),
        archive: t(`${kind}.confirmArchive`, { name }),
        deleteTitle: t(`${kind}.confirmDeleteTitle`),
        delete: t(`${kind}.confirmDelete`, { name }),
      }}
    />
  );
}

/**
 * A registry item as a card (an article named by its h3): the heading with its badges and, when not active, its
 * status; `details` below it; `menu` on the right; then `children`.
 */
export function ItemCard({
  headingId,
  title,
  status,
  badges,
  details,
  menu,
  roomy = false,
  children,
}: {
  headingId: string;
  title: string;
  status: "active" | "archived";
  badges?: ReactNode;
  details: ReactNode;
  menu: ReactNode;
  /** A little more room around the heading and its details (the steering groups' cards). */
  roomy?: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb={roomy ? "sm" : "xs"}>
        <Stack gap={roomy ? 4 : 2}>
          <Group gap="xs">
            <Title order={3} size="h4" id={headingId}>
              {title}
            </Title>
            {badges}
            {status !== "active" ? <StatusBadge status={status} /> : null}
          </Group>
          {details}
        </Stack>
        {menu}
      </Group>
      {children}
    </Card>
  );
}
