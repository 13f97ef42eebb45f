import { describe, expect, it } from 'vitest';
import { Api, ApiError, buildUrl } from './api.js';

function recorder(response: () => Response): { calls: { url: string; init?: RequestInit }[]; api: Api } {
  const calls: { url: string; init?: RequestInit }[] = [];
  const api = new Api({
    apiKey: 'k1',
    fetch: async (url, init) => {
      calls.push({ url, init });
      return response();
    },
  });
  return { calls, api };
}

describe('api client', () => {
  it('leaves empty query values out so the server applies its defaults', () => {
    expect(buildUrl('/v1/metrics', { marketplace: 'US', asOf: undefined, category: '' })).toBe('/v1/metrics?marketplace=US');
    expect(buildUrl('/v1/x')).toBe('/v1/x');
    expect(buildUrl('/v1/defects', { category: 'Toys & Games' })).toBe('/v1/defects?category=Toys+%26+Games');
  });

  it('asks for VTR defects with the filter and sends the key', async () => {
    const { calls, api } = recorder(() => Response.json({ total: 0, offset: 0, limit: 250, items: [] }));
    await api.defects({ marketplace: 'US', asOf: '2026-11-20', carrier: 'UPS' });
    expect(calls[0]?.url).toBe('/v1/defects?metric=vtr&marketplace=US&asOf=2026-11-20&carrier=UPS&offset=0&limit=250');
    expect(new Headers(calls[0]?.init?.headers).get('authorization')).toBe('Bearer k1');
  });

  it('downloads the whole filtered list as CSV', async () => {
    const { calls, api } = recorder(() => new Response('orderId\n1\n'));
    const blob = await api.defectsCsv({ marketplace: 'US', category: 'Beauty' });
    expect(calls[0]?.url).toBe('/v1/defects?metric=vtr&marketplace=US&category=Beauty&format=csv');
    expect(await blob.text()).toBe('orderId\n1\n');
  });

  it('posts validate items with the marketplace', async () => {
    const { calls, api } = recorder(() => Response.json({ results: [] }));
    await api.validate([{ trackingNumber: '1Z', carrier: 'UPS' }], 'US');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ items: [{ trackingNumber: '1Z', carrier: 'UPS' }], marketplace: 'US' });
  });

  it('turns the catalogue error body into an ApiError', async () => {
    const { api } = recorder(() => Response.json({ error: { code: 'UNAUTHORIZED', message: 'A valid API key is required.' } }, { status: 401 }));
    const error = await api.marketplaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: 'A valid API key is required.' });
  });

  it('survives an error page that is not JSON', async () => {
    const { api } = recorder(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(api.marketplaces()).rejects.toMatchObject({ status: 502, code: 'HTTP_502', message: 'Bad Gateway' });
  });
});
