import { Anchor, Badge, Button, Group, Modal, Select, Stack, Table, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { BoardMeeting } from "../../../shared/dto";
import { post } from "../../api";
import { notifySuccess } from "../../components/feedback";
import { ListPageHeader } from "../../components/ListPageHeader";
import { ListTable } from "../../components/ListTable";
import { QueryError } from "../../components/QueryError";
import { SectionCard } from "../../components/SectionCard";
import { TableSkeleton } from "../../components/TableSkeleton";
import { problemsOf } from "../../lib/apiErrors";
import { addMonths, todayIso } from "../../lib/dates";
import { formatDate } from "../../lib/format";
import { queryKeys, useMeetings } from "../../queries";
import { DateField, v } from "../case/forms/fields";
import { ActionProblemsPlain } from "../cases/ActionProblemsPlain";

export function MeetingStatusBadge({ meeting }: { meeting: BoardMeeting }) {
  const { t } = useTranslation();
  return (
    <Badge color={meeting.status === "planned" ? "petrol" : meeting.status === "held" ? "green" : "gray"}>
      {t(`meetings.statuses.${meeting.status}`)}
    </Badge>
  );
}

function MeetingTable({ meetings, label }: { meetings: BoardMeeting[]; label: string }) {
  const { t } = useTranslation();
  return (
    <ListTable
      minWidth={600}
      striped
      aria-label={label}
      columns={[
        t("meetings.date"),
        t("meetings.titleLabel"),
        t("meetings.kind"),
        t("meetings.location"),
        t("meetings.status"),
      ]}
      empty={meetings.length === 0 && t("meetings.empty")}
    >
      {meetings.map((m) => (
        <Table.Tr key={m.id}>
          <Table.Th scope="row">
            <Anchor component={Link} to={`/meetings/${m.id}`} fw={600}>
              {formatDate(m.date)}
            </Anchor>
          </Table.Th>
          <Table.Td>{m.title}</Table.Td>
          <Table.Td>{t(`meetings.kinds.${m.kind}`)}</Table.Td>
          <Table.Td>{m.location || "—"}</Table.Td>
          <Table.Td>
            <MeetingStatusBadge meeting={m} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

/** A card of meetings under its heading: `skeletonRows` rows of skeleton while they load (`meetings` null). */
function MeetingSection({
  id,
  title,
  meetings,
  skeletonRows,
}: {
  id: string;
  title: string;
  meetings: BoardMeeting[] | null;
  skeletonRows: number;
}) {
  return (
    <SectionCard id={id} title={title} flush>
      {meetings ? <MeetingTable meetings={meetings} label={title} /> : <TableSkeleton rows={skeletonRows} />}
    </SectionCard>
  );
}

/** Board meetings: upcoming (soonest first) and earlier ones; the secretariat creates them. */
export function MeetingsPage() {
  const { t } = useTranslation();
  const meetings = useMeetings();
  const [creating, create] = useDisclosure(false);
  const today = todayIso();
  const items = meetings.data?.items ?? [];
  const upcoming = items.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date));
  const earlier = items.filter((m) => m.date < today).sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Stack gap="lg">
      <ListPageHeader
        title={t("meetings.title")}
        summary={t("meetings.intro")}
        add={
          meetings.data?.actions.includes("create") === true && {
            label: t("meetings.new"),
            onClick: create.open,
          }
        }
      />
      {meetings.isError ? (
        <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />
      ) : null}
      <MeetingSection
        id="meetings-upcoming"
        title={t("meetings.upcoming")}
        meetings={meetings.isPending ? null : upcoming}
        skeletonRows={3}
      />
      <MeetingSection
        id="meetings-earlier"
        title={t("meetings.earlier")}
        meetings={meetings.isPending ? null : earlier}
        skeletonRows={2}
      />
      <Modal opened={creating} onClose={create.close} title={t("meetings.newTitle")}>
        {creating ? <MeetingForm onClose={create.close} /> : null}
      </Modal>
    </Stack>
  );
}

function MeetingForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const date = addMonths(todayIso(), 1);
  const form = useForm({
    initialValues: {
      date: date as string | null,
      kind: "ordinary" as "ordinary" | "extra",
      title: t("meetings.defaultTitle"),
      location: "",
    },
    validate: { date: v.date, title: v.required },
  });
  const save = useMutation({
    mutationFn: (x: typeof form.values) =>
      post<BoardMeeting>("/api/board-meetings", {
        date: x.date,
        kind: x.kind,
        title: x.title.trim(),
        location: x.location.trim() || undefined,
      }),
    onSuccess: async (m) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.meetings });
      notifySuccess(t("common.created"));
      onClose();
      navigate(`/meetings/${m.id}`);
    },
    onError: (error) => form.setErrors(problemsOf(error).fields),
  });
  return (
    <form onSubmit={form.onSubmit((x) => save.mutate(x))} noValidate>
      <Stack>
        <DateField label={t("meetings.date")} required data-autofocus {...form.getInputProps("date")} />
        <Select
          label={t("meetings.kind")}
          description={t("meetings.kindHelp")}
          allowDeselect={false}
          data={[
            { value: "ordinary", label: t("meetings.kinds.ordinary") },
            { value: "extra", label: t("meetings.kinds.extra") },
          ]}
          {...form.getInputProps("kind")}
        />
        <TextInput label={t("meetings.titleLabel")} required {...form.getInputProps("title")} />
        <TextInput label={t("meetings.location")} {...form.getInputProps("location")} />
        <ActionProblemsPlain error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
