import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CaseDetail } from "../../shared/dto";
import { post } from "../api";
import { queryKeys } from "../queries";

export interface ActionVars {
  action: string;
  payload: unknown;
  /** The case version the change is based on (default: the case as shown). */
  version?: number;
}

/**
 * Takes one action on a case (`POST /api/cases/:id/actions/:action` with the version shown): the answer
 * replaces the case in the cache; lists, tasks, the log, meetings and the dashboard are reloaded.
 */
export function useCaseAction(c: Pick<CaseDetail, "id" | "version" | "region">) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, payload, version }: ActionVars) =>
      post<CaseDetail>(`/api/cases/${encodeURIComponent(c.id)}/actions/${action}`, {
        expectedVersion: version ?? c.version,
        payload,
      }),
    onSuccess: async (next) => {
      queryClient.setQueryData(queryKeys.case(next.id), next);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.caseLog(next.id) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.tasks }),
        queryClient.invalidateQueries({ queryKey: ["cases", "list"] }),
        queryClient.invalidateQueries({ queryKey: queryKeys.meetings }),
        queryClient.invalidateQueries({ queryKey: queryKeys.dashboard }),
        queryClient.invalidateQueries({ queryKey: queryKeys.certifications }),
        queryClient.invalidateQueries({ queryKey: queryKeys.regions }),
        queryClient.invalidateQueries({ queryKey: queryKeys.municipalities }),
        next.linkedCaseId
          ? queryClient.invalidateQueries({ queryKey: queryKeys.case(next.linkedCaseId) })
          : Promise.resolve(),
      ]);
    },
  });
}

/** Reloads a case and its log (after a conflict: someone else changed it). */
export function useReloadCase(id: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.case(id) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.caseLog(id) }),
    ]);
}
