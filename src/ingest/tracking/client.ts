import type { TrackingEventRecord } from '../../core/domain.js';

/**
 * One number's answer. A carrier not knowing a number, or one number failing inside a batch, is an expected
 * outcome (a value); credentials refused or an API down for good are thrown (VtrguardError).
 */
export interface TrackOutcome {
  trackingNumber: string;
  kind: 'found' | 'not_found' | 'error';
  events: TrackingEventRecord[];
  message?: string;
}

/** What the scheduler needs from a carrier's pull API. */
export interface TrackingClient {
  readonly carrierKey: string;
  /** Numbers per call the API accepts (FedEx 30, the others 1). */
  readonly maxBatch: number;
  /** One outcome per requested number, in request order. */
  track(numbers: readonly string[]): Promise<TrackOutcome[]>;
}

/**
 * A stable identity for an event that carries no id of its own: the same scan read twice (by two polls, or a
 * poll and a retry) gets the same key, so the store keeps it once.
 */
export function derivedEventKey(source: string, trackingNumber: string, occurredAt: number, code: string | null): string {
  return `${source}|${trackingNumber}|${occurredAt}|${code ?? ''}`;
}

/** Outcomes in request order; numbers the answer did not mention are reported, not dropped. */
export function inRequestOrder(numbers: readonly string[], found: ReadonlyMap<string, TrackOutcome>): TrackOutcome[] {
  return numbers.map(
    (n) => found.get(n.toUpperCase()) ?? { trackingNumber: n, kind: 'error', events: [], message: 'not in the carrier answer' },
  );
}
