import { useSearchParams } from "react-router";

/**
 * A list page's filters kept in the address (so a filtered list can be shared): the parameters, the page asked
 * for (1 when none or nonsense) and `update`, which sets the given parameters (`null` or "" removes one), goes
 * back to the first page unless the change is the page, and replaces the history entry rather than adding one.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "") next.delete(k);
      else next.set(k, v);
    }
    if (!("page" in changes)) next.delete("page");
    setParams(next, { replace: true });
  }

  return { params, page, update };
}
