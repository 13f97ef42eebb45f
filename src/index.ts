/**
 * vtrguard as a library: the same engine the CLI, the API and the dashboard use. Everything here is stable
 * public surface; anything not exported is internal.
 */

// Domain, time and errors
export * from './core/domain.js';
export { DEFAULT_ZONES, localDay, endOfLocalDay, startOfLocalDay, dayWindow, parseInstant } from './core/time.js';
export type { DayWindow } from './core/time.js';
export { ERROR_CATALOGUE, VtrguardError } from './core/errors.js';
export type { ErrorCode, ErrorContext } from './core/errors.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';

// Validate before confirming
export { validate } from './validate/validate.js';
export type { Verdict, CarrierCandidate, ValidateOptions, ValidationMode } from './validate/validate.js';
export type { Problem, ProblemCode } from './validate/problems.js';
export { assessConfirmation, resolveCarrierKey, normalizeTrackingNumber } from './validate/assess.js';
export { checkReuse, REUSE_WINDOW_MS } from './validate/reuse.js';
export { withReuseCheck } from './app/reuse-verdict.js';
export { CARRIERS, getCarrier } from './carriers/registry.js';
export type { CarrierDefinition, TrackingFamily } from './carriers/carrier.js';

// Store and ingest
export { openStore } from './store/open.js';
export type { Store, WriteBatch } from './store/store.js';
export type { PackageView, OrderView } from './core/views.js';
export { importFile } from './ingest/import.js';
export type { ImportOptions, ImportSummary } from './ingest/import.js';
export { IMPORT_FORMATS } from './ingest/map-context.js';
export type { ImportFormat } from './ingest/map-context.js';
export { parsePerformanceReport } from './ingest/amazon-performance-report.js';
export { createTrackingClient } from './ingest/tracking/clients/index.js';
export { pollOnce } from './ingest/tracking/poller.js';
export { listWatch } from './ingest/tracking/watch.js';
export { keptFigures, rebuildKeptFigures } from './app/kept-figures.js';

// Measure and act
export { computeReports } from './app/metrics.js';
export { defectRows } from './app/defect-list.js';
export { reconcile } from './app/reconcile.js';
export { DEFAULT_METRICS_CONFIG, buildMetricsConfig } from './metrics/config.js';
export type { MetricsConfig } from './metrics/config.js';
export { evaluateAlerts } from './alerts/evaluate.js';

// Show
export { createApp } from './server/app.js';
export type { AppDeps } from './server/app.js';
export { createDemo } from './demo/create-demo.js';
