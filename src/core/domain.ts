/** Domain types shared by every layer. Instants are epoch milliseconds (UTC); local days are `YYYY-MM-DD`. */

export const TRACKING_STATUSES = [
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivery_failed',
  'delivered',
  'exception',
  'returned',
  'unknown',
] as const;
export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export function isTrackingStatus(value: string): value is TrackingStatus {
  return (TRACKING_STATUSES as readonly string[]).includes(value);
}

/** A carrier scan is any event that shows the carrier physically handled the package. */
export function isCarrierScan(status: TrackingStatus): boolean {
  return status !== 'pre_transit' && status !== 'unknown';
}

/** Order in which a package's status may only move forward (exceptions never move it back). */
export const STATUS_PROGRESS: Readonly<Record<TrackingStatus, number>> = {
  unknown: 0,
  pre_transit: 1,
  in_transit: 2,
  exception: 2,
  delivery_failed: 3,
  available_for_pickup: 3,
  out_for_delivery: 3,
  returned: 4,
  delivered: 5,
};

export const MARKETPLACES = [
  'US', 'CA', 'MX', 'BR', 'UK', 'DE', 'FR', 'IT', 'ES', 'NL', 'SE', 'PL', 'BE', 'JP', 'AU', 'IN', 'AE', 'SG',
] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export function isMarketplace(value: string): value is Marketplace {
  return (MARKETPLACES as readonly string[]).includes(value);
}

/** Amazon's marketplace ids (SP-API, the seller performance report) and the marketplace each names. */
export const MARKETPLACE_IDS: Readonly<Record<string, Marketplace>> = {
  ATVPDKIKX0DER: 'US', A2EUQ1WTGCTBG2: 'CA', A1AM78C64UM0Y8: 'MX', A2Q3Y263D00KWC: 'BR',
  A1F83G8C2ARO7P: 'UK', A1PA6795UKMFR9: 'DE', A13V1IB3VIYZZH: 'FR', APJ6JRA9NG5V4: 'IT', A1RKKUPIHCS9HS: 'ES',
  A1805IZSGTT6HS: 'NL', A2NODRKZP88ZB9: 'SE', A1C3SOZRARQ6R3: 'PL', AMEN7PMS3EDWL: 'BE',
  A1VC38T7YXB528: 'JP', A39IBJ37TRP1C6: 'AU', A21TJRUUN4KGV: 'IN', A2VIGQ35RCS4UG: 'AE', A19VAU5U5O7RUS: 'SG',
};

export type CancelledBy = 'seller' | 'buyer';
export type FulfillmentChannel = 'MFN' | 'AFN';

/** An instant as it arrived: UTC milliseconds plus the offset (minutes east of UTC) it was written with. */
export interface Instant {
  ms: number;
  offsetMinutes: number;
}

export interface OrderRecord {
  orderId: string;
  marketplace: Marketplace;
  purchaseDate: number;
  /** Null when the source does not carry it (Amazon's All Orders report). */
  latestShipDate: number | null;
  /** End of the promised delivery day (or the instant given); null when unknown. */
  latestDeliveryDate: number | null;
  fulfillmentChannel: FulfillmentChannel;
  shipServiceLevel: string | null;
  /** A cancellation of the whole order (Amazon's order status); an item's own is on the item. */
  cancelledAt: number | null;
  cancelledBy: CancelledBy | null;
  /** A Seller Fulfilled Prime order; null or absent when the source does not say (a later source fills it). */
  isPrime?: boolean | null;
  /** The promised delivery (as `latestDeliveryDate`) before any promise extension, when the source gives both. */
  originalLatestDeliveryDate?: number | null;
}

export interface OrderItemRecord {
  orderId: string;
  orderItemId: string;
  sku: string;
  /** Empty when the source does not carry it; a later source fills it. */
  category: string;
  quantity: number;
  /** This item's own cancellation (definitions.md v2: LSR, CR); absent or null when none is known. */
  cancelledAt?: number | null;
  cancelledBy?: CancelledBy | null;
}

/** The part of VTR validity that depends only on what was confirmed (rules 1–3 of definitions.md). */
export type StaticTrackingDefect = 'no_tracking' | 'carrier_not_accepted' | 'carrier_mismatch';

/** Every VTR defect reason, in definitions.md order of precedence. */
export const VTR_DEFECT_REASONS = [
  'no_tracking',
  'carrier_not_accepted',
  'carrier_mismatch',
  'tracking_after_delivery',
  'no_carrier_scan',
  'delivery_scan_only',
  'needs_two_scans',
] as const;
export type VtrDefectReason = (typeof VTR_DEFECT_REASONS)[number];

export interface PackageRecord {
  orderId: string;
  packageRef: string;
  carrierCode: string | null;
  carrierName: string | null;
  shippingMethod: string | null;
  /** As typed. */
  trackingRaw: string | null;
  /** Normalised (no spaces, upper case); null when none was given. */
  trackingNumber: string | null;
  shipDate: number | null;
  confirmedAt: number | null;
  exempt: boolean;
  /** Registry id of the carrier this package is attributed to (from code/name, else detection). */
  carrierKey: string | null;
  staticDefect: StaticTrackingDefect | null;
  /** Stable problem codes from the validator, comma-separated for storage. */
  problems: string[];
  /** The package's declared value (exemption rules, the US cross-border rule), in `currency`. */
  declaredValue?: number | null;
  /** ISO 4217; null means the marketplace's currency. */
  currency?: string | null;
  /** ISO 3166 alpha-2 country the package ships from. */
  originCountry?: string | null;
  /** The label was bought through Amazon's Buy Shipping (it passes the carrier rule). */
  buyShipping?: boolean;
}

export interface PackageItemRecord {
  orderId: string;
  packageRef: string;
  orderItemId: string;
  quantity: number;
}

export interface TrackingEventRecord {
  /** Registry id of the carrier when known. */
  carrierKey: string | null;
  /** The carrier as given by the source (code or name). */
  carrierRaw: string;
  trackingNumber: string;
  occurredAt: number;
  offsetMinutes: number;
  status: TrackingStatus;
  code: string | null;
  description: string | null;
  location: string | null;
  source: string;
  /** The source's event id, or a stable identity derived from the event's fields. */
  eventKey: string;
}

/**
 * How a seller id is written inside a configuration variable's name (`VTRGUARD_SELLER_<SELLER>_…`): upper-cased,
 * anything but letters and digits as `_` (`shop-1` → `SHOP_1`). Ids that differ only there share their settings.
 */
export function envSellerName(sellerId: string): string {
  return sellerId.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
