/**
 * The validator's problem catalogue: stable codes (stored with packages, matched by the API and the dashboard),
 * a severity, and messages a person understands. `error` problems make a verdict invalid; `warning` ones do not.
 */

export const PROBLEM_SEVERITY = {
  NO_TRACKING_NUMBER: 'error',
  UNKNOWN_FORMAT: 'error',
  CHECK_DIGIT_MISMATCH: 'error',
  CARRIER_MISMATCH: 'error',
  AMBIGUOUS_CARRIER: 'error',
  CARRIER_UNCERTAIN: 'error',
  NO_CHECK_DIGIT: 'error',
  NO_CARRIER: 'error',
  OTHER_HIDES_INTEGRATED_CARRIER: 'error',
  OTHER_NOT_ALLOWED: 'error',
  CARRIER_CODE_NOT_ACCEPTED: 'error',
  CARRIER_CODE_NOT_EXACT: 'error',
  REUSED_TRACKING_NUMBER: 'error',
} as const satisfies Record<string, 'error' | 'warning'>;

export type ProblemCode = keyof typeof PROBLEM_SEVERITY;
export type ProblemSeverity = (typeof PROBLEM_SEVERITY)[ProblemCode];

export interface Problem {
  readonly code: ProblemCode;
  readonly severity: ProblemSeverity;
  readonly message: string;
}

export function problem(code: ProblemCode, message: string): Problem {
  return { code, severity: PROBLEM_SEVERITY[code], message };
}

/** "the last digit" or "character 28": where the check character sits, as a person counts. */
export function checkPosition(checkAt: number, length: number): string {
  return checkAt === length - 1 ? 'the last character' : `character ${checkAt + 1}`;
}
