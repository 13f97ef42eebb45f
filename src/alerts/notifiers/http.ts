import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { pinTarget } from '../targets.js';
import type { TargetPolicy } from '../targets.js';

/** Settings every HTTP notifier shares. */
export interface HttpSendOptions {
  timeoutMs: number;
  /** Which addresses a receiver may have (targets.ts). */
  targets: TargetPolicy;
}

/** How much of a refusing receiver's answer goes into the delivery's error. */
const ERROR_TEXT_CHARS = 200;

/**
 * POSTs a body and fails on anything but 2xx, with the receiver's status in the message. The receiver's name is
 * resolved and checked first, and the connection goes to that checked address (the `lookup` below answers with
 * it), so a name cannot resolve to one address for the check and another for the connection. Redirects are not
 * followed (a 3xx is a failure): a redirect could lead anywhere.
 */
export async function postJson(url: string, body: string, headers: Record<string, string>, options: HttpSendOptions): Promise<void> {
  const target = new URL(url);
  const pinned = await pinTarget(target.hostname, 'url', options.targets);
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  await new Promise<void>((resolve, reject) => {
    const request = send(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'vtrguard-alerts',
        'content-length': String(Buffer.byteLength(body)),
        ...headers,
      },
      lookup,
      signal: AbortSignal.timeout(options.timeoutMs),
    }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      // Read to the end (so the socket is released) but keep only what an error message needs.
      response.on('data', (chunk: string) => { if (text.length < ERROR_TEXT_CHARS) text += chunk; });
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve();
        else reject(new Error(`HTTP ${status} from ${target.host}: ${text.slice(0, ERROR_TEXT_CHARS)}`));
      });
    });
    request.on('error', (error) => {
      reject(error.name === 'AbortError' ? new Error(`no answer from ${target.host} within ${options.timeoutMs} ms`) : error);
    });
    request.end(body);
  });
}
