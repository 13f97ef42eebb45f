import type { Marketplace, StaticTrackingDefect, TrackingStatus } from './domain.js';

/*
 * The row views: what the metrics, the defect rules and the dashboard read. The store produces them (its typed
 * reads); the pure layers compute over them, so they live here, below both.
 */

/** A package as the metrics and the dashboard read it: order facts, categories and derived scan times. */
export interface PackageView {
  packageId: number;
  orderId: string;
  packageRef: string;
  marketplace: Marketplace;
  fulfillmentChannel: string;
  categories: string[];
  carrierCode: string | null;
  carrierName: string | null;
  carrierKey: string | null;
  shippingMethod: string | null;
  trackingNumber: string | null;
  shipDate: number | null;
  confirmedAt: number | null;
  confirmDay: string | null;
  latestDeliveryDate: number;
  promisedDay: string;
  exempt: boolean;
  staticDefect: StaticTrackingDefect | null;
  problems: string[];
  firstScanAt: number | null;
  deliveredAt: number | null;
  firstAttemptAt: number | null;
  lastStatus: TrackingStatus | null;
  lastEventAt: number | null;
  /** First scan in the carrier's network (`in_transit`, `out_for_delivery`, `available_for_pickup`). */
  networkScanAt: number | null;
  /** First carrier scan that is not a delivery (none: delivery-confirmation-only tracking). */
  nonDeliveryScanAt: number | null;
  /** Its order is Seller Fulfilled Prime. */
  isPrime: boolean;
  /** The order's promised delivery before any promise extension, when the source gave it. */
  originalLatestDeliveryDate: number | null;
  declaredValue: number | null;
  /** ISO 4217 of `declaredValue`; null: the marketplace's currency. */
  currency: string | null;
  originCountry: string | null;
  buyShipping: boolean;
  /** Item units it carries (1 when it lists no items). */
  units: number;
}

/** A package as the kept figures count it: its promised day is null when its order has none. */
export type CountedPackageView = Omit<PackageView, 'promisedDay'> & { promisedDay: string | null };

/** An order as LSR and CR read it. */
export interface OrderView {
  orderId: string;
  marketplace: Marketplace;
  fulfillmentChannel: string;
  purchaseDate: number;
  purchaseDay: string;
  /** Null when no source has given it yet (Amazon's All Orders report lacks it). */
  latestShipDate: number | null;
  shipByDay: string | null;
  latestDeliveryDate: number | null;
  promisedDay: string | null;
  cancelledAt: number | null;
  cancelledBy: 'seller' | 'buyer' | null;
  /** Earliest confirmation of any of its packages. */
  firstConfirmedAt: number | null;
  categories: string[];
  /** A Seller Fulfilled Prime order. */
  isPrime: boolean;
  /** Its items with their own cancellations (definitions.md v2: LSR, CR). */
  items: OrderItemState[];
  /** Its packages: when each was confirmed and first scanned, and which items it carries. */
  packages: OrderPackageState[];
}

export interface OrderItemState {
  orderItemId: string;
  cancelledAt: number | null;
  cancelledBy: 'seller' | 'buyer' | null;
}

export interface OrderPackageState {
  packageRef: string;
  confirmedAt: number | null;
  firstScanAt: number | null;
  /** The items it carries; empty when it lists none, which confirms the whole order (as Amazon's feed does). */
  itemIds: string[];
}

export interface DayRange {
  from: string;
  to: string;
}

export type PackageAttribution = 'promised_delivery' | 'ship_confirm';
