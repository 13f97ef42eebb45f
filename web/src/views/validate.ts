/** The validate box: paste tracking numbers (with or without carriers), see each verdict and its reasons. */
import type { Api, ValidateItem, ValidationResult } from '../api.js';
import { byId, h, replaceChildren, statusBadge } from '../dom.js';
import { statusLabel } from '../format.js';

/** The API's own batch limit is the server's business; this keeps one paste from freezing the page. */
export const MAX_LINES = 1000;

const digits = (text: string): number => (text.match(/\d/g) ?? []).length;

/**
 * One item per non-empty line. A comma or tab splits a line into number and carrier, in either order
 * (spreadsheets paste both ways): the part with more digits is the number. Spaces stay inside the number
 * because carriers print numbers in groups ("9400 1000 …").
 */
export function parseNumbers(text: string): ValidateItem[] {
  const items: ValidateItem[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(/[,\t;]/).map((p) => p.trim()).filter(Boolean);
    if (parts.length >= 2) {
      const [a = '', b = ''] = parts;
      const [trackingNumber, carrier] = digits(a) >= digits(b) ? [a, b] : [b, a];
      items.push({ trackingNumber, carrier });
    } else {
      items.push({ trackingNumber: parts[0] ?? line });
    }
    if (items.length >= MAX_LINES) break;
  }
  return items;
}

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function renderResult(result: ValidationResult): HTMLLIElement {
  const label = result.valid ? { ...statusLabel('good'), text: 'Valid' } : { ...statusLabel('bad'), text: 'Not valid' };
  const names = [...new Set(result.candidates.map((c) => c.amazonCode || c.carrierName))];
  const carrier = result.carrier
    ? `Amazon carrier code: ${result.carrier}`
    : names.length > 0
      ? `could be ${names.join(' or ')}`
      : 'carrier unknown';
  return h(
    'li',
    { class: 'result', 'data-tone': label.tone, 'data-valid': String(result.valid) },
    h(
      'div',
      { class: 'result-head' },
      statusBadge(label),
      h('span', { class: 'mono' }, result.normalized || result.input),
      h('span', { class: 'muted' }, carrier),
    ),
    result.problems.length > 0
      ? h('ul', {}, ...result.problems.map((p) => h('li', { 'data-code': p.code }, p.severity === 'warning' ? `Warning: ${p.message}` : sentence(p.message))))
      : h('p', { class: 'small muted' }, 'Fits the carrier’s format and check digit.'),
  );
}

export class ValidateView {
  private readonly form = byId<HTMLFormElement>('validate-form');
  private readonly input = byId<HTMLTextAreaElement>('validate-input');
  private readonly submit = byId<HTMLButtonElement>('validate-submit');
  private readonly results = byId('validate-results');

  constructor(
    private readonly api: Api,
    private readonly onError: (error: unknown) => void,
    /** The selected marketplace: some carriers' numbers only make sense in some marketplaces. */
    private readonly marketplace: () => string,
  ) {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    // Ctrl/Cmd+Enter checks without leaving the text area, where Enter adds a line.
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.run();
      }
    });
  }

  private async run(): Promise<void> {
    const items = parseNumbers(this.input.value);
    if (items.length === 0) {
      replaceChildren(this.results, h('p', { class: 'muted' }, 'Paste at least one tracking number.'));
      this.input.focus();
      return;
    }
    this.submit.disabled = true;
    try {
      const results = await this.api.validate(items, this.marketplace() || undefined);
      const valid = results.filter((r) => r.valid).length;
      replaceChildren(
        this.results,
        h('p', { class: 'small' }, `${valid} of ${results.length} valid.`),
        h('ul', { class: 'results' }, ...results.map(renderResult)),
      );
    } catch (error) {
      this.onError(error);
    } finally {
      this.submit.disabled = false;
    }
  }
}
