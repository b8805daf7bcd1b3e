import { useState } from "react";

/**
 * Which thing an add/edit dialog is open for: `add()` opens it for a new one (`item` null), `edit(item)` for that
 * one, `close()` shuts it.
 */
export function useEditing<T>() {
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  return {
    opened: editing !== null,
    item: editing?.item ?? null,
    add: () => setEditing({ item: null }),
    edit: (item: T) => setEditing({ item }),
    close: () => setEditing(null),
  };
}
