import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * Who is asking: the one place that reads the peer address and the proxy headers (issue 18, item 12). Every
 * header a proxy may set to name the client — X-Forwarded-For, Forwarded, X-Real-IP — is believed only when the
 * peer is a configured proxy; from anyone else it is ignored. Any of them makes a request non-local.
 */
export const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

export class ClientResolver {
  private readonly proxies = new BlockList();
  private readonly anyProxy: boolean;

  constructor(trustedProxies: readonly string[]) {
    for (const entry of trustedProxies) {
      const [address = '', bits] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.proxies.addAddress(address, type);
      else this.proxies.addSubnet(address, Number(bits), type);
    }
    this.anyProxy = trustedProxies.length > 0;
  }

  private trusted(address: string): boolean {
    if (!this.anyProxy || isIP(address) === 0) return false;
    const plain = unmapped(address);
    return this.proxies.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The client's address: the peer's, or — when the peer is a trusted proxy — the nearest address the chain of
   * trusted proxies vouches for (the right-most untrusted entry of X-Forwarded-For, else of Forwarded's `for=`,
   * else X-Real-IP).
   */
  address(request: FastifyRequest): string {
    const peer = unmapped(request.socket.remoteAddress ?? '');
    if (!this.trusted(peer)) return peer;
    for (const chain of [forwardedFor(request), forwardedElements(request), single(request, 'x-real-ip')]) {
      if (chain.length === 0) continue;
      let client = peer;
      for (let i = chain.length - 1; i >= 0; i--) {
        client = chain[i]!;
        if (!this.trusted(client)) break;
      }
      return isIP(client) === 0 ? peer : client;
    }
    return peer;
  }

  /**
   * A connection from this machine that no proxy relayed: none of the proxy headers, whoever sent them. A local
   * reverse proxy (trusted or not) would otherwise hand the key-less local seller to everyone it serves.
   */
  directLocal(request: FastifyRequest): boolean {
    return isLoopback(request.socket.remoteAddress ?? '') && PROXY_HEADERS.every((name) => request.headers[name] === undefined);
  }
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

function isLoopback(address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  return family !== 0 && LOOPBACK.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** `::ffff:10.0.0.1` is 10.0.0.1. */
function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function headerValues(request: FastifyRequest, name: string): string[] {
  const value = request.headers[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((v) => v.split(','));
}

function single(request: FastifyRequest, name: string): string[] {
  const [value] = headerValues(request, name);
  return value === undefined ? [] : [cleanAddress(value)];
}

function forwardedFor(request: FastifyRequest): string[] {
  return headerValues(request, 'x-forwarded-for').map(cleanAddress);
}

/** RFC 7239: `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"`. */
function forwardedElements(request: FastifyRequest): string[] {
  return headerValues(request, 'forwarded').flatMap((element) => {
    const pair = element.split(';').map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('for='));
    return pair === undefined ? [] : [cleanAddress(pair.slice(4))];
  });
}

/** An address as headers write it: quoted, bracketed, with a port. */
function cleanAddress(text: string): string {
  const value = text.trim().replace(/^"|"$/g, '');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) return unmapped(bracketed[1]!);
  const v4WithPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  return unmapped(v4WithPort ? v4WithPort[1]! : value);
}
