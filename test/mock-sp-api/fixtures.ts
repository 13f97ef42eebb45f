import type { CatalogItem, SpOrder } from '../../src/amazon/operations.js';
import type { MockSeller } from './server.js';

export const US = 'ATVPDKIKX0DER';
export const UK = 'A1F83G8C2ARO7P';
export const DE = 'A1PA6795UKMFR9';

const CATEGORIES = ['Toys & Games', 'Home & Kitchen', 'Sports & Outdoors', 'Beauty'];

export function asinOf(n: number): string {
  return `B0${String(n % 40).padStart(8, '0')}`;
}

/** A catalog of 40 ASINs with display groups (summaries) or only a classification chain (every fifth). */
export function catalogFor(marketplaceIds: readonly string[]): Map<string, CatalogItem> {
  const catalog = new Map<string, CatalogItem>();
  for (let n = 0; n < 40; n++) {
    const asin = asinOf(n);
    const group = CATEGORIES[n % CATEGORIES.length]!;
    catalog.set(asin, n % 5 === 4
      ? {
        asin,
        classifications: marketplaceIds.map((marketplaceId) => ({
          marketplaceId,
          classifications: [{ displayName: 'Puzzles', classificationId: '166359011', parent: { displayName: group, classificationId: '165793011' } }],
        })),
      }
      : { asin, summaries: marketplaceIds.map((marketplaceId) => ({ marketplaceId, websiteDisplayGroup: 'toy_display_on_website', websiteDisplayGroupName: group })) });
  }
  return catalog;
}

export interface OrderSpec {
  /** Order n of the set; ids, dates and items follow from it. */
  n: number;
  marketplaceId: string;
  createdAt: number;
  updatedAt: number;
  fulfilledBy?: 'MERCHANT' | 'AMAZON';
  prime?: boolean;
  cancelledBy?: 'BUYER' | 'MERCHANT';
}

export function orderIdOf(n: number): string {
  return `${String(100 + (n % 900)).padStart(3, '0')}-${String(n).padStart(7, '0')}-${String((n * 7919) % 10_000_000).padStart(7, '0')}`;
}

/** One Orders 2026-01-01 order with two items (the second only on every third order). */
export function makeOrder(spec: OrderSpec): SpOrder {
  const orderId = orderIdOf(spec.n);
  const created = new Date(spec.createdAt);
  const shipBy = new Date(spec.createdAt + 2 * 86_400_000);
  const deliverBy = new Date(spec.createdAt + 6 * 86_400_000);
  const items = [0, 1].slice(0, spec.n % 3 === 0 ? 2 : 1).map((k) => ({
    orderItemId: `${spec.n}${k}1234567890`.slice(0, 14),
    quantityOrdered: 1 + k,
    product: { asin: asinOf(spec.n + k), sellerSku: `SKU-${(spec.n + k) % 40}`, title: 'A product' },
    ...(spec.cancelledBy ? { cancellation: { cancellationExecution: { cancelledBy: spec.cancelledBy, cancelReason: 'NO_INVENTORY' } } } : {}),
  }));
  return {
    orderId,
    createdTime: created.toISOString(),
    lastUpdatedTime: new Date(spec.updatedAt).toISOString(),
    programs: spec.prime ? ['PRIME'] : [],
    salesChannel: { channelName: 'Amazon', marketplaceId: spec.marketplaceId },
    fulfillment: {
      fulfillmentStatus: spec.cancelledBy ? 'CANCELLED' : 'UNSHIPPED',
      fulfilledBy: spec.fulfilledBy ?? 'MERCHANT',
      fulfillmentServiceLevel: 'STANDARD',
      shipByWindow: { earliestDateTime: created.toISOString(), latestDateTime: shipBy.toISOString() },
      deliverByWindow: { earliestDateTime: shipBy.toISOString(), latestDateTime: deliverBy.toISOString() },
    },
    orderItems: items,
    packages: [],
  };
}

/**
 * A seller with `count` orders spread evenly over the last `days` days across its marketplaces; every tenth is
 * fulfilled by Amazon (the sync must leave those out), every twentieth cancelled.
 */
export function makeSeller(
  name: string,
  options: { count: number; marketplaceIds: readonly string[]; days?: number; now?: number; performanceReport?: unknown },
): MockSeller {
  const now = options.now ?? Date.now();
  const span = (options.days ?? 55) * 86_400_000;
  const orders = new Map<string, SpOrder>();
  for (let n = 1; n <= options.count; n++) {
    const createdAt = now - span + Math.floor((n / (options.count + 1)) * (span - 600_000));
    const order = makeOrder({
      n,
      marketplaceId: options.marketplaceIds[n % options.marketplaceIds.length]!,
      createdAt,
      updatedAt: Math.min(createdAt + 3_600_000, now - 300_000),
      fulfilledBy: n % 10 === 0 ? 'AMAZON' : 'MERCHANT',
      prime: n % 4 === 0,
      ...(n % 20 === 7 ? { cancelledBy: 'MERCHANT' as const } : {}),
    });
    orders.set(order.orderId, order);
  }
  return {
    clientId: `amzn1.application-oa2-client.${name}`,
    clientSecret: `amzn1.oa2-cs.v1.${name}-secret-0123456789`,
    refreshToken: `Atzr|${name}-refresh-0123456789`,
    marketplaceIds: [...options.marketplaceIds],
    orders,
    catalog: catalogFor(options.marketplaceIds),
    performanceReport: options.performanceReport ?? { accountStatuses: [], performanceMetrics: [] },
  };
}
