/**
 * Credentials must never reach logs. Everything that builds an error message from upstream text passes it
 * through a redactor that knows the account's secrets (an API may echo a key back in an error body).
 */
export type Redactor = (text: string) => string;

export function makeRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  // Longest first, so a secret that contains another is removed whole.
  known.sort((a, b) => b.length - a.length);
  const withBase64 = known.flatMap((s) => [s, Buffer.from(s).toString('base64')]);
  return (text) => {
    let out = text;
    for (const secret of withBase64) out = out.split(secret).join('[redacted]');
    return out;
  };
}
