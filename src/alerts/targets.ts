import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { VtrguardError } from '../core/errors.js';

/**
 * Alert channels send requests from vtrguard's own network position, so a channel pointed at an internal address
 * (the cloud metadata service at 169.254.169.254, a database on loopback, a router on a private range) would let
 * whoever can add a channel reach it (issue 18 item 11). Such targets are refused when a channel is added (for
 * addresses written as such and loopback names) and again when it sends, after DNS resolution, against the very
 * address it then connects to — so a public name that resolves (or later rebinds) to a private address is refused
 * too, and the check cannot be raced. VTRGUARD_ALERTS_ALLOW_PRIVATE=1 allows them (a receiver on this machine).
 */

/** Resolves a host name to every address it has; injected by tests. */
export type Resolve = (hostname: string) => Promise<readonly string[]>;

export interface TargetPolicy {
  /** VTRGUARD_ALERTS_ALLOW_PRIVATE: internal addresses are allowed. */
  allowPrivate: boolean;
  /** The system resolver when absent. */
  resolve?: Resolve;
}

/** The default: internal addresses are refused. */
export const REFUSE_INTERNAL: TargetPolicy = { allowPrivate: false };

export const ALLOW_PRIVATE_HINT = 'set VTRGUARD_ALERTS_ALLOW_PRIVATE=1 to allow internal receivers';

const INTERNAL_V4: readonly (readonly [string, number, string])[] = [
  ['0.0.0.0', 8, '"this network"'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const INTERNAL_V6: readonly (readonly [string, number, string])[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::', 96, 'IPv4-compatible'],
  ['fc00::', 7, 'unique local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'site-local'],
  ['ff00::', 8, 'multicast'],
  ['2001:db8::', 32, 'documentation'],
];

function blockList(ranges: readonly (readonly [string, number, string])[], type: 'ipv4' | 'ipv6'): [BlockList, string][] {
  return ranges.map(([network, prefix, kind]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return [list, kind];
  });
}

const V4 = blockList(INTERNAL_V4, 'ipv4');
const V6 = blockList(INTERNAL_V6, 'ipv6');

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex?.[1] || !hex[2]) return null;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** What kind of internal address `address` (an IP literal) is, or null for a public one. */
export function internalKind(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 4) return V4.find(([list]) => list.check(bare, 'ipv4'))?.[1] ?? null;
  if (version !== 6) return null;
  const v4 = embeddedIpv4(bare);
  if (v4 !== null) return internalKind(v4);
  return V6.find(([list]) => list.check(bare, 'ipv6'))?.[1] ?? null;
}

/**
 * The host as an http URL reads it: the WHATWG parser turns the other spellings of an IPv4 address (`127.1`,
 * `2130706433`, `0x7f.0.0.1`) into dotted form for http(s), but leaves an smtp URL's host as written — and the
 * system resolver still takes those spellings for the address.
 */
function canonicalHost(hostname: string): string {
  try {
    return new URL(`http://${hostname}/`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return hostname.replace(/^\[|\]$/g, '');
  }
}

/** Names that mean this machine whatever DNS says (RFC 6761). */
function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain';
}

function refused(field: string, host: string, kind: string, resolvedFrom?: string): VtrguardError {
  const where = resolvedFrom ? `${resolvedFrom} resolves to ${host}, a ${kind} address` : `${host} is a ${kind} address`;
  return new VtrguardError('ALERT_TARGET_INTERNAL', `${where}; alerts are not sent to internal networks (${ALLOW_PRIVATE_HINT}).`, {
    field,
    value: resolvedFrom ?? host,
  });
}

/**
 * When a channel is added: refuses a URL whose host is an internal address as written, or a loopback name.
 * Other names are checked when the channel sends, against what they resolve to then.
 */
export function checkTargetAsWritten(url: URL, field: string, policy: TargetPolicy): void {
  if (policy.allowPrivate) return;
  const host = canonicalHost(url.hostname);
  if (isLocalName(host)) throw refused(field, host, 'loopback');
  const kind = internalKind(host);
  if (kind !== null) throw refused(field, host, kind);
}

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

const systemResolve: Resolve = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/**
 * When a channel sends: the address to connect to for `hostname`, after checking every address it resolves to
 * (one internal address among public ones refuses the lot: which one a connection gets is not ours to choose).
 * The caller connects to exactly this address, so nothing can rebind the name between check and connection.
 */
export async function pinTarget(hostname: string, field: string, policy: TargetPolicy): Promise<PinnedAddress> {
  const host = canonicalHost(hostname);
  if (!policy.allowPrivate && isLocalName(host)) throw refused(field, host, 'loopback');
  const addresses = isIP(host) ? [host] : await (policy.resolve ?? systemResolve)(host);
  const first = addresses[0];
  if (first === undefined) throw new Error(`${field}: ${host} does not resolve to any address`);
  if (!policy.allowPrivate) {
    for (const address of addresses) {
      const kind = internalKind(address);
      if (kind !== null) throw refused(field, address, kind, isIP(host) ? undefined : host);
    }
  }
  return { address: first, family: isIP(first) === 6 ? 6 : 4 };
}
