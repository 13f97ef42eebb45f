import type { TrackingClient } from '../client.js';
import type { ClientOptions } from '../client-options.js';
import { createDhlClient } from './dhl.js';
import { createFedexClient } from './fedex.js';
import { createUpsClient } from './ups.js';
import { createUspsClient } from './usps.js';

/** Credentials as configuration supplies them; which fields a carrier needs is the carrier's business. */
export interface CarrierCredentials {
  clientId?: string;
  clientSecret?: string;
  apiKey?: string;
  merchantId?: string;
  baseUrl?: string;
}

export const PULL_CARRIERS = ['ups', 'fedex', 'usps', 'dhl'] as const;
export type PullCarrier = (typeof PULL_CARRIERS)[number];

export function isPullCarrier(key: string | null): key is PullCarrier {
  return key !== null && (PULL_CARRIERS as readonly string[]).includes(key);
}

/**
 * Registry carrier keys each API serves. DHL's Unified API answers for every DHL division, so packages of
 * dhl-express, dhl-paket and dhl-ecommerce are all polled through it.
 */
export const API_CARRIER_KEYS: Readonly<Record<PullCarrier, readonly string[]>> = {
  ups: ['ups'],
  fedex: ['fedex'],
  usps: ['usps'],
  dhl: ['dhl', 'dhl-express', 'dhl-paket', 'dhl-ecommerce'],
};

/** A client for the carrier, or null when the credentials it needs are missing. */
export function createTrackingClient(carrier: PullCarrier, credentials: CarrierCredentials, options: ClientOptions = {}): TrackingClient | null {
  const withBase = credentials.baseUrl ? { ...options, baseUrl: credentials.baseUrl } : options;
  const { clientId, clientSecret, apiKey } = credentials;
  switch (carrier) {
    case 'ups':
      return clientId && clientSecret
        ? createUpsClient({ clientId, clientSecret, ...(credentials.merchantId ? { merchantId: credentials.merchantId } : {}) }, withBase)
        : null;
    case 'fedex':
      return clientId && clientSecret ? createFedexClient({ clientId, clientSecret }, withBase) : null;
    case 'usps':
      return clientId && clientSecret ? createUspsClient({ clientId, clientSecret }, withBase) : null;
    case 'dhl':
      return apiKey ? createDhlClient({ apiKey }, withBase) : null;
  }
}
