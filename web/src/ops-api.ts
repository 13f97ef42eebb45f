/**
 * The calls of the import, settings and sellers views (issue 19, items 10 and 12), typed from the generated
 * api-types.ts like api.ts's; the upload goes through XMLHttpRequest, the one browser API that reports upload
 * progress.
 */
import type { paths } from './api-types.js';
import { ApiError, toApiError } from './api.js';
import type { Api } from './api.js';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Answer<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch', S extends number = 200> = paths[P][M] extends { responses: infer R }
  ? R extends Record<S, infer A> ? JsonOf<A> : never
  : never;
type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type ImportSummary = Answer<'/v1/imports', 'post'>;
export type SkuCategoriesSummary = Answer<'/v1/imports/sku-categories', 'post'>;
export type AlertRule = Answer<'/v1/alerts/rules', 'get'>['rules'][number];
export type AlertChannel = Answer<'/v1/alerts/channels', 'get'>['channels'][number];
export type ChannelInput = BodyOf<'/v1/alerts/channels/{channelId}', 'put'>;
export type SellerSummary = Answer<'/v1/operator/sellers', 'get'>['sellers'][number];
export type SellersOverview = Answer<'/v1/operator/sellers', 'get'>;
export type Session = Answer<'/v1/session', 'get'>;
export type CredentialState = Answer<'/v1/credentials', 'get'>['credentials'][number];
export type CarrierCredentialsInput = BodyOf<'/v1/credentials/carriers/{carrier}', 'put'>;
export type AmazonCredentialsInput = BodyOf<'/v1/credentials/amazon', 'put'>;
export type ConnectionTest = Answer<'/v1/credentials/amazon/test', 'post'>;

/** What the page sends a file as: any file `POST /v1/imports` reads (sniffed), or a SKU → category list. */
export type UploadKind = 'import' | 'sku-categories';

export interface UploadOptions {
  kind: UploadKind;
  skipInvalid: boolean;
  /** Bytes sent so far of the total, as the browser reports them. */
  onProgress: (sent: number, total: number) => void;
}

const json = (body: unknown): RequestInit => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export class OpsApi {
  constructor(private readonly api: Api) {}

  /**
   * Sends one file as a multipart form with progress; resolves with the import's summary. The options go in the query
   * (the server reads no form field). `x-requested-with` marks it as this page's own (the server's CSRF rule).
   */
  upload(file: File, options: UploadOptions): Promise<ImportSummary | SkuCategoriesSummary> {
    const path = options.kind === 'sku-categories' ? '/v1/imports/sku-categories' : `/v1/imports?skipInvalid=${options.skipInvalid}`;
    const form = new FormData();
    form.append('file', file, file.name);
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', path);
      xhr.setRequestHeader('x-requested-with', 'vtrguard-dashboard');
      for (const [name, value] of Object.entries(this.api.authHeaders())) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (event) => options.onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
      xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', 'The upload did not reach the server.')));
      xhr.addEventListener('load', () => {
        const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } });
        if (xhr.status >= 200 && xhr.status < 300) resolve(response.json() as Promise<ImportSummary>);
        else void toApiError(response).then(reject);
      });
      xhr.send(form);
    });
  }

  async rules(): Promise<AlertRule[]> {
    return (await this.api.json<Answer<'/v1/alerts/rules', 'get'>>('/v1/alerts/rules')).rules;
  }

  updateRule(ruleId: string, change: { enabled?: boolean; params?: Record<string, number> }): Promise<AlertRule> {
    return this.api.json<AlertRule>(`/v1/alerts/rules/${encodeURIComponent(ruleId)}`, { method: 'PATCH', ...json(change) });
  }

  async channels(): Promise<AlertChannel[]> {
    return (await this.api.json<Answer<'/v1/alerts/channels', 'get'>>('/v1/alerts/channels')).channels;
  }

  addChannel(input: ChannelInput): Promise<AlertChannel> {
    return this.api.json<AlertChannel>('/v1/alerts/channels', { method: 'POST', ...json(input) });
  }

  updateChannel(channelId: string, input: ChannelInput): Promise<AlertChannel> {
    return this.api.json<AlertChannel>(`/v1/alerts/channels/${encodeURIComponent(channelId)}`, { method: 'PUT', ...json(input) });
  }

  async removeChannel(channelId: string): Promise<void> {
    await this.api.request(`/v1/alerts/channels/${encodeURIComponent(channelId)}`, { method: 'DELETE', headers: { 'x-requested-with': 'vtrguard-dashboard' } });
  }

  /** Who the key is: asked first, so a seller's key never calls the overview it would be refused. */
  session(): Promise<Session> {
    return this.api.json<Session>('/v1/session');
  }

  sellers(): Promise<SellersOverview> {
    return this.api.json<SellersOverview>('/v1/operator/sellers');
  }

  async credentials(): Promise<CredentialState[]> {
    return (await this.api.json<Answer<'/v1/credentials', 'get'>>('/v1/credentials')).credentials;
  }

  setCarrierCredentials(carrier: string, input: CarrierCredentialsInput): Promise<CredentialState> {
    return this.api.json<CredentialState>(`/v1/credentials/carriers/${encodeURIComponent(carrier)}`, { method: 'PUT', ...json(input) });
  }

  async removeCarrierCredentials(carrier: string): Promise<void> {
    await this.api.request(`/v1/credentials/carriers/${encodeURIComponent(carrier)}`, { method: 'DELETE', headers: { 'x-requested-with': 'vtrguard-dashboard' } });
  }

  setAmazonCredentials(input: AmazonCredentialsInput): Promise<CredentialState> {
    return this.api.json<CredentialState>('/v1/credentials/amazon', { method: 'PUT', ...json(input) });
  }

  async removeAmazonCredentials(): Promise<void> {
    await this.api.request('/v1/credentials/amazon', { method: 'DELETE', headers: { 'x-requested-with': 'vtrguard-dashboard' } });
  }

  testAmazonConnection(): Promise<ConnectionTest> {
    return this.api.json<ConnectionTest>('/v1/credentials/amazon/test', { method: 'POST', headers: { 'x-requested-with': 'vtrguard-dashboard' } });
  }
}
