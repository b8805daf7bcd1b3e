import { Card, Skeleton, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { FollowUpHistory } from "../../../../shared/dto";
import { get } from "../../../api";
import { FollowUpMatrix, tx } from "../../../components/FollowUpMatrix";

/** A recertification's history: the certification's follow-ups year by year, for the reviewers beside the application. */
export function FollowUpHistoryCard({ caseId }: { caseId: string }) {
  const history = useQuery({
    queryKey: ["cases", caseId, "follow-up-history"],
    queryFn: ({ signal }) =>
      get<FollowUpHistory>(`/api/cases/${encodeURIComponent(caseId)}/follow-up-history`, signal),
  });
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="follow-up-history">
      <Text component="h2" id="follow-up-history" fw={650} size="lg" mb="xs">
        {tx("Uppföljningar under perioden", "Follow-ups of the period")}
      </Text>
      {history.data ? (
        <FollowUpMatrix
          history={history.data}
          caption={tx("Status per kriterium och år", "Status per criterion and year")}
        />
      ) : (
        <Skeleton height={120} />
      )}
    </Card>
  );
}
