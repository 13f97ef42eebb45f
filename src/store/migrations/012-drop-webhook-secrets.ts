import type { Migration } from './migration.js';

/**
 * Webhook signing secrets were copied from configuration into `webhook_secrets` at start-up and never removed, so
 * a secret taken out of the configuration (a leaked one) went on verifying deliveries after a restart (issue 18,
 * item 9). Secrets now come from the configuration of the process that verifies, and the stored copies go.
 */
const sql = 'DROP TABLE webhook_secrets;';

export const dropWebhookSecretsMigration: Migration = { version: 12, name: 'drop-webhook-secrets', sqlite: sql, postgres: sql };
