/**
 * A tiny element builder. Text always goes in through `textContent`, never `innerHTML`, so a tracking
 * number or a carrier name from an import can never inject markup into the page.
 */
import type { StatusLabel } from './format.js';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`The page lacks #${id}`);
  return el as T;
}

/** A status pill: symbol and words together, so the colour is only a third signal. */
export function statusBadge(label: StatusLabel, extra?: string): HTMLSpanElement {
  return h(
    'span',
    { class: `badge tone-${label.tone}` },
    h('span', { 'aria-hidden': 'true', class: 'badge-symbol' }, label.symbol),
    extra ? `${label.text} · ${extra}` : label.text,
  );
}

/** Fills a <select>, keeping the current choice when it is still offered. */
export function setOptions(
  select: HTMLSelectElement,
  options: readonly { value: string; label: string }[],
  keep = true,
): void {
  const previous = select.value;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  if (keep && options.some((o) => o.value === previous)) select.value = previous;
}
