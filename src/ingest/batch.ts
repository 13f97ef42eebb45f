import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';
import { reject } from './row-problem.js';

/** Facts the rows of one order, package or package item must agree on (a value left empty on a row agrees). */
const ORDER_FACTS = ['marketplace', 'purchaseDate', 'latestShipDate', 'latestDeliveryDate', 'fulfillmentChannel'] as const;
const PACKAGE_FACTS = ['carrierCode', 'carrierName', 'shippingMethod', 'trackingNumber', 'shipDate', 'confirmedAt'] as const;
const PACKAGE_ITEM_FACTS = ['quantity'] as const;

const shown = (field: string, value: unknown): string =>
  typeof value === 'number' && /(Date|At)$/.test(field) ? new Date(value).toISOString() : JSON.stringify(value);

/**
 * Collects mapped rows until a batch is full. Rows of one order repeat its order fields, so each order,
 * package and item is written once per batch. Rows that repeat a key with other facts (an order with two
 * purchase dates, a package with two tracking numbers, a package item with two quantities) are refused, naming
 * both lines: which one is right cannot be told. Such rows are caught within a batch (at least `batchSize` rows).
 */
export class BatchBuilder {
  orders = new Map<string, OrderWrite>();
  items = new Map<string, OrderItemRecord>();
  packages = new Map<string, PackageWrite>();
  packageItems = new Map<string, PackageItemRecord>();
  events: TrackingEventRecord[] = [];
  rows = 0;
  /** The line of the row being added (set by the caller), and the line each key was first seen on. */
  line = 0;
  private firstLines = new Map<string, number>();

  /** Refuses the row when `next` gives `key` other facts than the row that gave it first. */
  private agree<T extends object>(what: string, key: string, existing: T | undefined, next: T, facts: readonly (keyof T & string)[]): void {
    if (existing === undefined) {
      this.firstLines.set(`${what}\u0000${key}`, this.line);
      return;
    }
    for (const fact of facts) {
      const [a, b] = [existing[fact], next[fact]];
      if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
      const first = this.firstLines.get(`${what}\u0000${key}`);
      reject(this.line, fact.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
        `${what} ${key.replaceAll('\u0000', ' ')} has ${fact} ${shown(fact, b)} here but ${shown(fact, a)} on line ${first}: which is right cannot be told`);
    }
  }

  addOrder(order: OrderWrite): void {
    const existing = this.orders.get(order.orderId);
    this.agree('order', order.orderId, existing, order, ORDER_FACTS);
    // A later row may carry the cancellation the earlier one lacked.
    if (!existing || (order.cancelledAt !== null && existing.cancelledAt === null)) this.orders.set(order.orderId, order);
  }

  addPackage(pkg: PackageWrite): void {
    const key = `${pkg.orderId}\u0000${pkg.packageRef}`;
    this.agree('package', key, this.packages.get(key), pkg, PACKAGE_FACTS);
    this.packages.set(key, pkg);
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
    const key = `${item.orderId}\u0000${item.packageRef}\u0000${item.orderItemId}`;
    this.agree('package item', key, this.packageItems.get(key), item, PACKAGE_ITEM_FACTS);
    this.packageItems.set(key, item);
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
    this.firstLines = new Map();
    this.events = [];
    this.rows = 0;
  }
}
