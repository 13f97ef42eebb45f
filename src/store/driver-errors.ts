import { ERROR_CATALOGUE, VtrguardError } from '../core/errors.js';

/** Connection-level failures of the database drivers (node errno codes and PostgreSQL class 08 / 57P0x). */
function isUnreachable(code: string): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'SQLITE_CANTOPEN'].includes(code)
    || /^08\d{3}$/.test(code) || /^57P0\d$/.test(code);
}

/**
 * Another writer held the database past the wait: SQLite's one write lock (a long import in another process)
 * or, on PostgreSQL, a lock or serialization conflict (lock_not_available, serialization_failure, deadlock).
 */
function isBusy(code: string): boolean {
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || ['55P03', '40001', '40P01'].includes(code);
}

/** How long a client should wait before retrying a write the database was too busy for. */
export const BUSY_RETRY_SECONDS = 5;

/**
 * What a driver's error means to a person, when it is one the database itself raised about reaching or
 * sharing it; null for anything else (a bug).
 */
export function fromDriverError(error: unknown): VtrguardError | null {
  if (!(error instanceof Error)) return null;
  const raw = (error as Error & { code?: unknown }).code;
  const code = typeof raw === 'string' ? raw : '';
  if (isUnreachable(code)) return new VtrguardError('DB_UNREACHABLE', ERROR_CATALOGUE.DB_UNREACHABLE.message);
  if (isBusy(code)) {
    const waitedMs = (error as Error & { waitedMs?: unknown }).waitedMs;
    const waited = typeof waitedMs === 'number' && waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s for it to finish)` : '';
    return new VtrguardError(
      'DB_BUSY',
      `The database is busy with another write (an import, or another vtrguard process writing)${waited}; nothing was changed — retry shortly.`,
      { retryAfterSeconds: BUSY_RETRY_SECONDS },
    );
  }
  return null;
}

/**
 * A write another writer or a brief outage got in the way of (DB_BUSY, DB_UNREACHABLE): the same write may pass a
 * moment later. Typed errors count as their code says; a driver's error as `fromDriverError` reads it.
 */
export function isTransientDbError(error: unknown): boolean {
  const typed = error instanceof VtrguardError ? error : fromDriverError(error);
  return typed?.code === 'DB_BUSY' || typed?.code === 'DB_UNREACHABLE';
}
