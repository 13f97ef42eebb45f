/**
 * The dashboard's only door to vtrguard: typed calls to the REST API (`/v1`), with the types generated from
 * its OpenAPI document; nothing here computes a metric.
 */
import type { paths } from './api-types.js';

/**
 * Every shape here comes from the generated api-types.ts (openapi-typescript over /openapi.json): the page and
 * the server cannot drift apart. Aliases name the parts the views use.
 */
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A } ? JsonOf<A> : never
  : never;
/** One marketplace's report: the endpoints answer an array (every marketplace) or null only without ?marketplace. */
type One<T> = Exclude<T, readonly unknown[] | null>;

export type MetricsReport = One<Ok<'/v1/metrics', 'get'>>;
export type Status = MetricsReport['vtr']['overall']['status'];
export type VtrCategoryFigure = MetricsReport['vtr']['byCategory'][number];
export type MarketplaceInfo = Ok<'/v1/marketplaces', 'get'>['marketplaces'][number];
export type TrendReport = Ok<'/v1/trend', 'get'>;
/** A VTR figure for one as-of day (trend) or one future day (forecast). */
export type RatePoint = TrendReport['overall'][number];
export type ForecastReport = One<Ok<'/v1/forecast', 'get'>>;
export type GroupForecast = ForecastReport['overall'];
export type ScorecardReport = Ok<'/v1/scorecard', 'get'>;
export type CarrierScore = ScorecardReport['carriers'][number];
export type DefectPage = Ok<'/v1/defects', 'get'>;
export type DefectRow = DefectPage['items'][number];
/** A confirmed package still waiting for its first carrier scan (GET /v1/watch), with what to do next. */
export type WatchRow = Ok<'/v1/watch', 'get'>['items'][number];
/** What needs attention now in every marketplace (GET /v1/attention). */
export type AttentionReport = Ok<'/v1/attention', 'get'>;
export type AttentionMetric = AttentionReport['metrics'][number];
export type UpcomingDefect = AttentionReport['upcomingDefects']['items'][number];
export type ShipByOrder = AttentionReport['dueToShip']['items'][number];
export type DefectMetric = DefectPage['metric'];
export type ValidationResult = Ok<'/v1/validate', 'post'>['results'][number];
/** The seller's Amazon connection as `vtrguard amazon status` shows it (GET /v1/amazon/status). */
export type AmazonStatus = Ok<'/v1/amazon/status', 'get'>;
export type ConfirmationOutcome = AmazonStatus['confirmations']['held'][number];
export type PackageDifference = AmazonStatus['differences'][number];
export type FigureGap = NonNullable<NonNullable<AmazonStatus['report']>['reconciliation']>[number];
export type AmazonFeed = Ok<'/v1/amazon/feeds', 'get'>['feeds'][number];
type ValidateBody = NonNullable<paths['/v1/validate']['post']['requestBody']>['content']['application/json'];
export type ValidateItem = ValidateBody['items'][number];

export interface DefectFilter {
  /** Default: vtr. */
  metric?: DefectMetric;
  marketplace: string;
  asOf?: string;
  carrier?: string;
  category?: string;
}

/**
 * Rows the defects table fetches (ten of its 25-row pages; the CSV has them all). A page's cost is reading its
 * packages: 250 keep PostgreSQL at 10M packages under the 50 ms bar, 1,000 did not (docs/dashboard.md).
 */
export const DEFECT_FETCH_LIMIT = 250;

/** A failed call, with the API's error code when it sent one (see docs/errors.md). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiOptions {
  /** Prefix of every call: '' for the same origin. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …` when the server asks for per-seller keys. */
  apiKey?: string | null;
  fetch?: FetchLike;
}

type Query = Record<string, string | number | undefined | null>;

/** Builds `path?a=1&b=2`, leaving out empty values so the server applies its own defaults. */
export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export class Api {
  private readonly baseUrl: string;
  private apiKey: string | null;
  private readonly fetchImpl: FetchLike;

  constructor(options: ApiOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.apiKey = options.apiKey ?? null;
    // Bound so that calling it detached from `window` does not throw "Illegal invocation".
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Switches the key for every later call (the page asks for one when the server answers 401). */
  setApiKey(key: string | null): void {
    this.apiKey = key;
  }

  private seller: string | null = null;

  /** The seller an operator (3PL) key acts for from now on (the `x-vtrguard-seller` header); null for a seller's key. */
  setSeller(seller: string | null): void {
    this.seller = seller;
  }

  /** The headers every call carries: the key, and the seller an operator key acts for (an upload sends them itself). */
  authHeaders(): Record<string, string> {
    return { ...(this.apiKey ? { authorization: `Bearer ${this.apiKey}` } : {}), ...(this.seller ? { 'x-vtrguard-seller': this.seller } : {}) };
  }

  async marketplaces(): Promise<MarketplaceInfo[]> {
    const body = await this.json<{ marketplaces: MarketplaceInfo[] }>('/v1/marketplaces');
    return body.marketplaces;
  }

  /** `view`: `live` (default) or Amazon's lagged `amazon` view (definitions v2). */
  metrics(marketplace: string, asOf?: string, view?: 'live' | 'amazon'): Promise<MetricsReport> {
    return this.json<MetricsReport>(buildUrl('/v1/metrics', { marketplace, asOf, view }));
  }

  trend(marketplace: string, asOf?: string, days = 60): Promise<TrendReport> {
    return this.json<TrendReport>(buildUrl('/v1/trend', { marketplace, asOf, days }));
  }

  forecast(marketplace: string, asOf?: string, category?: string): Promise<ForecastReport> {
    return this.json<ForecastReport>(buildUrl('/v1/forecast', { marketplace, asOf, category }));
  }

  scorecard(marketplace: string, asOf?: string): Promise<ScorecardReport> {
    return this.json<ScorecardReport>(buildUrl('/v1/scorecard', { marketplace, asOf }));
  }

  defects(filter: DefectFilter, offset = 0, limit = DEFECT_FETCH_LIMIT): Promise<DefectPage> {
    return this.json<DefectPage>(this.defectsUrl(filter, { offset, limit }));
  }

  /** All the defects of the filter as CSV: the report Seller Central gives, days earlier. */
  async defectsCsv(filter: DefectFilter): Promise<Blob> {
    const response = await this.request(this.defectsUrl(filter, { format: 'csv' }));
    return response.blob();
  }

  /** One marketplace's packages waiting for a first scan: now, or at the end of a past as-of day. */
  async watch(marketplace: string, asOf?: string, limit = 500): Promise<WatchRow[]> {
    const body = await this.json<{ items: WatchRow[] }>(buildUrl('/v1/watch', { marketplace, asOf, limit }));
    return body.items;
  }

  /** Every marketplace's flagged metrics, upcoming defects and what is about to become one, as of now. */
  attention(): Promise<AttentionReport> {
    return this.json<AttentionReport>('/v1/attention');
  }

  async validate(items: readonly ValidateItem[], marketplace?: string): Promise<ValidationResult[]> {
    const body = await this.json<{ results: ValidationResult[] }>('/v1/validate', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(marketplace ? { items, marketplace } : { items }),
    });
    return body.results;
  }

  amazonStatus(): Promise<AmazonStatus> {
    return this.json<AmazonStatus>('/v1/amazon/status');
  }

  /** The latest confirmation feeds, newest first. */
  async amazonFeeds(): Promise<AmazonFeed[]> {
    return (await this.json<{ feeds: AmazonFeed[] }>('/v1/amazon/feeds')).feeds;
  }

  /** Sends a held confirmation to Amazon now, whatever its scan. */
  releaseConfirmation(confirmationId: string): Promise<ConfirmationOutcome> {
    return this.json<ConfirmationOutcome>(`/v1/confirmations/${encodeURIComponent(confirmationId)}/release`, {
      method: 'POST',
      // A change without a body: the header says it is this page's own request (the server's CSRF rule).
      headers: { 'x-requested-with': 'vtrguard-dashboard' },
    });
  }

  private defectsUrl(filter: DefectFilter, extra: Query): string {
    return buildUrl('/v1/defects', {
      metric: filter.metric ?? 'vtr',
      marketplace: filter.marketplace,
      asOf: filter.asOf,
      carrier: filter.carrier,
      category: filter.category,
      ...extra,
    });
  }

  /** A call answered with JSON; the views of web/src/ops-api.ts name their routes through it. */
  async json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  /** A call whose answer the caller reads itself (a 204, a file); a failure throws ApiError. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [name, value] of Object.entries(this.authHeaders())) headers.set(name, value);
    const response = await this.fetchImpl(this.baseUrl + path, { ...init, headers });
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

export async function toApiError(response: Response): Promise<ApiError> {
  let code = 'HTTP_' + response.status;
  let message = response.statusText || `Request failed with status ${response.status}`;
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const inner = (record.error && typeof record.error === 'object' ? record.error : record) as Record<string, unknown>;
      if (typeof inner.code === 'string') code = inner.code;
      if (typeof inner.message === 'string') message = inner.message;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): the status line is all there is.
  }
  return new ApiError(response.status, code, message);
}
