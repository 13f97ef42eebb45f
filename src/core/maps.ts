/** The map under `key` in `map`, made empty when there is none yet: one level of a nested index. */
export function childMap<K, CK, V>(map: Map<K, Map<CK, V>>, key: K): Map<CK, V> {
  let child = map.get(key);
  if (child === undefined) map.set(key, (child = new Map()));
  return child;
}
