import {
  ActionIcon,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  NavLink,
  Stack,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBook2,
  IconFolders,
  IconGavel,
  IconLayoutDashboard,
  IconListCheck,
  IconLogout,
  IconMap2,
  IconSitemap,
  IconUsers,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { ROLE_LABELS } from "../../shared/roles";
import { post } from "../api";
import { canManageUsers, storeMe, useMe } from "../auth";
import { currentLanguage } from "../i18n";
import { useTasks } from "../queries";
import classes from "./AppLayout.module.css";
import { LanguageSwitch } from "./LanguageSwitch";
import { NotificationBell } from "./notifications/NotificationBell";
import { notificationNavItems } from "./notifications/nav";

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  /** Only this exact path marks the item active ("/" would match everything). */
  exact?: boolean;
  badge?: ReactNode;
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const worksCases = me !== undefined && me !== null && me.role !== "admin";
  const tasks = useTasks(1, worksCases);
  const taskCount = tasks.data?.total ?? 0;
  const overdueCount = tasks.data?.overdue ?? 0;
  const capped = tasks.data?.totalCapped === true;

  const items: NavItem[] = [];
  if (worksCases) {
    items.push(
      {
        to: "/",
        exact: true,
        label: t("nav.tasks"),
        icon: <IconListCheck size={18} aria-hidden />,
        badge:
          taskCount > 0 ? (
            <>
              <Badge
                size="sm"
                circle={taskCount < 10}
                color={overdueCount > 0 ? "red" : "petrol"}
                variant="filled"
                aria-hidden
              >
                {taskCount > 999 ? "999+" : taskCount}
              </Badge>
              <VisuallyHidden>
                {capped
                  ? t("nav.taskCountCapped", { count: taskCount, overdue: overdueCount })
                  : t("nav.taskCount", { count: taskCount, overdue: overdueCount })}
              </VisuallyHidden>
            </>
          ) : undefined,
      },
      { to: "/cases", label: t("nav.cases"), icon: <IconFolders size={18} aria-hidden /> },
    );
  }
  if (me?.role === "secretariat" || me?.role === "board" || me?.role === "reviewer")
    items.push({ to: "/meetings", label: t("nav.meetings"), icon: <IconGavel size={18} aria-hidden /> });
  if (me?.role === "secretariat")
    items.push({
      to: "/dashboard",
      label: t("nav.dashboard"),
      icon: <IconLayoutDashboard size={18} aria-hidden />,
    });
  items.push(
    { to: "/regions", label: t("nav.regions"), icon: <IconSitemap size={18} aria-hidden /> },
    { to: "/map", label: t("nav.map"), icon: <IconMap2 size={18} aria-hidden /> },
    { to: "/criteria", label: t("nav.criteria"), icon: <IconBook2 size={18} aria-hidden /> },
  );
  if (canManageUsers(me))
    items.push({ to: "/users", label: t("nav.users"), icon: <IconUsers size={18} aria-hidden /> });
  items.push(...notificationNavItems(me, t));

  async function logout() {
    try {
      await post("/api/auth/logout");
    } finally {
      queryClient.clear();
      storeMe(queryClient, null);
      navigate("/login", { replace: true });
    }
  }

  const roleLabel = me ? ROLE_LABELS[me.role][currentLanguage()] : "";

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 230, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className={classes.skipLink}>
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t("app.toggleNav")}
            />
            <Link to="/" className={classes.brand}>
              {t("app.name")}
            </Link>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t("app.tagline")}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            {me ? (
              <Stack gap={0} align="flex-end" visibleFrom="sm">
                <VisuallyHidden>{t("app.userMenu", { name: me.name, role: roleLabel })}</VisuallyHidden>
                <Text size="sm" fw={600} aria-hidden>
                  {me.name}
                </Text>
                <Text size="xs" c="dimmed" aria-hidden>
                  {roleLabel}
                </Text>
              </Stack>
            ) : null}
            {me ? <NotificationBell /> : null}
            <LanguageSwitch />
            <Button
              variant="subtle"
              size="sm"
              visibleFrom="sm"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={() => void logout()}
            >
              {t("app.logout")}
            </Button>
            <ActionIcon
              variant="subtle"
              size="lg"
              hiddenFrom="sm"
              aria-label={t("app.logout")}
              onClick={() => void logout()}
            >
              <IconLogout size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t("app.mainNav")}>
        {items.map((item) => {
          const active =
            location.pathname === item.to || (!item.exact && location.pathname.startsWith(`${item.to}/`));
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={item.icon}
              rightSection={item.badge}
              active={active}
              aria-current={active ? "page" : undefined}
              onClick={close}
              variant="light"
              fw={500}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
