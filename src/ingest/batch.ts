import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';
import { reject } from './row-problem.js';

/** Facts the rows of one order, package or package item must agree on (a value left empty on a row agrees). */
const ORDER_FACTS = ['marketplace', 'purchaseDate', 'latestShipDate', 'latestDeliveryDate', 'fulfillmentChannel'] as const;
const PACKAGE_FACTS = ['carrierCode', 'carrierName', 'shippingMethod', 'trackingNumber', 'shipDate', 'confirmedAt'] as const;
const PACKAGE_ITEM_FACTS = ['quantity'] as const;

const snakeCase = (fact: string): string => fact.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const shown = (field: string, value: unknown): string =>
  typeof value === 'number' && /(Date|At)$/.test(field) ? new Date(value).toISOString() : JSON.stringify(value);

/** A fact's fingerprint: 32-bit FNV-1a of its text, never 0 (0 stands for a fact the row leaves empty). */
function factHash(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const text = String(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) || 1;
}

/**
 * Collects mapped rows until a batch is full. Rows of one order repeat its order fields, so each order,
 * package and item is written once per batch. Rows that repeat a key with other facts (an order with two
 * purchase dates, a package with two tracking numbers, a package item with two quantities) are refused, naming
 * both lines: which one is right cannot be told.
 *
 * Within a batch the rows' values are compared. Across batches, anywhere in the file, each key keeps only the
 * line it was first seen on and a 32-bit fingerprint per fact (`seen`, kept when a batch is cleared): a few
 * numbers per order, package and package item rather than the rows themselves. Two different values whose
 * fingerprints collide would pass unseen (about one chance in four billion); nothing agreeing is ever refused.
 */
export class BatchBuilder {
  orders = new Map<string, OrderWrite>();
  items = new Map<string, OrderItemRecord>();
  packages = new Map<string, PackageWrite>();
  packageItems = new Map<string, PackageItemRecord>();
  events: TrackingEventRecord[] = [];
  rows = 0;
  /** The line of the row being added (set by the caller). */
  line = 0;
  /** Per key in the whole file: the line it was first seen on, then its facts' fingerprints (0: not yet known). */
  private readonly seen = new Map<string, number[]>();

  /** Refuses the row when `next` gives `key` other facts than a row before it, in this batch or an earlier one. */
  private agree<T extends object>(what: string, key: string, existing: T | undefined, next: T, facts: readonly (keyof T & string)[]): void {
    const id = `${what}\u0000${key}`;
    const known = this.seen.get(id);
    if (known === undefined) {
      this.seen.set(id, [this.line, ...facts.map((fact) => factHash(next[fact]))]);
      return;
    }
    facts.forEach((fact, i) => {
      const hash = factHash(next[fact]);
      const before = known[i + 1]!;
      if (before === 0) known[i + 1] = hash;
      else if (hash !== 0 && hash !== before && existing === undefined) {
        // The row that set it is in an earlier batch, its value gone: the line and the field say where to look.
        reject(this.line, snakeCase(fact), `${what} ${key.replaceAll('\u0000', ' ')} has ${fact} ${shown(fact, next[fact])} here but another on line ${known[0]}: which is right cannot be told`);
      }
    });
    if (existing === undefined) return;
    for (const fact of facts) {
      const [a, b] = [existing[fact], next[fact]];
      if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
      reject(this.line, snakeCase(fact),
        `${what} ${key.replaceAll('\u0000', ' ')} has ${fact} ${shown(fact, b)} here but ${shown(fact, a)} on line ${known[0]}: which is right cannot be told`);
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
    this.events = [];
    this.rows = 0;
  }
}
