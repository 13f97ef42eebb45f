import type { Marketplace } from '../core/domain.js';
import { localDay } from '../core/time.js';
import type { PackageWrite } from '../store/store.js';
import { assessConfirmation } from '../validate/assess.js';

export interface ConfirmationFields {
  orderId: string;
  packageRef: string;
  marketplace: Marketplace;
  zone: string;
  carrierCode: string | null;
  carrierName: string | null;
  shippingMethod: string | null;
  trackingRaw: string | null;
  shipDate: number | null;
  confirmedAt: number | null;
  exempt: boolean;
  declaredValue?: number | null;
  currency?: string | null;
  originCountry?: string | null;
  buyShipping?: boolean;
}

/** A confirmed package as stored: the validator's verdict (VTR rules 1–3) is kept with it. */
export function toPackageWrite(fields: ConfirmationFields): PackageWrite {
  const verdict = assessConfirmation({
    carrierCode: fields.carrierCode,
    carrierName: fields.carrierName,
    trackingNumber: fields.trackingRaw,
    marketplace: fields.marketplace,
  });
  return {
    orderId: fields.orderId,
    packageRef: fields.packageRef,
    carrierCode: fields.carrierCode,
    carrierName: fields.carrierName,
    shippingMethod: fields.shippingMethod,
    trackingRaw: fields.trackingRaw,
    trackingNumber: verdict.trackingNumber,
    shipDate: fields.shipDate,
    confirmedAt: fields.confirmedAt,
    confirmDay: fields.confirmedAt === null ? null : localDay(fields.confirmedAt, fields.zone),
    exempt: fields.exempt,
    carrierKey: verdict.carrierKey,
    staticDefect: verdict.staticDefect,
    problems: verdict.problems,
    declaredValue: fields.declaredValue ?? null,
    currency: fields.currency ?? null,
    originCountry: fields.originCountry ?? null,
    buyShipping: fields.buyShipping ?? false,
  };
}
