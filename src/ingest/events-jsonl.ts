import { isTrackingStatus } from '../core/domain.js';
import type { TrackingEventRecord } from '../core/domain.js';
import { nonexistentDate, parseInstant } from '../core/time.js';
import { normalizeTrackingNumber, resolveCarrierKey } from '../validate/assess.js';
import { reject } from './row-problem.js';
import { MAX_ID_CHARS, MAX_TEXT_CHARS, textProblem } from '../core/limits.js';

function text(record: Record<string, unknown>, line: number, field: string, isRequired: boolean): string | null {
  const value = record[field];
  if (value === undefined || value === null || value === '') {
    if (isRequired) reject(line, field, `${field} is required`);
    return null;
  }
  if (typeof value !== 'string' && typeof value !== 'number') reject(line, field, `${field} must be a string`);
  const result = String(value);
  const problem = textProblem(result, FREE_TEXT.has(field) ? MAX_TEXT_CHARS : MAX_ID_CHARS);
  if (problem) reject(line, field, `${field} ${problem}`);
  return result;
}

/** The fields that are free text; every other one is an identifier or a code. */
const FREE_TEXT = new Set(['description', 'location']);

/** The identity of an event: the source's id when it has one, else its defining fields (formats.md). */
export function eventKeyOf(e: Pick<TrackingEventRecord, 'carrierKey' | 'carrierRaw' | 'trackingNumber' | 'occurredAt' | 'status' | 'code' | 'source'>, eventId: string | null): string {
  if (eventId !== null) return `${e.source}:${eventId}`;
  return `${e.carrierKey ?? e.carrierRaw.toLowerCase()}|${e.trackingNumber}|${e.occurredAt}|${e.status}|${e.code ?? ''}`;
}

/** One line of vtrguard's tracking events JSONL (reference formats.md). */
export function mapEventLine(lineText: string, line: number): TrackingEventRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(lineText);
  } catch (error) {
    reject(line, '(json)', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) reject(line, '(json)', 'each line must be a JSON object');
  const record = parsed as Record<string, unknown>;
  const carrierRaw = text(record, line, 'carrier', true)!;
  const trackingNumber = normalizeTrackingNumber(text(record, line, 'tracking_number', true)!);
  const occurredText = text(record, line, 'occurred_at', true)!;
  const occurred = parseInstant(occurredText);
  if (!occurred) reject(line, 'occurred_at', nonexistentDate(occurredText) ?? `"${occurredText}" is not an ISO 8601 instant with an offset`);
  const status = text(record, line, 'status', true)!;
  if (!isTrackingStatus(status)) reject(line, 'status', `"${status}" is not a normalised status (pre_transit, in_transit, delivered, …)`);
  const event = {
    carrierKey: resolveCarrierKey(carrierRaw),
    carrierRaw,
    trackingNumber,
    occurredAt: occurred.ms,
    offsetMinutes: occurred.offsetMinutes,
    status,
    code: text(record, line, 'code', false),
    description: text(record, line, 'description', false),
    location: text(record, line, 'location', false),
    source: text(record, line, 'source', false) ?? 'import',
  };
  return { ...event, eventKey: eventKeyOf(event, text(record, line, 'event_id', false)) };
}
