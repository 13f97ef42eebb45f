import { createHash } from 'node:crypto';
import type { TrackingEventRecord, TrackingStatus } from '../../core/domain.js';
import { derivedEventKey } from '../tracking/client.js';
import { parseProviderInstant } from '../tracking/instant.js';
import { normalizeTrackingNumber } from '../../validate/assess.js';
import { aggregatorCarrierKey } from './carrier-key.js';

export interface AggregatorEventInput {
  source: string;
  carrierRaw: string | null;
  trackingNumber: string | null;
  time: string | null;
  status: TrackingStatus;
  code: string | null;
  description: string | null;
  location: string | null;
  /** The provider's own id for this event, when it has one. */
  id?: string | null;
}

/**
 * One aggregator event, or null when it lacks a number or a readable time. Aggregators resend the whole history
 * on every update, so the key must come out the same each time: the provider's id, else the event's own fields
 * (with a digest of the text, since two scans can share a minute and a code).
 */
export function aggregatorEvent(input: AggregatorEventInput): TrackingEventRecord | null {
  if (!input.trackingNumber) return null;
  const instant = parseProviderInstant(input.time);
  if (!instant) return null;
  const trackingNumber = normalizeTrackingNumber(input.trackingNumber);
  const textDigest = createHash('sha1').update(input.description ?? '').digest('hex').slice(0, 12);
  return {
    carrierKey: aggregatorCarrierKey(input.carrierRaw),
    carrierRaw: input.carrierRaw ?? input.source,
    trackingNumber,
    occurredAt: instant.ms,
    offsetMinutes: instant.offsetMinutes,
    status: input.status,
    code: input.code,
    description: input.description,
    location: input.location,
    source: input.source,
    eventKey: input.id ? `${input.source}|${input.id}` : derivedEventKey(input.source, trackingNumber, instant.ms, `${input.code ?? ''}#${textDigest}`),
  };
}

export function compact<T>(values: readonly (T | null)[]): T[] {
  return values.filter((v): v is T => v !== null);
}
