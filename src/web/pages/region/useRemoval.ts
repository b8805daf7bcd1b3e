import { useState } from "react";
import type { ConfirmModalProps } from "../../components/ConfirmModal";
import { useRegistryMutation } from "../../lib/mutations";

/**
 * Removing something from a region's registry after asking: `ask(item)` opens the confirmation, confirming runs
 * `remove(item)` and closes it once done (a refusal is shown as a notification); `success` is the text shown then
 * ("Sparat" by default). Spread `confirmProps` on a ConfirmModal and give it the texts.
 */
export function useRemoval<T>(remove: (item: T) => Promise<unknown>, success?: string) {
  const [removing, setRemoving] = useState<T | null>(null);
  const mutation = useRegistryMutation(remove, {
    notifyErrors: true,
    success,
    onSuccess: () => setRemoving(null),
  });
  const confirmProps = {
    opened: removing !== null,
    onClose: () => setRemoving(null),
    danger: true,
    loading: mutation.isPending,
    onConfirm: () => {
      if (removing !== null) mutation.mutate(removing);
    },
  } satisfies Partial<ConfirmModalProps>;
  return { removing, ask: setRemoving, confirmProps };
}
