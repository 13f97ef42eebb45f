import { ERROR_CATALOGUE } from '../core/errors.js';

/** One row of the table in docs/errors.md. */
export interface ErrorDocRow {
  code: string;
  status: number;
  message: string;
  /** What a user or client should do about it; free text, written by people. */
  action: string;
}

// Cells may contain escaped pipes (`\|`), as Markdown tables require.
const ROW = /^\|\s*`([A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|\s*((?:\\\||[^|])*?)\s*\|\s*((?:\\\||[^|])*?)\s*\|\s*$/;

/** The catalogue rows of docs/errors.md: lines `| \`CODE\` | status | message | what to do |`. */
export function parseErrorDoc(markdown: string): ErrorDocRow[] {
  return markdown.split('\n').flatMap((line) => {
    const m = ROW.exec(line);
    return m ? [{ code: m[1] ?? '', status: Number(m[2]), message: (m[3] ?? '').replace(/\\\|/g, '|'), action: m[4] ?? '' }] : [];
  });
}

/**
 * Differences between docs/errors.md and the catalogue, as sentences that say how to fix the document;
 * empty when they agree.
 */
export function errorDocProblems(markdown: string): string[] {
  const rows = parseErrorDoc(markdown);
  const problems: string[] = [];
  const documented = new Map<string, ErrorDocRow>();
  for (const row of rows) {
    if (documented.has(row.code)) problems.push(`${row.code} is listed twice.`);
    documented.set(row.code, row);
  }
  for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
    const row = documented.get(code);
    const expected = `| \`${code}\` | ${entry.status} | ${entry.message.replace(/\|/g, '\\|')} | <what to do> |`;
    if (!row) problems.push(`${code} is missing; add: ${expected}`);
    else if (row.status !== entry.status || row.message !== entry.message) problems.push(`${code} differs from the catalogue; expected: ${expected}`);
    else if (row.action.trim() === '') problems.push(`${code} says nothing about what to do.`);
  }
  for (const code of documented.keys()) {
    if (!(code in ERROR_CATALOGUE)) problems.push(`${code} is no longer in src/core/errors.ts; remove its row.`);
  }
  return problems;
}
