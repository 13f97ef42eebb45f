import type { Migration } from './migration.js';

/**
 * The carrier poll queue is fed where packages are written (src/store/tracking-poll.ts `queuePackages`), no longer
 * by a pass that read every package of every seller confirmed within the schedule's 30 days before each poll (every
 * minute; migration 026's index made it a range read, still 3.3M packages at 10M). So:
 * - a seller's claim (`vtrguard track --seller`, `POST /v1/track`) reads its own due rows from an index of the open
 *   rows that leads with the seller, not every seller's due rows in due order until it holds its LIMIT. The claim of
 *   every seller's rows keeps its index, now of the open rows only too (the closed ones are never claimed): SQLite,
 *   which plans without table sizes, took the old one, whose `done` column is one more equality, for a seller's claim;
 * - the queue is filled once here from what the store holds, as the last pass before the upgrade would have: the
 *   seller's number of every package worth polling and Amazon's where it differs, and Amazon's rows dropped where it
 *   holds the seller's number again. The carrier keys are those the poller had an API for when this shipped (the
 *   write path reads them from src/ingest/tracking/clients); the 30 days are the schedule's;
 * - the confirmations index of migration 026 served only that pass: it goes, and every package write spares its entry.
 */
const fill = (now: string) => {
  const carriers = `('ups', 'fedex', 'usps', 'dhl', 'dhl-express', 'dhl-paket', 'dhl-ecommerce')`;
  const after = `${now} - 2592000000`;
  return `
INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
SELECT p.seller_id, p.package_id, 'seller', p.carrier_key, p.tracking_number, p.confirmed_at, p.confirmed_at
FROM packages p
WHERE p.tracking_number IS NOT NULL AND p.carrier_key IN ${carriers} AND p.delivered_at IS NULL
  AND p.exempt = 0 AND p.confirmed_at IS NOT NULL AND p.confirmed_at > ${after}
ON CONFLICT (seller_id, package_id, source) DO UPDATE SET
  tracking_number = excluded.tracking_number, carrier_key = excluded.carrier_key, confirmed_at = excluded.confirmed_at,
  next_poll_at = excluded.next_poll_at, done = 0
WHERE tracking_poll.tracking_number <> excluded.tracking_number OR tracking_poll.carrier_key <> excluded.carrier_key;

INSERT INTO tracking_poll (seller_id, package_id, source, carrier_key, tracking_number, confirmed_at, next_poll_at)
SELECT p.seller_id, p.package_id, 'amazon', a.carrier_key, a.tracking_key, p.confirmed_at, p.confirmed_at
FROM amazon_packages a
JOIN packages p ON p.seller_id = a.seller_id AND p.order_id = a.order_id AND p.package_ref = a.package_ref
WHERE a.tracking_key IS NOT NULL AND a.carrier_key IN ${carriers} AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key)
  AND p.exempt = 0 AND p.confirmed_at IS NOT NULL AND p.confirmed_at > ${after}
ON CONFLICT (seller_id, package_id, source) DO UPDATE SET
  tracking_number = excluded.tracking_number, carrier_key = excluded.carrier_key, confirmed_at = excluded.confirmed_at,
  next_poll_at = excluded.next_poll_at, done = 0
WHERE tracking_poll.tracking_number <> excluded.tracking_number OR tracking_poll.carrier_key <> excluded.carrier_key
  OR (tracking_poll.done = 1 AND tracking_poll.last_outcome = 'same_number');

UPDATE tracking_poll SET done = 1, last_outcome = 'same_number'
WHERE done = 0 AND source = 'amazon' AND NOT EXISTS (SELECT 1 FROM amazon_packages a
  JOIN packages p ON p.seller_id = a.seller_id AND p.order_id = a.order_id AND p.package_ref = a.package_ref
  WHERE p.seller_id = tracking_poll.seller_id AND p.package_id = tracking_poll.package_id AND a.tracking_key = tracking_poll.tracking_number
    AND (p.tracking_number IS NULL OR p.tracking_number <> a.tracking_key));

DROP INDEX tracking_poll_due;
CREATE INDEX tracking_poll_due ON tracking_poll (carrier_key, next_poll_at) WHERE done = 0;
CREATE INDEX tracking_poll_seller_due ON tracking_poll (seller_id, carrier_key, next_poll_at) WHERE done = 0;
DROP INDEX packages_confirmed;
`;
};

export const pollQueueOnWriteMigration: Migration = {
  version: 28,
  name: 'poll-queue-on-write',
  sqlite: fill(`CAST(strftime('%s', 'now') AS INTEGER) * 1000`),
  postgres: fill(`CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT)`),
};
