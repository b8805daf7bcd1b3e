import { patch, post } from "../../api";

/**
 * Saves a registry form: `body` as a change of `entity` at `collection/id` (with the version it was based on), or,
 * without an entity, as a new one in `collection` together with `created` (what only a new one is given).
 */
export function saveEntity<T>(
  collection: string,
  entity: { id: string; version: number } | null | undefined,
  body: object,
  created: object,
): Promise<T> {
  return entity
    ? patch<T>(`${collection}/${entity.id}`, { ...body, expectedVersion: entity.version })
    : post<T>(collection, { ...body, ...created });
}
