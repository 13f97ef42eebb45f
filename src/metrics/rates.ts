/** Rates, statuses and the recovery count shared by every metric. */

export type MetricStatus = 'good' | 'bad' | 'at_risk' | 'none';

/**
 * Whether a higher rate is better (VTR, OTDR: good when >= target) or worse (LSR, CR: good when < target; the SFP
 * cancel rate: good when <= target).
 */
export type Direction = 'at_least' | 'below' | 'at_most';

/** Unrounded fraction; null for an empty window. */
export function rate(hit: number, total: number): number | null {
  return total === 0 ? null : hit / total;
}

export function statusOf(value: number | null, target: number, direction: Direction): MetricStatus {
  if (value === null) return 'none';
  const good = direction === 'at_least' ? value >= target : direction === 'at_most' ? value <= target : value < target;
  return good ? 'good' : 'bad';
}

/**
 * Additional valid packages needed so that valid/total reaches `target`:
 * ceil((target*total - valid) / (1 - target)), 0 when already there (definitions.md, Forecast).
 * The formula is evaluated in floating point, so the result is nudged to the exact smallest integer
 * (0.95 * 200 is not exactly 190 in binary).
 */
export function neededToRecover(valid: number, total: number, target: number): number {
  if (target >= 1) return total === valid ? 0 : Number.POSITIVE_INFINITY;
  const reaches = (extra: number): boolean => total + extra > 0 && (valid + extra) / (total + extra) >= target;
  if (total === 0 || reaches(0)) return 0;
  let n = Math.max(0, Math.ceil((target * total - valid) / (1 - target)));
  while (!reaches(n)) n++;
  while (n > 0 && reaches(n - 1)) n--;
  return n;
}
