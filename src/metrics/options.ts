import type { Marketplace } from '../core/domain.js';
import { isMarketplace } from '../core/domain.js';
import { VtrguardError } from '../core/errors.js';
import { isIsoDate } from '../core/time.js';
import type { MetricsView } from './config.js';
import { METRICS_VIEWS } from './config.js';
import type { DefectMetric } from './defects.js';
import { DEFECT_METRICS, isDefectMetric } from './defects.js';

/** Validation of the options the CLI and the HTTP API share; bad input is an expected failure. */

export function parseMarketplaceOption(value: string | undefined): Marketplace | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = value.toUpperCase();
  if (!isMarketplace(upper)) throw new VtrguardError('BAD_REQUEST', `unknown marketplace "${value}"`, { field: 'marketplace', value });
  return upper;
}

export function parseAsOfOption(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) throw new VtrguardError('BAD_REQUEST', `as-of must be a date YYYY-MM-DD, got "${value}"`, { field: 'asOf', value });
  return value;
}

export function parseDefectMetric(value: string | undefined): DefectMetric {
  const lower = (value ?? '').toLowerCase();
  if (!isDefectMetric(lower)) {
    throw new VtrguardError('BAD_REQUEST', `metric must be one of ${DEFECT_METRICS.join(', ')}, got "${value ?? ''}"`, { field: 'metric' });
  }
  return lower;
}

/** `live` (default) or `amazon` (definitions.md v2, "Two views of every metric"). */
export function parseViewOption(value: string | undefined): MetricsView {
  if (value === undefined || value === '') return 'live';
  const lower = value.toLowerCase();
  if (!(METRICS_VIEWS as readonly string[]).includes(lower)) {
    throw new VtrguardError('BAD_REQUEST', `view must be one of ${METRICS_VIEWS.join(', ')}, got "${value}"`, { field: 'view', value });
  }
  return lower as MetricsView;
}
