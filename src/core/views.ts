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
}

export interface DayRange {
  from: string;
  to: string;
}

export type PackageAttribution = 'promised_delivery' | 'ship_confirm';
