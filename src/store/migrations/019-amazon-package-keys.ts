import type { Migration } from './migration.js';

/**
 * Amazon's record of a package, judged as vtrguard judges its own (the validator's carrier key and normalised
 * number), so that the carrier poller follows Amazon's number where it differs from the one the seller meant to
 * send: Amazon measures VTR on its own (src/store/tracking-poll.ts). Null for rows the next sync has not seen again.
 */
export const amazonPackageKeysMigration: Migration = {
  version: 19,
  name: 'amazon-package-keys',
  sqlite: `ALTER TABLE amazon_packages ADD COLUMN carrier_key TEXT;
ALTER TABLE amazon_packages ADD COLUMN tracking_key TEXT;`,
  postgres: 'ALTER TABLE amazon_packages ADD COLUMN carrier_key TEXT, ADD COLUMN tracking_key TEXT;',
};
