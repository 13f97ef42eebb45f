import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';
import { KeyFacts, integerHash, textHash } from './key-facts.js';
import { reject } from './row-problem.js';

/** Facts the rows of one order, package or package item must agree on (a value left empty on a row agrees). */
const ORDER_FACTS = ['marketplace', 'purchaseDate', 'latestShipDate', 'latestDeliveryDate', 'fulfillmentChannel'] as const;
const PACKAGE_FACTS = ['carrierCode', 'carrierName', 'shippingMethod', 'trackingNumber', 'shipDate', 'confirmedAt'] as const;
const PACKAGE_ITEM_FACTS = ['quantity'] as const;

const snakeCase = (fact: string): string => fact.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const shown = (field: string, value: unknown): string =>
  typeof value === 'number' && /(Date|At)$/.test(field) ? new Date(value).toISOString() : JSON.stringify(value);

/**
 * A fact's fingerprint (0: the row leaves it empty). Most facts are instants: their integer is mixed directly
 * rather than turned into text first.
 */
function factHash(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' && Number.isSafeInteger(value) ? integerHash(value) : textHash(String(value));
}

/**
 * Collects mapped rows until a batch is full. Rows of one order repeat its order fields, so each order,
 * package and item is written once per batch. Rows that repeat a key with other facts (an order with two
 * purchase dates, a package with two tracking numbers, a package item with two quantities) are refused, naming
 * both lines: which one is right cannot be told.
 *
 * Within a batch the rows' values are compared. Across batches, anywhere in the file, each key keeps only the
 * line it was first seen on and a 32-bit fingerprint per fact (`KeyFacts`, kept when a batch is cleared): a few
 * numbers per order, package and package item in one typed array, rather than the rows or their keys' text.
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
  /** Per order, package and package item of the whole file: the line it was first seen on and its facts. */
  private readonly seen = {
    order: new KeyFacts(ORDER_FACTS.length),
    package: new KeyFacts(PACKAGE_FACTS.length),
    'package item': new KeyFacts(PACKAGE_ITEM_FACTS.length),
  };

  /** Refuses the row when `next` gives `key` other facts than a row before it, in this batch or an earlier one. */
  private agree<T extends object>(what: keyof typeof this.seen, key: string, existing: T | undefined, next: T, facts: readonly (keyof T & string)[]): void {
    const known = this.seen[what];
    const at = known.entry(key, this.line);
    for (let i = 0; i < facts.length; i++) {
      const fact = facts[i]!;
      const hash = factHash(next[fact]);
      const before = known.factAt(at, i);
      if (before === 0) known.setFact(at, i, hash);
      else if (hash !== 0 && hash !== before && existing === undefined) {
        // The row that set it is in an earlier batch, its value gone: the line and the field say where to look.
        reject(this.line, snakeCase(fact), `${what} ${key.replaceAll('\u0000', ' ')} has ${fact} ${shown(fact, next[fact])} here but another on line ${known.lineAt(at)}: which is right cannot be told`);
      }
    }
    if (existing === undefined) return;
    for (const fact of facts) {
      const [a, b] = [existing[fact], next[fact]];
      if (a === null || a === undefined || b === null || b === undefined || a === b) continue;
      reject(this.line, snakeCase(fact),
        `${what} ${key.replaceAll('\u0000', ' ')} has ${fact} ${shown(fact, b)} here but ${shown(fact, a)} on line ${known.lineAt(at)}: which is right cannot be told`);
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
