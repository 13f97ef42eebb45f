import type { TrackingStatus } from '../../core/domain.js';

/** A carrier API's status codes and what they mean here; same shape as `CarrierDefinition.statusMap`. */
export interface StatusMap {
  codes: Readonly<Record<string, TrackingStatus>>;
  /** What an unlisted code means. Explicit per carrier: new codes appear without notice. */
  fallback: TrackingStatus;
}

/** The first of `keys` the table knows, else the fallback. Keys go most specific first (e.g. `D:FS`, then `D`). */
export function mapStatus(map: StatusMap, ...keys: readonly (string | null | undefined)[]): TrackingStatus {
  for (const key of keys) {
    if (key === null || key === undefined || key === '') continue;
    const status = map.codes[key];
    if (status !== undefined) return status;
  }
  return map.fallback;
}
