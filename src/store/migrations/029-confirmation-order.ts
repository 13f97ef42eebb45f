import type { Migration } from './migration.js';

/**
 * The Amazon panel lists the seller's 20 newest refused, failed and partial confirmations: the only index of the
 * confirmations by state (013) ends with `hold_until`, so both dialects read every one of them the seller ever had
 * and sorted them for a page of 20 (found by src/store/query-plans.test.ts). This index holds each state's rows in
 * the statements' order (`created_at`, then `confirmation_id`), so src/store/amazon.ts `listConfirmations` reads each
 * state in order up to the LIMIT, forwards for the oldest (the held queue), backwards for the newest. It replaces
 * 013's: no statement reads `hold_until` through an index (the held queue compares it row by row), and what else
 * used 013's, the held count, is served by the same leading columns; every confirmation write spares an entry.
 */
const sql = `
CREATE INDEX amazon_confirmations_state_created ON amazon_confirmations (seller_id, state, created_at, confirmation_id);
DROP INDEX amazon_confirmations_state;
`;

export const confirmationOrderMigration: Migration = {
  version: 29,
  name: 'confirmation-order',
  sqlite: sql,
  postgres: sql,
};
