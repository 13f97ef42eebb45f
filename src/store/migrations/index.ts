import type { Migration } from './migration.js';
import { coreMigration } from './001-core.js';
import { rollupsMigration } from './002-rollups.js';
import { trackingMigration } from './003-tracking.js';
import { serverMigration } from './004-server.js';
import { unscannedIndexMigration } from './005-unscanned-index.js';
import { metricsIndexesMigration } from './006-metrics-indexes.js';
import { itemRestampMigration } from './007-item-restamp.js';
import { dirtyDaysMigration } from './008-dirty-days.js';
import { dashboardRollupsMigration } from './009-dashboard-rollups.js';
import { derivedMarksMigration } from './010-derived-marks.js';
import { sellerKeysMigration } from './011-seller-keys.js';
import { dropWebhookSecretsMigration } from './012-drop-webhook-secrets.js';
import { amazonMigration } from './013-amazon.js';
import { definitionsV2Migration } from './014-definitions-v2.js';
import { keptByDeltasMigration } from './015-kept-by-deltas.js';
import { operatorsMigration } from './016-dash-ops-operators.js';
import { dropDefectDayIndexMigration } from './017-perf-drop-defect-day-index.js';
import { amazonFeedsMigration } from './018-amazon-feeds.js';
import { amazonPackageKeysMigration } from './019-amazon-package-keys.js';
import { lateStepsMigration } from './020-late-steps.js';
import { pollSourceMigration } from './021-poll-source.js';
import { scanDelayHotMigration } from './022-scan-delay-hot.js';
import { defectLateStepsMigration } from './023-defect-late-steps.js';
import { firstScanIndexMigration } from './024-first-scan-index.js';
import { scanDelayLateStepsMigration } from './025-scan-delay-late-steps.js';
import { confirmedIndexMigration } from './026-confirmed-index.js';
import { amazonPanelReadsMigration } from './027-amazon-panel-reads.js';
import { pollQueueOnWriteMigration } from './028-poll-queue-on-write.js';
import { confirmationOrderMigration } from './029-confirmation-order.js';

/** Every migration, in version order. Append new ones; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  coreMigration,
  rollupsMigration,
  trackingMigration,
  serverMigration,
  unscannedIndexMigration,
  metricsIndexesMigration,
  itemRestampMigration,
  dirtyDaysMigration,
  dashboardRollupsMigration,
  derivedMarksMigration,
  sellerKeysMigration,
  dropWebhookSecretsMigration,
  amazonMigration,
  definitionsV2Migration,
  keptByDeltasMigration,
  operatorsMigration,
  dropDefectDayIndexMigration,
  amazonFeedsMigration,
  amazonPackageKeysMigration,
  lateStepsMigration,
  pollSourceMigration,
  scanDelayHotMigration,
  defectLateStepsMigration,
  firstScanIndexMigration,
  scanDelayLateStepsMigration,
  confirmedIndexMigration,
  amazonPanelReadsMigration,
  pollQueueOnWriteMigration,
  confirmationOrderMigration,
];
