import { SecretRedactor } from '../../core/redact.js';

/**
 * Credentials must never reach logs. Everything that builds an error message from upstream text passes it
 * through a redactor that knows the account's secrets (an API may echo a key back in an error body, as sent:
 * Basic-encoded, form-encoded or inside JSON — core/redact.ts knows the spellings).
 */
export type Redactor = (text: string) => string;

export function makeRedactor(secrets: readonly (string | undefined)[], basic?: { id: string | undefined; secret: string | undefined }): Redactor {
  const redactor = new SecretRedactor().add(...secrets);
  if (basic) redactor.addBasic(basic.id, basic.secret);
  return (text) => redactor.redact(text);
}
