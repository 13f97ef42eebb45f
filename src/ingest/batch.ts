import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';

/**
 * Collects mapped rows until a batch is full. Rows of one order repeat its order fields, so consecutive
 * duplicates of the same order or package are written once per batch.
 */
export class BatchBuilder {
  orders = new Map<string, OrderWrite>();
  items: OrderItemRecord[] = [];
  packages = new Map<string, PackageWrite>();
  packageItems: PackageItemRecord[] = [];
  events: TrackingEventRecord[] = [];
  rows = 0;

  addOrder(order: OrderWrite): void {
    const existing = this.orders.get(order.orderId);
    // A later row may carry the cancellation the earlier one lacked.
    if (!existing || (order.cancelledAt !== null && existing.cancelledAt === null)) this.orders.set(order.orderId, order);
  }

  addPackage(pkg: PackageWrite): void {
    this.packages.set(`${pkg.orderId}\u0000${pkg.packageRef}`, pkg);
  }

  toWriteBatch(): WriteBatch {
    return {
      orders: [...this.orders.values()],
      items: this.items,
      packages: [...this.packages.values()],
      packageItems: this.packageItems,
    };
  }

  clear(): void {
    this.orders = new Map();
    this.items = [];
    this.packages = new Map();
    this.packageItems = [];
    this.events = [];
    this.rows = 0;
  }
}
