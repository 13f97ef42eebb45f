/** Tracking numbers as typed → the one form every format, check and lookup works on. */

const SEPARATORS = /[\s\-\u200B-\u200D\u2060\uFEFF]+/g;

/** Trim, drop spaces, dashes and invisible separators, upper-case. Already-clean input is returned as is. */
export function normalizeTrackingNumber(raw: string): string {
  // Fast path: most numbers arrive clean (digits and capitals only), and this is called for every imported row.
  let clean = raw.length > 0;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 90))) {
      clean = false;
      break;
    }
  }
  return clean ? raw : normalizeTyped(raw);
}

/** The general path of `normalizeTrackingNumber`, for input that is not already clean. */
export function normalizeTyped(raw: string): string {
  return raw.replace(SEPARATORS, '').toUpperCase();
}
