import { Anchor, Card, Skeleton, Stack, Text } from "@mantine/core";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import type { CaseDetail } from "../../../shared/dto";
import { ApiError } from "../../api";
import { QueryError } from "../../components/QueryError";
import { deferred } from "../../lib/deferred";
import { formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { useCase, useCaseLog } from "../../queries";
import { NotFoundPage } from "../NotFoundPage";
import { ActionPanel } from "./ActionPanel";
import { CaseLayout } from "./CaseLayout";
import { type CaseLog, DocumentsAndLog } from "./CaseLog";
import { JoiningView } from "./joining/JoiningView";
import { Facts, linkedCaseLink, RecordView } from "./RecordView";
import { StepTimeline } from "./StepTimeline";

/**
 * The follow-up's view is a chunk of its own, loaded when such a case opens: most case pages are of the other
 * two processes, and the page's first load stays within its budget (test/e2e/first-load).
 */
const FollowUpView = lazy(() =>
  import("./follow-up/FollowUpView").then((m) => ({ default: m.FollowUpView })),
);
/** A recertification's follow-up history: below the fold, a chunk of its own (it fetches its own data). */
const FollowUpHistoryCard = deferred(
  () => import("./follow-up/FollowUpHistoryCard").then((m) => m.FollowUpHistoryCard),
  () => null,
);

function CaseSkeleton() {
  return (
    <Stack>
      <Skeleton height={36} width="40%" />
      <Skeleton height={80} />
      <Skeleton height={400} />
    </Stack>
  );
}

export function CasePage() {
  const { id } = useParams();
  const c = useCase(id);
  const log = useCaseLog(id);
  if (c.isPending) return <CaseSkeleton />;
  if (c.isError) {
    if (c.error instanceof ApiError && c.error.isNotFound) return <NotFoundPage />;
    return <QueryError error={c.error} onRetry={() => void c.refetch()} />;
  }
  if (c.data.process === "certification") return <CertificationView c={c.data} log={log.data} />;
  if (c.data.process === "joining") return <JoiningView c={c.data} log={log.data} />;
  return (
    <Suspense fallback={<CaseSkeleton />}>
      <FollowUpView c={c.data} log={log.data} />
    </Suspense>
  );
}

function AboutCase({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="about-case">
      <Text component="h2" id="about-case" fw={650} size="lg" mb="xs">
        {t("casePage.about")}
      </Text>
      <Facts
        items={[
          [t("casePage.kind"), lbl(c.kindLabel)],
          [t("casePage.localCollege"), c.localCollege?.name],
          [t("casePage.provider"), c.provider?.name],
          [t("casePage.programme"), c.programme?.name],
          [t("casePage.specialisation"), c.specialisation?.name],
          [
            t("casePage.criteriaSet"),
            c.criteriaSet ? `${c.criteriaSet.name} (v${c.criteriaSet.version})` : null,
          ],
          [t("casePage.reviewers"), c.reviewers.map((r) => r.name).join(", ")],
          [
            t("casePage.boardMeeting"),
            c.boardMeeting ? (
              <Anchor key="meeting" component={Link} to={`/meetings/${c.boardMeeting.id}`} size="sm">
                {`${c.boardMeeting.title} (${formatDate(c.boardMeeting.date)})`}
              </Anchor>
            ) : null,
          ],
          [t("casePage.linkedCase"), linkedCaseLink(c)],
          [t("casePage.opened"), formatDate(c.createdAt.slice(0, 10))],
        ]}
      />
    </Card>
  );
}

function CertificationView({ c, log }: { c: CaseDetail; log: Parameters<typeof CaseLog>[0]["events"] }) {
  return (
    <CaseLayout
      c={c}
      side={
        <Stack gap="lg">
          <Card withBorder radius="md">
            <StepTimeline c={c} log={log} />
          </Card>
          <AboutCase c={c} />
        </Stack>
      }
      below={c.kind === "recertification" ? <FollowUpHistoryCard caseId={c.id} /> : null}
    >
      <ActionPanel c={c} />
      <Card withBorder radius="md">
        <RecordView c={c} />
      </Card>
      <DocumentsAndLog caseId={c.id} log={log} />
    </CaseLayout>
  );
}
