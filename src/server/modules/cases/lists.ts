/** "|a|b|": a list stored in one text column, which queries match with LIKE '%|a|%' (empty list: ""). */
export function listOf(items: readonly string[]): string {
  return items.length ? `|${items.join("|")}|` : "";
}

/** The items of a list stored by listOf. */
export function itemsOf(stored: string): string[] {
  return stored.split("|").filter(Boolean);
}
