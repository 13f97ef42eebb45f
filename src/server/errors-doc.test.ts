import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../core/errors.js';
import { errorDocProblems, parseErrorDoc } from './errors-doc.js';

const DOC = new URL('../../docs/errors.md', import.meta.url);

describe('docs/errors.md', () => {
  it('lists every code of the catalogue with its status and message, and nothing else', () => {
    expect(errorDocProblems(readFileSync(DOC, 'utf8'))).toEqual([]);
  });

  it('notices a missing code, a changed status and a code that no longer exists', () => {
    const rows = Object.entries(ERROR_CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.message} | Retry. |`);
    const good = rows.join('\n');
    expect(errorDocProblems(good)).toEqual([]);
    expect(errorDocProblems(rows.slice(1).join('\n'))[0]).toMatch(/^BAD_REQUEST is missing/);
    expect(errorDocProblems(good.replace('| `NOT_FOUND` | 404', '| `NOT_FOUND` | 410'))[0]).toMatch(/^NOT_FOUND differs/);
    expect(errorDocProblems(`${good}\n| \`GONE_CODE\` | 410 | Gone. | Nothing. |`)).toEqual([
      'GONE_CODE is no longer in src/core/errors.ts; remove its row.',
    ]);
    expect(parseErrorDoc('| `A_B` | 400 | Msg \\| pipe. | Do. |')[0]).toEqual({ code: 'A_B', status: 400, message: 'Msg | pipe.', action: 'Do.' });
  });
});
