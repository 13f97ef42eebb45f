import type { AlertEvent, AlertLevel } from '../types.js';

/** Words a person reads first: what the change means, not the internal level name. */
export function headline(event: AlertEvent): string {
  const label: Record<AlertLevel, string> = { critical: 'ALERT', warning: 'WARNING', ok: 'RESOLVED' };
  return `${label[event.level]}: ${event.title}`;
}
