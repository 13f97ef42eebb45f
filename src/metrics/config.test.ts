import { describe, expect, it } from 'vitest';
import { buildMetricsConfig } from './config.js';
import type { MetricTargets } from './config.js';

describe('metric targets in the configuration', () => {
  it('takes a rate between 0 and 1 for any target, the Prime ones included', () => {
    expect(buildMetricsConfig({ JP: { targets: { sfpVtr: 0.9, vtr: 1, cr: 0 } } }).JP.targets).toMatchObject({ sfpVtr: 0.9, vtr: 1, cr: 0 });
  });

  it('refuses a target that is not a rate (a percentage, text) or names no target, naming marketplace and target', () => {
    expect(() => buildMetricsConfig({ JP: { targets: { sfpVtr: 94 } } })).toThrow('targets.sfpVtr for JP must be a rate between 0 and 1 (0.94 for 94%), got 94');
    expect(() => buildMetricsConfig({ US: { targets: { otdr: '0.9' as unknown as number } } })).toThrow('targets.otdr for US must be a rate between 0 and 1');
    // A misspelt name would otherwise leave the default in force without a word.
    expect(() => buildMetricsConfig({ FR: { targets: { sfpVTR: 0.99 } as Partial<MetricTargets> } })).toThrow(
      'targets.sfpVTR for FR is not a target; targets are vtr, lsr, cr, otdr, sfpShip, sfpCancel, sfpOtdr, sfpVtr',
    );
  });
});
