import { VtrguardError } from '../core/errors.js';
import type { ErrorCode, ErrorContext } from '../core/errors.js';
import { fromDriverError } from '../store/driver-errors.js';

/** An error crossing a thread boundary: a VtrguardError's code and context survive it, a bug's message. */
export interface WireError {
  message: string;
  code?: ErrorCode;
  context?: ErrorContext;
}

export function toWire(error: unknown): WireError {
  // A busy or lost database becomes DB_BUSY / DB_UNREACHABLE here, where the driver's error code still is.
  const typed = error instanceof VtrguardError ? error : fromDriverError(error);
  if (typed) return { code: typed.code, message: typed.message, context: typed.context };
  return { message: error instanceof Error ? error.message : String(error) };
}

/** The error again on this side of the boundary; a bug's message says which `thread` it came from. */
export function fromWire(error: WireError, thread: string): Error {
  return error.code ? new VtrguardError(error.code, error.message, error.context) : new Error(`the ${thread} failed: ${error.message}`);
}
