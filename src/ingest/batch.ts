import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';

/**
 * Collects mapped rows until a batch is full. Rows of one order repeat its order fields, so each order,
 * package and item is written once per batch (the last row wins).
 */
export class BatchBuilder {
  orders = new Map<string, OrderWrite>();
  items = new Map<string, OrderItemRecord>();
  packages = new Map<string, PackageWrite>();
  packageItems = new Map<string, PackageItemRecord>();
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

  /** Keys are unique per batch: a multi-row upsert may not touch one row twice. */
  addItem(item: OrderItemRecord): void {
    const key = `${item.orderId}\u0000${item.orderItemId}`;
    const existing = this.items.get(key);
    // An item on several rows (one per package) keeps the cancellation one of them carries.
    if (existing?.cancelledAt != null && item.cancelledAt == null) {
      this.items.set(key, { ...item, cancelledAt: existing.cancelledAt, cancelledBy: existing.cancelledBy ?? null });
    } else this.items.set(key, item);
  }

  addPackageItem(item: PackageItemRecord): void {
    this.packageItems.set(`${item.orderId}\u0000${item.packageRef}\u0000${item.orderItemId}`, item);
  }

  toWriteBatch(): WriteBatch {
    return {
      orders: [...this.orders.values()],
      items: [...this.items.values()],
      packages: [...this.packages.values()],
      packageItems: [...this.packageItems.values()],
    };
  }

  clear(): void {
    this.orders = new Map();
    this.items = new Map();
    this.packages = new Map();
    this.packageItems = new Map();
    this.events = [];
    this.rows = 0;
  }
}
