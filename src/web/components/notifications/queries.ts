import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { Label } from "../../../shared/dto";
import { OUTBOX_STATUSES, type OutboxStatus, type ReminderCancelReason } from "../../../shared/outbox";
import { del, get, post, put } from "../../api";

/**
 * The notifications API (docs/notifications.md): my in-app notifications, e-mail preferences, the outbox
 * ("Utkorg"), reminder settings and my calendar feed.
 */

export interface AppNotification {
  id: string;
  kind: string;
  caseId: string | null;
  title: string;
  body: string;
  /** An in-app path ("/cases/<id>"), or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
  actions: string[];
}

export interface NotificationList {
  items: AppNotification[];
  unread: number;
}

export interface NotificationPreference {
  kind: string;
  label: Label;
  email: boolean;
  locked: boolean;
}

export { OUTBOX_STATUSES, type OutboxStatus };

export interface OutboxRow {
  id: string;
  kind: string;
  to: string;
  userId: string | null;
  language: string;
  template: string;
  subject: string;
  text: string;
  caseId: string | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  reminderOf: { deadline: string; dueDate: string } | null;
  cancelReason: ReminderCancelReason | null;
  cancelledAt: string | null;
}

export interface OutboxPage {
  items: OutboxRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<OutboxStatus, number>;
  smtpConfigured: boolean;
}

export interface ReminderSettings {
  offsets: number[];
  updatedAt: string | null;
  actions: string[];
}

export interface CalendarToken {
  url: string;
  path: string;
  createdAt: string;
}

export const notificationKeys = {
  all: ["notifications"] as const,
  count: ["notifications", "count"] as const,
  list: (unreadOnly: boolean) => ["notifications", "list", unreadOnly] as const,
  preferences: ["notification-preferences"] as const,
  outbox: (qs: string) => ["outbox", qs] as const,
  reminders: ["settings", "reminders"] as const,
};

/** The unread count for the bell: every minute and whenever the window gets focus again. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: notificationKeys.count,
    queryFn: ({ signal }) => get<NotificationList>("/api/notifications?limit=1", signal),
    select: (d) => d.unread,
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

const PAGE = 30;

/** My notifications, newest first, a page at a time ("Visa äldre" asks for those before the last one). */
export function useNotificationList(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    initialPageParam: null as string | null,
    queryFn: ({ signal, pageParam }) => {
      const qs = new URLSearchParams({ limit: String(PAGE) });
      if (unreadOnly) qs.set("unreadOnly", "true");
      if (pageParam) qs.set("before", pageParam);
      return get<NotificationList>(`/api/notifications?${qs}`, signal);
    },
    getNextPageParam: (last) => (last.items.length < PAGE ? null : (last.items.at(-1)?.createdAt ?? null)),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => post<AppNotification>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => post<{ updated: number; unread: number }>("/api/notifications/read-all"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) =>
      get<{ items: NotificationPreference[] }>("/api/notification-preferences", signal),
  });
}

export function useSavePreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: { kind: string; email: boolean }) =>
      put<{ items: NotificationPreference[] }>("/api/notification-preferences", { items: [item] }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
  });
}

export function useOutbox(params: URLSearchParams) {
  const qs = params.toString();
  return useQuery({
    queryKey: notificationKeys.outbox(qs),
    queryFn: ({ signal }) => get<OutboxPage>(`/api/outbox${qs ? `?${qs}` : ""}`, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useReminderSettings() {
  return useQuery({
    queryKey: notificationKeys.reminders,
    queryFn: ({ signal }) => get<ReminderSettings>("/api/settings/reminders", signal),
  });
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (offsets: number[]) => put<ReminderSettings>("/api/settings/reminders", { offsets }),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.reminders, data),
  });
}

export function useCreateCalendarToken() {
  return useMutation({ mutationFn: () => post<CalendarToken>("/api/calendar/token") });
}

export function useRevokeCalendarToken() {
  return useMutation({ mutationFn: () => del("/api/calendar/token") });
}
