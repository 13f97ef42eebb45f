import type { DayWindow } from '../core/time.js';
import type { Marketplace } from '../core/domain.js';
import type { CellMetric } from '../core/cells.js';
import { CURRENT_KNOWLEDGE, classifyContext } from '../metrics/classify.js';
import type { MarketplaceMetricsConfig } from '../metrics/config.js';
import { DefectAccumulator, writeDefects } from './defect-rollups.js';
import { ScanDelayAccumulator, writeScanDelays } from './scan-delays.js';
import type { Store } from './store.js';
import type { OrderView, PackageView } from '../core/views.js';

type PackageMetric = 'vtr_pd' | 'vtr_sc' | 'otdr';
type OrderMetric = 'lsr' | 'cr';
const isPackageMetric = (m: CellMetric): m is PackageMetric => m === 'vtr_pd' || m === 'vtr_sc' || m === 'otdr';
const isOrderMetric = (m: CellMetric): m is OrderMetric => m === 'lsr' || m === 'cr';

/**
 * What the rollup refresh keeps for the dashboard beside the cells — the scan-delay histogram and the defect
 * rows — fed the same packages and orders as the cells of `metrics` (src/store/rollups.ts, `recomputeMarketplace`)
 * and written over the same days, with current knowledge.
 */
export class DashboardRollups {
  private readonly packageMetrics: PackageMetric[];
  private readonly orderMetrics: OrderMetric[];
  private readonly defects: DefectAccumulator;
  private readonly delays = new ScanDelayAccumulator();

  constructor(cfg: MarketplaceMetricsConfig, private readonly metrics: readonly CellMetric[]) {
    this.packageMetrics = metrics.filter(isPackageMetric);
    this.orderMetrics = metrics.filter(isOrderMetric);
    this.defects = new DefectAccumulator(classifyContext(cfg, CURRENT_KNOWLEDGE));
  }

  addPackage(pkg: PackageView): void {
    this.defects.addPackage(pkg, this.packageMetrics);
    for (const metric of this.packageMetrics) {
      if (metric !== 'otdr') this.delays.add(metric, metric === 'vtr_pd' ? pkg.promisedDay : pkg.confirmDay, pkg);
    }
  }

  addOrder(order: OrderView): void {
    this.defects.addOrder(order, this.orderMetrics);
  }

  /** Replaces the rows of `days` (every day on a full rebuild) with what was added. */
  async write(store: Store, sellerId: string, marketplace: Marketplace, days: DayWindow | 'all'): Promise<void> {
    const scope = { sellerId, marketplace, metrics: this.metrics, days };
    await writeDefects(store, scope, this.defects);
    await writeScanDelays(store, scope, this.delays);
  }
}
