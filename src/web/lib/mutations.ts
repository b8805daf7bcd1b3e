import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "../components/feedback";
import { queryKeys } from "../queries";

export interface SaveOptions<TResult> {
  /** Success notification text; "Sparat" by default, `false` for none. */
  success?: string | false;
  /** Show errors as notifications (true) or leave them to an inline alert via `mutation.error` (false). */
  notifyErrors?: boolean;
  onSuccess?: (result: TResult) => void;
}

/**
 * A change to the registry: on success the region list, region pages and municipalities are reloaded
 * (they all show counts and names of each other) and "Sparat" is shown.
 */
export function useRegistryMutation<TVars, TResult>(
  mutationFn: (vars: TVars) => Promise<TResult>,
  options: SaveOptions<TResult> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.regions }),
        queryClient.invalidateQueries({ queryKey: queryKeys.municipalities }),
      ]);
      if (options.success !== false) notifySuccess(options.success);
      options.onSuccess?.(result);
    },
    onError: (error) => {
      if (options.notifyErrors) notifyError(error);
    },
  });
}
