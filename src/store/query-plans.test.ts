import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrder, makeSeller, orderIdOf, US } from '../../test/mock-sp-api/fixtures.js';
import { startMockSpApi, type MockSeller, type MockSpApi } from '../../test/mock-sp-api/server.js';
import { startMockServer, type MockServer } from '../../test/mock-carriers/harness.js';
import { startUpsMock, type UpsMock } from '../../test/mock-carriers/ups.js';
import { deliveryBody, SIGNERS } from '../../test/mock-carriers/webhook-senders.js';
import { recordCredentialCheck } from '../alerts/signals.js';
import { confirmPackages } from '../app/amazon-confirm.js';
import { amazonDeps } from '../app/amazon-context.js';
import { startAmazonScheduler } from '../app/amazon-schedule.js';
import { keptFigures } from '../app/kept-figures.js';
import type { AmazonConfig } from '../config.js';
import { addDays, localDay } from '../core/time.js';
import { createDemo } from '../demo/create-demo.js';
import { generateDemo } from '../demo/generate.js';
import { trackingSettingsFromEnv } from '../ingest/tracking/credentials.js';
import { clientsFromSettings } from '../ingest/tracking/poller.js';
import { startTrackingWorker } from '../ingest/tracking/worker.js';
import { configuredSecretResolver } from '../ingest/webhooks/secrets.js';
import { DEFAULT_METRICS_CONFIG } from '../metrics/config.js';
import { createApiKey } from '../server/api-keys.js';
import { createApp } from '../server/app.js';
import { listConfirmations } from './amazon.js';
import { addOperatorSellers } from './operators.js';
import { toPostgres } from './postgres-driver.js';
import { sqlText } from './sql.js';
import type { SqlDriver, SqlParam, SqlText, SqlValue } from './sql.js';
import { SqlStore, sqlOf } from './sql-store.js';
import { dialectCases, sqliteDriver, TEST_PG_URL } from './testing.js';
import type { TestStore } from './testing.js';

/**
 * The statements the store runs on its hot paths may not walk a table that grows with the store. A past-day watch
 * list asked `first_scan_at IS NULL OR first_scan_at > ?`, which no index answered, and walked every package of the
 * seller for each page (2.5 s at 10M packages) while every test passed: on a small store a walk is as fast as a
 * lookup. So this test records every statement the store runs while the dashboard, the API, the writers and the work
 * `vtrguard serve` schedules (carrier polling, the Amazon round) serve a small store (through a recording driver
 * made here: production runs none), and asks each dialect how it would run
 * each one with the parameters it ran with: SQLite, which plans without table sizes (no ANALYZE is ever run on it),
 * by `EXPLAIN QUERY PLAN`; PostgreSQL by `EXPLAIN` with sequential scans off and its tables sized as a big store's
 * (`planner`), since it reads a small table whole where that is cheaper. The store keeps 400 days, so that the
 * statistics see a recent window (the poller's 30 days, say) as the small share of a big store it is.
 *
 * What a walk is: a scan of a growing table without an index, a scan of a whole index of one, or a lookup bounded by
 * nothing narrower than the seller, marketplace, metric or histogram level (the seller's whole share of the table:
 * the watch list's walk was one of those). A partial index that holds only a small share of its table by design
 * (WALK_FREE_INDEXES) bounds a read by itself, and so does a LIMIT the read stops at (`limitedRead`): the newest
 * rows of the seller read in the statement's order from an index, with no sort and no filter between the index and
 * the LIMIT.
 *
 * Statements that must walk (the full rebuild, migrations, exports of everything) are kept out by the sequence run:
 * the store is filled before recording starts, and so are the tables only the paths below write (alert deliveries,
 * feeds, the poll queue: PostgreSQL plans a table with no page as empty). BOUNDED_ANYWAY names the few whose plans
 * look like walks and are not. No walk is let pass: the last three found (the Amazon panel's, migration 027) are
 * mended, and docs/scaling.md tells them.
 */

/** The tables whose rows grow with orders, packages, events or days; the others hold settings, one row a seller or key. */
const GROWING_TABLES = new Set([
  'orders', 'order_items', 'packages', 'package_items', 'tracking_events', 'imports',
  'metric_rollups', 'metric_late_steps', 'defect_rollups', 'defect_late_steps', 'defect_counts',
  'scan_delay_rollups', 'scan_delay_late_steps', 'tracking_poll',
  'amazon_orders', 'amazon_packages', 'amazon_confirmations', 'amazon_feeds', 'amazon_catalog', 'amazon_sku_categories',
  'alert_deliveries',
]);

/** Columns that cut a growing table only into a few large parts: a bound on these alone still walks a part. */
const PARTITION_COLUMNS = new Set(['seller_id', 'marketplace', 'metric', 'level']);

/** Partial indexes over a small share of their table by design, so a read of one of them is bounded by itself. */
const WALK_FREE_INDEXES = new Map([
  ['packages_unscanned', 'packages still waiting for their first scan (migration 005): a few days of confirmations'],
]);

/** PostgreSQL: how many rows the planner is told each growing table holds (`planner`). */
const BIG_TABLE_ROWS = 10_000_000;

/**
 * Statements that read a growing table by the seller alone and are bounded all the same (the plan does not show
 * it), each with why. A statement is known by a piece of its text.
 */
const BOUNDED_ANYWAY: readonly { statement: string; why: string; dialect?: 'postgres' }[] = [
  {
    statement: 'SELECT MIN(marketplace) FROM orders WHERE seller_id = ?',
    why: "a seller's marketplaces, one index seek each: the MIN of the index column after the seller is its first entry",
  },
  {
    statement: 'DELETE FROM amazon_sku_categories WHERE seller_id = ?',
    why: "an upload of the seller's SKU list replaces the whole list: it deletes every row it replaces",
  },
];

const SELLER = 'plans';
const OPERATOR = 'plans-3pl';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The Amazon mock's orders are made with the real clock, so the whole store lives at it (a whole hour: stable days). */
const NOW = Math.floor(Date.now() / HOUR) * HOUR;
const TODAY = localDay(NOW, DEFAULT_METRICS_CONFIG.US.zone);
const PAST_DAY = addDays(TODAY, -10);
const WEBHOOK_SECRET = 'whsec-query-plans';
const UPS_ACCOUNT = { clientId: 'plans-ups', clientSecret: 'plans-ups-secret' };
/**
 * Amazon orders bought an hour ago, not shipped yet, each confirmed one way through the gateway with its number. Made
 * anew for each dialect's mock: the mock records a confirmed package on the order itself.
 */
const amazonOrder = (n: number, updatedAt: number) => makeOrder({ n, marketplaceId: US, createdAt: NOW - HOUR, updatedAt });
const ORDERS = {
  /** By one confirmShipment call. */
  fresh: { n: 9001, trackingNumber: '1Z999AA10123456784' },
  /** By feed before recording starts, so that the feeds table holds a finished feed. */
  seededFeed: { n: 9002, trackingNumber: '1ZQNZLQYYW42578153' },
  /** Read by the sync while recording, then confirmed by feed, and under the hold policy. */
  feed: { n: 9003, trackingNumber: '1ZI69FH60101018902' },
  held: { n: 9004, trackingNumber: '1Z879E930346834440' },
  /**
   * By one confirmShipment call Amazon carries out but whose answer is lost (failed, not refused): the schedule's
   * order sync then finds Amazon holding its package and settles it as sent (reading the feeds of its span).
   */
  lostAnswer: { n: 9005, trackingNumber: '1Z5R89390357567127' },
} as const;

/** Amazon's performance report of the last 30 days in the US (its figures need not match ours: they are reconciled). */
function performanceReport() {
  const range = (from: number, to: number) => ({ reportingDateFrom: `${addDays(TODAY, from)}T00:00Z`, reportingDateTo: `${addDays(TODAY, to)}T23:59Z` });
  const window = range(-30, -1);
  return {
    accountStatuses: [{ marketplaceId: US, status: 'NORMAL' }],
    performanceMetrics: [{
      marketplaceId: US,
      validTrackingRate: { reportingDateRange: window, shipmentCount: 150, validTrackingCount: 140, status: 'GOOD', rate: 140 / 150, targetValue: 0.95, targetCondition: 'GREATER_THAN' },
      lateShipmentRate: { reportingDateRange: window, orderCount: 160, lateShipmentCount: 6, status: 'GOOD', rate: 6 / 160, targetValue: 0.04, targetCondition: 'LESS_THAN' },
      preFulfillmentCancellationRate: { reportingDateRange: window, orderCount: 160, cancellationCount: 2, status: 'GOOD', rate: 2 / 160, targetValue: 0.025, targetCondition: 'LESS_THAN' },
      // Amazon's OTDR window ends a week back: its deliveries had their time to come.
      onTimeDeliveryRate: { reportingDateRange: range(-21, -8), shipmentCountWithValidTracking: 140, onTimeDeliveryCount: 130, status: 'GOOD', rate: 130 / 140, targetValue: 0.9, targetCondition: 'GREATER_THAN' },
    }],
  };
}

/** A UPS Track API package with one arrival scan two hours before `now` (the mock answers it for `trackingNumber`). */
function upsScanned(trackingNumber: string, now: number) {
  const at = new Date(now - 2 * HOUR).toISOString();
  const date = at.slice(0, 10).replaceAll('-', '');
  const time = at.slice(11, 19).replaceAll(':', '');
  return {
    trackingNumber,
    currentStatus: { type: 'I', code: 'AR', description: 'Arrived at Facility', statusCode: '005' },
    activity: [{
      date, time, gmtDate: date, gmtTime: time, gmtOffset: '+00:00',
      location: { address: { city: 'Louisville', stateProvince: 'KY', postalCode: '40201', countryCode: 'US' } },
      status: { type: 'I', code: 'AR', description: 'Arrived at Facility', statusCode: '005' }, logicalScan: false,
    }],
  };
}

interface Recorded {
  sql: string;
  /** The parameters of its first run, to plan it with. */
  params: readonly SqlParam[];
  useCases: Set<string>;
}

/** A driver that notes each statement before handing it on: a test's wrapper, nothing in production. */
class RecordingDriver implements SqlDriver {
  readonly dialect;
  readonly runColumns?: (sql: SqlText, columns: readonly (readonly SqlValue[])[]) => Promise<number>;

  constructor(private readonly inner: SqlDriver, private readonly note: (sql: SqlText, params: readonly SqlParam[]) => void) {
    this.dialect = inner.dialect;
    const runColumns = inner.runColumns?.bind(inner);
    if (runColumns) {
      this.runColumns = (sql, columns) => {
        note(sql, columns);
        return runColumns(sql, columns);
      };
    }
  }

  all<T extends object>(sql: SqlText, params: readonly SqlParam[] = []): Promise<T[]> {
    this.note(sql, params);
    return this.inner.all<T>(sql, params);
  }

  run(sql: SqlText, params: readonly SqlParam[] = []): Promise<number> {
    this.note(sql, params);
    return this.inner.run(sql, params);
  }

  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    if (rows.length > 0) this.note(sql, rows[0]!);
    return this.inner.runMany(sql, rows);
  }

  stream(sql: string, params: readonly SqlValue[], batchSize: number, onBatch: (rows: SqlValue[][]) => void): Promise<void> {
    this.note(sql, params);
    return this.inner.stream(sql, params, batchSize, onBatch);
  }

  rows(sql: SqlText, params: readonly SqlParam[]): Promise<SqlValue[][]> {
    this.note(sql, params);
    return this.inner.rows(sql, params);
  }

  exec(sql: string): Promise<void> {
    this.note(sql, []);
    return this.inner.exec(sql);
  }

  transaction<T>(fn: (tx: SqlDriver) => Promise<T>): Promise<T> {
    return this.inner.transaction((tx) => fn(tx === this.inner ? this : new RecordingDriver(tx, this.note)));
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** One step of a plan that walks a growing table. */
interface Walk {
  table: string;
  plan: string;
}

/** What `sql` calls its tables: alias (or name) -> table. */
function tableAliases(sql: string): Map<string, string> {
  const aliases = new Map<string, string>();
  const KEYWORDS = new Set(['ON', 'WHERE', 'JOIN', 'LEFT', 'INNER', 'CROSS', 'SET', 'USING', 'GROUP', 'ORDER', 'LIMIT', 'AS', 'SELECT', 'VALUES', 'DEFAULT', 'WITH']);
  for (const match of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+(?:temp\.)?(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const [, table, alias] = match;
    aliases.set(table!, table!);
    if (alias !== undefined && !KEYWORDS.has(alias.toUpperCase())) aliases.set(alias, table!);
  }
  return aliases;
}

/** Whether a lookup on these columns is narrower than a seller's whole share (PARTITION_COLUMNS). */
const bounded = (columns: readonly string[]): boolean => columns.some((column) => !PARTITION_COLUMNS.has(column));

/**
 * Whether a read of one seller's rows (`seller_id = ?`) looks them up by an index that does not lead with the seller:
 * its range holds every seller's rows (the past-day watch list read a window of every seller's confirmations through
 * the poller's index, migration 026: 9.4 s a page at 10M packages on PostgreSQL, where the right index takes 0.2 s).
 */
const acrossSellers = (sql: string, columns: readonly string[]): boolean =>
  /\bseller_id\s*=\s*\?/i.test(sql) && columns.length > 0 && !columns.includes('seller_id') && !columns.includes('rowid');

/** Whether an index lookup of `sql` on these columns walks: the seller's whole share, or a range of every seller's. */
const lookupWalks = (sql: string, columns: readonly string[]): boolean => !bounded(columns) || acrossSellers(sql, columns);

/**
 * Whether `sql` compares `column` with a value or a list (`IS NOT NULL` and `<>` bound nothing; `IS NULL` is an
 * equality), alone or in a row value (`(seller_id, package_id) IN (…)`: each of its columns is looked up).
 */
const compares = (sql: string, column: string): boolean => {
  const conditions = withoutAssignments(sql);
  return new RegExp(`\\b${column}\\s*(?:=|<(?!>)|>|IN\\b|BETWEEN\\b|IS\\s+NULL\\b)`, 'i').test(conditions)
    || new RegExp(`\\((?:\\s*[\\w.]+\\s*,)*\\s*${column}\\s*(?:,\\s*[\\w.]+\\s*)*\\)\\s*IN\\b`, 'i').test(conditions);
};

/**
 * `sql` without the assignments of its SET lists (an UPDATE's, an upsert's `DO UPDATE SET`), up to the clause after
 * them: `tracking_number = excluded.tracking_number` compares nothing. The poll queue's upsert of a batch's packages
 * read `tracking_number IS NOT NULL` on SQLite as a range of every numbered package of the seller, and passed for
 * bounded by its SET list (src/store/tracking-poll.ts `queuePackages`).
 */
const withoutAssignments = (sql: string): string => sql.replace(/\bSET\b[\s\S]*?(?=\bWHERE\b|\bFROM\b|\bRETURNING\b|$)/gi, 'SET ');

/** `sql` with each subquery `(SELECT …)` left empty: `()`. */
function withoutSubqueries(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    if (sql[i] === '(' && /^\(\s*(?:SELECT|WITH)\b/i.test(sql.slice(i))) {
      let depth = 0;
      let end = i;
      for (; end < sql.length; end++) {
        if (sql[end] === '(') depth++;
        else if (sql[end] === ')' && --depth === 0) break;
      }
      out += '()';
      i = end;
    } else {
      out += sql[i];
    }
  }
  return out;
}

/** A statement whose read of its first table a LIMIT can bound (`limitedRead`): that table and what its WHERE compares. */
interface LimitedRead {
  table: string;
  columns: readonly string[];
}

/**
 * Whether `sql` is a read a LIMIT bounds, if its plan reads its first table in the statement's order from an index
 * (which each dialect's plan must then show): a lookup by the seller alone is no walk when it stops after the LIMIT's
 * rows, however many the seller has (the newest feeds, migration 027). That holds only when every row read in order
 * is a row of the result, so that nothing can reject the rows one after another to the end of the seller's: the
 * statement has an ORDER BY and a LIMIT of its own (not a subquery's); no GROUP BY, DISTINCT, set operation or
 * window; no join but LEFT JOINs (they never drop a row of the first table; an inner join could drop all but a few);
 * and a WHERE made only of `column = ?` on the first table, which the index read must be bounded by (any other
 * condition could be a filter on the ordered rows). Null when it is not such a statement.
 */
function limitedRead(sql: string): LimitedRead | null {
  const top = withoutSubqueries(sql).replace(/\s+/g, ' ').trim();
  if (!/^SELECT\b/i.test(top) || !/\bORDER BY\b[^()]*\bLIMIT\b/i.test(top)) return null;
  if (/\b(?:GROUP BY|HAVING|DISTINCT|UNION|INTERSECT|EXCEPT|OVER)\b/i.test(top)) return null;
  if ([...top.matchAll(/\b(\w+ )?JOIN\b/gi)].some(([, kind]) => kind?.trim().toUpperCase() !== 'LEFT')) return null;
  const from = /\bFROM (\w+)(?: (?:AS )?(\w+))?(.*?)(?:\bWHERE\b|\bORDER BY\b)/i.exec(top);
  if (!from || from[3]!.includes(',')) return null;
  const [, table, alias] = from;
  const names = new Set([table, ...(alias !== undefined && !/^(?:LEFT|WHERE|ORDER)$/i.test(alias) ? [alias] : [])]);
  const where = /\bWHERE (.*?) ORDER BY\b/i.exec(top)?.[1];
  const columns: string[] = [];
  for (const term of where === undefined ? [] : where.split(/\bAND\b/i)) {
    const equality = /^\s*(?:(\w+)\.)?(\w+)\s*=\s*\?\s*$/.exec(term);
    if (!equality || (equality[1] !== undefined && !names.has(equality[1]))) return null;
    columns.push(equality[2]!);
  }
  return { table: table!, columns };
}

/**
 * Columns each of whose values holds a share of its table that grows with the store's history (a confirmation's state:
 * the sent, refused and failed ones pile up). An equality on one bounds a read that takes each row it finds (the held
 * queue, a few by design), but not a read that sorts what it finds for a LIMIT: the sort takes every row of the value
 * (of each value of a list) for one page, where an index in the LIMIT's order gives the page's worth. The Amazon
 * panel's 20 newest refused, failed and partial confirmations read and sorted every one the seller ever had (migration
 * 029). In a read sorted for a LIMIT (`sortedForLimit`) they count as partition columns.
 */
const HISTORY_COLUMNS = new Set(['state']);

/** Whether `sql` has an ORDER BY with a LIMIT, of its own or of a subquery: a read its plan sorts is sorted for it. */
const sortedForLimit = (sql: string): boolean => /\bORDER BY\b[^()]*\bLIMIT\b/i.test(sql);

/** The columns of a lookup that narrow it: without HISTORY_COLUMNS when what it reads is sorted for a LIMIT. */
const narrowing = (columns: readonly string[], sortedForLimit: boolean): readonly string[] =>
  sortedForLimit ? columns.filter((column) => !HISTORY_COLUMNS.has(column)) : columns;

/** SQLite: the walks in `EXPLAIN QUERY PLAN` of a statement. */
function sqliteWalks(db: Database, indexTables: Map<string, string>, sql: string, params: readonly SqlParam[]): Walk[] {
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as SqlValue[])) as { parent: number; detail: string }[];
  const aliases = tableAliases(sql);
  // A read the LIMIT bounds (`limitedRead`) is the statement's outermost loop, and no temporary B-tree of the
  // statement itself sorts its rows (a subquery's has the subquery for parent): the loop yields them in order.
  const limited = limitedRead(sql);
  const statementSteps = plan.filter((step) => step.parent === 0);
  const outerLoop = statementSteps.find((step) => /^(?:SCAN|SEARCH) /.test(step.detail));
  const inOrder = limited !== null && !statementSteps.some((step) => step.detail.startsWith('USE TEMP B-TREE'));
  // A subquery or view SQLite runs apart is named like the alias it has in the statement; a scan of it reads its rows.
  const subqueries = new Set(plan.flatMap(({ detail }) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(detail)?.[1] ?? []));
  // A loop whose rows are sorted: a temporary B-tree for an ORDER BY beside it, in its statement or subquery.
  const sortedParents = new Set(plan.filter((step) => /^USE TEMP B-TREE FOR (?:LAST TERM OF )?ORDER BY/.test(step.detail)).map((step) => step.parent));
  const forLimit = sortedForLimit(sql);
  const walks: Walk[] = [];
  for (const planStep of plan) {
    const { detail } = planStep;
    const step = /^(SCAN|SEARCH) (\S+)(?: EXISTS)?(?: USING (?:COVERING )?INDEX (\S+)| USING (?:INTEGER )?PRIMARY KEY)?(?: \((.*)\))?/.exec(detail);
    if (!step) continue;
    const [, kind, name, index, constraint] = step;
    if (index === undefined && subqueries.has(name!)) continue;
    const table = (index !== undefined ? indexTables.get(index) : undefined) ?? aliases.get(name!) ?? name!;
    if (!GROWING_TABLES.has(table) || (index !== undefined && WALK_FREE_INDEXES.has(index))) continue;
    // SQLite reads `x IS NOT NULL` as the range `x > NULL`: a column bounds the read only if the statement compares it
    // (the rowid is the integer key under another name).
    const columns = [...(constraint ?? '').matchAll(/(\w+)(?:=|>|<| IN\b)/g)].map((m) => m[1]!).filter((column) => column === 'rowid' || compares(sql, column));
    const boundedByLimit = inOrder && planStep === outerLoop && index !== undefined && table === limited.table
      && limited.columns.every((column) => columns.includes(column));
    const narrows = narrowing(columns, forLimit && sortedParents.has(planStep.parent));
    if (!boundedByLimit && (kind === 'SCAN' || lookupWalks(sql, narrows))) walks.push({ table, plan: detail });
  }
  return walks;
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'Join Type'?: string;
  'Parent Relationship'?: string;
  Plans?: PgPlanNode[];
}

/** The plan nodes that read a table's rows (a ModifyTable node names its table too, but writes the rows it is given). */
const PG_SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Tid Scan', 'Tid Range Scan']);

/** PostgreSQL: the walks in the plan of a statement, sequential scans off (an index that can answer is then used). */
async function postgresWalks(client: pg.Client, emptyTables: ReadonlySet<string>, sql: string, params: readonly SqlParam[]): Promise<Walk[]> {
  const result = await client.query<{ 'QUERY PLAN': [{ Plan: PgPlanNode }] }>(`EXPLAIN (FORMAT JSON) ${toPostgres(sql)}`, params as unknown[]);
  const walks: Walk[] = [];
  const root = result.rows[0]!['QUERY PLAN'][0].Plan;
  const columnsOf = (condition: string | undefined) => [...(condition ?? '').matchAll(/(\w+) (?:(?:=|<>|<|>|<=|>=) |IS NULL\b)/g)].map((m) => m[1]!);
  // A read the LIMIT bounds (`limitedRead`): the Limit node at the top, over left nested loops' outer sides only, an
  // index scan of the first table without a filter (so no sort, and no row read that the LIMIT does not count).
  let limitedScan: PgPlanNode | undefined;
  const limited = limitedRead(sql);
  if (limited !== null && root['Node Type'] === 'Limit') {
    const outer = (node: PgPlanNode) => node.Plans?.find((child) => child['Parent Relationship'] === 'Outer');
    let node = outer(root);
    while (node?.['Node Type'] === 'Nested Loop' && node['Join Type'] === 'Left') node = outer(node);
    if (node && ['Index Scan', 'Index Only Scan'].includes(node['Node Type']) && node.Filter === undefined && node['Relation Name'] === limited.table
      && limited.columns.every((column) => columnsOf(node['Index Cond']).includes(column))) limitedScan = node;
  }
  // A read sorted for a LIMIT (HISTORY_COLUMNS): under a Sort under a Limit, with no other Limit between them.
  const visit = (node: PgPlanNode, indexOfBitmap?: string, underLimit = false, sorted = false) => {
    const table = node['Relation Name'];
    const type = node['Node Type'];
    if (table !== undefined && GROWING_TABLES.has(table) && !emptyTables.has(table) && PG_SCANS.has(type) && node !== limitedScan) {
      const index = node['Index Name'] ?? indexOfBitmap;
      const condition = node['Index Cond'] ?? node['Recheck Cond'];
      const columns = narrowing(columnsOf(condition), sorted);
      const walk = type === 'Seq Scan' || (!(index !== undefined && WALK_FREE_INDEXES.has(index)) && lookupWalks(sql, columns));
      if (walk) walks.push({ table, plan: `${type} on ${table}${index ? ` using ${index}` : ''}${condition ? ` (${condition})` : ''}` });
    }
    const bitmapIndex = node.Plans?.find((child) => child['Node Type'] === 'Bitmap Index Scan')?.['Index Name'];
    const belowLimit = underLimit || type === 'Limit';
    const sortedBelow = type === 'Limit' ? false : sorted || (type === 'Sort' && belowLimit);
    for (const child of node.Plans ?? []) visit(child, bitmapIndex, belowLimit, sortedBelow);
  };
  visit(root);
  return walks;
}

/** Statements that can be planned; the others (DDL, ANALYZE, transaction settings) are not reads or writes of rows. */
const PLANNABLE = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i;

describe('a read the LIMIT bounds', () => {
  // Only the LIMIT bounds these reads of the seller's feeds: each is a walk unless the index gives the rows in the
  // statement's order and every row it gives counts towards the LIMIT.
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE TABLE amazon_feeds (seller_id TEXT NOT NULL, feed_key TEXT NOT NULL, state TEXT NOT NULL, created_at BIGINT NOT NULL,
      PRIMARY KEY (seller_id, feed_key));
    CREATE INDEX amazon_feeds_created ON amazon_feeds (seller_id, created_at, feed_key);
    CREATE TABLE packages (seller_id TEXT NOT NULL, feed_key TEXT NOT NULL, PRIMARY KEY (seller_id, feed_key));`);
  const indexTables = new Map([['amazon_feeds_created', 'amazon_feeds']]);
  const walks = (sql: string, params: SqlValue[]) => sqliteWalks(db, indexTables, sql, params).map((walk) => walk.plan);

  it('is no walk when the index gives the rows in order, each one counting towards the LIMIT', () => {
    expect(walks('SELECT * FROM amazon_feeds WHERE seller_id = ? ORDER BY created_at DESC, feed_key DESC LIMIT ?', ['s', 10])).toEqual([]);
    expect(walks(`SELECT f.*, p.feed_key AS ours FROM amazon_feeds f LEFT JOIN packages p ON p.seller_id = f.seller_id AND p.feed_key = f.feed_key
      WHERE f.seller_id = ? ORDER BY f.created_at DESC, f.feed_key DESC LIMIT ?`, ['s', 10])).toEqual([]);
  });

  it('is a walk without a LIMIT of the statement\'s own, with a sort, with a filter or an inner join the LIMIT does not count', () => {
    const read = 'SEARCH amazon_feeds USING INDEX amazon_feeds_created (seller_id=?)';
    expect(walks('SELECT * FROM amazon_feeds WHERE seller_id = ? ORDER BY created_at DESC, feed_key DESC', ['s'])).toEqual([read]);
    expect(walks('SELECT * FROM amazon_feeds WHERE seller_id = ? ORDER BY created_at DESC, state LIMIT ?', ['s', 10])).toHaveLength(1);
    expect(walks('SELECT * FROM amazon_feeds WHERE seller_id = ? AND state = ? ORDER BY created_at DESC, feed_key DESC LIMIT ?', ['s', 'DONE', 10])).toEqual([read]);
    expect(walks(`SELECT f.* FROM amazon_feeds f JOIN packages p ON p.seller_id = f.seller_id AND p.feed_key = f.feed_key
      WHERE f.seller_id = ? ORDER BY f.created_at DESC, f.feed_key DESC LIMIT ?`, ['s', 10])).toEqual([expect.stringMatching(/^SEARCH f USING INDEX amazon_feeds_created/)]);
    // A subquery's LIMIT is not judged (the rule reads the statement's own): left to BOUNDED_ANYWAY should one run.
    expect(walks('SELECT COUNT(*) AS n FROM (SELECT * FROM amazon_feeds WHERE seller_id = ? ORDER BY created_at DESC, feed_key DESC LIMIT ?)', ['s', 10]))
      .toEqual([read]);
  });
});

describe('a read sorted for a LIMIT', () => {
  // A state bounds a read of the seller's confirmations that takes every row it finds, not one that sorts them for a page.
  const db = new BetterSqlite3(':memory:');
  db.exec(`CREATE TABLE amazon_confirmations (seller_id TEXT NOT NULL, confirmation_id TEXT NOT NULL, state TEXT NOT NULL, hold_until BIGINT,
      created_at BIGINT NOT NULL, PRIMARY KEY (seller_id, confirmation_id));
    CREATE INDEX amazon_confirmations_state ON amazon_confirmations (seller_id, state, hold_until);`);
  const walks = (sql: string, params: SqlValue[]) => sqliteWalks(db, new Map([['amazon_confirmations_state', 'amazon_confirmations']]), sql, params)
    .map((walk) => walk.plan);
  const newest = 'ORDER BY created_at DESC, confirmation_id DESC LIMIT ?';
  const read = 'SEARCH amazon_confirmations USING INDEX amazon_confirmations_state (seller_id=? AND state=?)';

  it('is a walk when the rows of a state, or of a list of them, are sorted for the page, in the statement or a subquery', () => {
    expect(walks(`SELECT * FROM amazon_confirmations WHERE seller_id = ? AND state IN (?, ?) ${newest}`, ['s', 'refused', 'failed', 20])).toEqual([read]);
    expect(walks(`SELECT * FROM amazon_confirmations WHERE seller_id = ? AND state = ? ${newest}`, ['s', 'refused', 20])).toEqual([read]);
    expect(walks(`SELECT * FROM (SELECT * FROM amazon_confirmations WHERE seller_id = ? AND state = ? ${newest}) AS s0 ${newest}`, ['s', 'refused', 20, 20]))
      .toEqual([read]);
  });

  it('is bounded by the state when every row found is taken, or when they come in the order of an index', () => {
    expect(walks('SELECT COUNT(*) AS n FROM amazon_confirmations WHERE seller_id = ? AND state = ?', ['s', 'held'])).toEqual([]);
    expect(walks('SELECT * FROM amazon_confirmations WHERE seller_id = ? AND state = ? ORDER BY hold_until LIMIT ?', ['s', 'held', 20])).toEqual([]);
  });
});

const dialects = await dialectCases();

describe.each(dialects)('query plans on $name', ({ name, available, fresh }) => {
  let db: TestStore;
  let mock: MockSpApi;
  let amazonSeller: MockSeller;
  let amazon: AmazonConfig;
  let ups: UpsMock;
  let alertReceiver: MockServer;
  let operatorKey: string;
  let app: FastifyInstance;
  let recording: SqlStore;
  const recorded = new Map<string, Recorded>();
  /** The use case the statements run now belong to; null while the store is made ready (nothing is recorded then). */
  let useCase: string | null = null;

  const request = async (label: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: string | object, headers: Record<string, string> = {}) => {
    useCase = label;
    const response = await app.inject({ method, url, ...(payload === undefined ? {} : { payload }), headers, remoteAddress: '127.0.0.1' });
    expect(response.statusCode, `${label ?? 'before recording'}: ${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300);
    return response;
  };
  const get = (label: string | null, url: string, headers?: Record<string, string>) => request(label, 'GET', url, undefined, headers);
  const confirmation = ({ n, trackingNumber }: { n: number; trackingNumber: string }) => ({
    orderId: orderIdOf(n), carrierCode: 'UPS', trackingNumber, shipDate: new Date(NOW - HOUR).toISOString(),
  });
  /** Confirms a package by feed, then follows the feed as a client does after the 202 (the server follows it meanwhile) until Amazon has ended it. */
  const confirmByFeed = async (label: string | null, order: { n: number; trackingNumber: string }) => {
    const submitted = await request(label, 'POST', '/v1/confirmations', { feed: true, confirmations: [confirmation(order)] });
    const { feeds, outcomes } = submitted.json() as { feeds: { feedId: string }[]; outcomes: { state: string }[] };
    expect(outcomes.map((o) => o.state), submitted.body).toEqual(['sending']);
    const feedId = feeds[0]!.feedId;
    for (let polls = 0; polls < 400; polls++) {
      const { feed } = (await get(label, `/v1/amazon/feeds/${feedId}`)).json() as { feed: { finishedAt: number | null } };
      if (feed.finishedAt !== null) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`feed ${feedId} did not finish`);
  };

  beforeAll(async () => {
    if (!available) return;
    db = await fresh();
    await createDemo(db.store, SELLER, DEFAULT_METRICS_CONFIG, { now: NOW, days: 400, ordersPerDay: { US: 2, UK: 1, DE: 1 }, seed: 5 });
    amazonSeller = makeSeller('plans', { count: 6, marketplaceIds: [US], now: NOW, performanceReport: performanceReport() });
    for (const { n } of [ORDERS.fresh, ORDERS.seededFeed, ORDERS.lostAnswer]) {
      const order = amazonOrder(n, NOW - 600_000);
      amazonSeller.orders.set(order.orderId, order);
    }
    mock = await startMockSpApi([amazonSeller]);
    mock.settleMs = 0;
    mock.pollsToFinish = 1;
    amazon = { secretKey: randomBytes(32), endpoint: mock.url, tokenUrl: mock.tokenUrl, feedPollMs: 5 };
    // UPS answers a scan for each of the seller's UPS packages on their way; others it does not know (404).
    const upsPackages: Record<string, unknown> = {};
    ups = await startUpsMock(UPS_ACCOUNT, upsPackages);
    const onTheirWay = await sqlOf(db.store).all<{ tracking_number: string }>(
      `SELECT tracking_number FROM packages WHERE seller_id = ? AND carrier_key = 'ups' AND delivered_at IS NULL AND tracking_number IS NOT NULL`, [SELLER],
    );
    for (const { tracking_number: number } of onTheirWay) upsPackages[number] = upsScanned(number, NOW);
    alertReceiver = await startMockServer(() => ({ status: 204 }));
    await addOperatorSellers(db.store, OPERATOR, [SELLER], NOW);
    operatorKey = (await createApiKey(db.store, OPERATOR, 'plans-ops', NOW, { operator: true })).key;

    // Every statement of the app's store goes through the recorder; the store's own threads stay off (no location).
    recording = new SqlStore(new RecordingDriver(sqlOf(db.store), (sql, params) => {
      if (useCase === null) return;
      const text = sqlText(sql);
      const seen = recorded.get(text);
      if (seen) seen.useCases.add(useCase);
      else recorded.set(text, { sql: text, params, useCases: new Set([useCase]) });
    }));
    app = await createApp({
      store: recording, defaultSellerId: SELLER, now: () => NOW, rateLimit: { max: 1_000_000, windowMs: 60_000 },
      webhookSecrets: configuredSecretResolver([{ sellerKey: '*', provider: 'aftership', secret: WEBHOOK_SECRET }]),
      amazon,
      trackingClients: clientsFromSettings(trackingSettingsFromEnv({ VTRGUARD_UPS_CLIENT_ID: UPS_ACCOUNT.clientId, VTRGUARD_UPS_CLIENT_SECRET: UPS_ACCOUNT.clientSecret, VTRGUARD_UPS_BASE_URL: ups.url })),
      access: { trustedProxies: [], allowedHosts: ['localhost', '127.0.0.1', '::1'], allowPrivateAlertTargets: true },
    });

    // The tables that only these paths write hold rows before recording starts, as a running store's do (PostgreSQL
    // plans a table with no page on disk as empty, whatever its statistics say): notifications sent to a channel, a
    // feed Amazon has processed, the carrier poll queue (FedEx's packages: no FedEx account, so each waits an hour).
    await request(null, 'POST', '/v1/alerts/channels', { kind: 'webhook', url: `${alertReceiver.url}/alerts`, secret: 'alert-secret-query-plans' });
    // No package is overdue for its first scan yet by this rule's hours: the change below makes it a new alert.
    await request(null, 'PATCH', '/v1/alerts/rules/no_first_scan', { params: { hours: 100_000 } });
    expect((await request(null, 'POST', '/v1/alerts/evaluate', {})).json().sent).toBeGreaterThan(0);
    await request(null, 'POST', '/v1/amazon/connection', { clientId: amazonSeller.clientId, clientSecret: amazonSeller.clientSecret, refreshToken: amazonSeller.refreshToken, region: 'na' });
    await request(null, 'POST', '/v1/amazon/sync', {});
    await confirmByFeed(null, ORDERS.seededFeed);
    expect((await request(null, 'POST', '/v1/track', { carriers: ['fedex'] })).json()).toMatchObject({ skipped: ['fedex'] });
    // Orders Amazon has had since: the sync below reads them.
    const since = Date.now();
    for (const { n } of [ORDERS.feed, ORDERS.held]) {
      const order = amazonOrder(n, since);
      amazonSeller.orders.set(order.orderId, order);
    }
  });
  afterAll(async () => {
    await app?.close();
    await mock?.close();
    await ups?.close();
    await alertReceiver?.close();
    await db?.dispose();
  });

  it.skipIf(!available)('no statement of a hot path walks a table that grows with the store', async () => {
    for (const url of ['/v1/marketplaces', '/v1/metrics', '/v1/metrics?marketplace=US&view=amazon', '/v1/trend?marketplace=US', '/v1/forecast?marketplace=US', '/v1/scorecard?marketplace=US', '/v1/attention']) {
      await get('dashboard today', url);
    }
    for (const url of [`/v1/metrics?marketplace=US&asOf=${PAST_DAY}`, `/v1/trend?marketplace=US&asOf=${PAST_DAY}`, `/v1/scorecard?marketplace=US&asOf=${PAST_DAY}`]) {
      await get('figures as of a past day', url);
    }
    for (const metric of ['vtr', 'lsr', 'cr', 'otdr']) {
      await get('defect list today', `/v1/defects?metric=${metric}&marketplace=US&offset=0&limit=50`);
      await get('defect list of a past day', `/v1/defects?metric=${metric}&marketplace=US&asOf=${PAST_DAY}&offset=0&limit=50`);
    }
    await get('defect list today', '/v1/defects?metric=vtr&marketplace=US&offset=20&limit=20');
    await get('defect list today', '/v1/defects?metric=vtr&marketplace=US&carrier=UPS&offset=0&limit=50');
    await get('watch list today', '/v1/watch?limit=500');
    await get('watch list of a past day', `/v1/watch?marketplace=US&asOf=${PAST_DAY}&limit=500`);

    // A 3PL's first screen, and the dashboard it opens for one of its sellers.
    const asOperator = { 'x-api-key': operatorKey };
    await get('operator overview', '/v1/operator/sellers', asOperator);
    await get('operator overview', '/v1/session', { ...asOperator, 'x-vtrguard-seller': SELLER });
    await get('operator overview', '/v1/metrics?marketplace=US', { ...asOperator, 'x-vtrguard-seller': SELLER });

    // Carrier scans by webhook: first scans of packages still waiting, deliveries of scanned ones.
    const waiting = await sqlOf(db.store).all<{ tracking_number: string; first_scan_at: number | null }>(
      `SELECT tracking_number, first_scan_at FROM packages WHERE seller_id = ? AND tracking_number IS NOT NULL AND delivered_at IS NULL
       ORDER BY first_scan_at IS NULL DESC, confirmed_at DESC LIMIT 6`,
      [SELLER],
    );
    for (const [k, pkg] of waiting.entries()) {
      const body = deliveryBody('aftership', { trackingNumber: pkg.tracking_number, time: new Date(NOW - HOUR).toISOString(), seq: k, delivered: pkg.first_scan_at !== null });
      await request('webhook events', 'POST', `/v1/webhooks/aftership?seller=${SELLER}`, body, { 'content-type': 'application/json', ...SIGNERS.aftership(body, WEBHOOK_SECRET) });
    }

    // Carrier polling: the seller's own pass (POST /v1/track), then the worker `vtrguard serve` runs for every seller,
    // a day later (the packages polled then are due again, FedEx's come back without an account).
    expect((await request('carrier polling', 'POST', '/v1/track', { carriers: ['ups'] })).json().inserted).toBeGreaterThan(0);
    useCase = 'carrier polling';
    const worker = await startTrackingWorker({
      store: recording, figures: keptFigures(DEFAULT_METRICS_CONFIG), now: () => NOW + DAY,
      settings: trackingSettingsFromEnv({ VTRGUARD_UPS_CLIENT_ID: UPS_ACCOUNT.clientId, VTRGUARD_UPS_CLIENT_SECRET: UPS_ACCOUNT.clientSecret, VTRGUARD_UPS_BASE_URL: ups.url }),
    });
    const pass = await worker.idle();
    await worker.stop();
    expect(pass?.polled).toBeGreaterThan(0);

    // Imports evaluate alerts: with a channel, what changed is queued and sent.
    await request('SKU categories import', 'POST', '/v1/imports/sku-categories?fileName=skus.csv', 'sku,category\nSKU-1,Garden\nSKU-2,Toys & Games\n', { 'content-type': 'text/csv' });
    const more = generateDemo({ now: NOW, days: 2, ordersPerDay: { US: 6, UK: 2, DE: 2 }, seed: 11 });
    await request('shipments import', 'POST', '/v1/imports?format=shipments&fileName=more.csv', more.shipmentsCsv, { 'content-type': 'text/csv' });
    await request('events import', 'POST', '/v1/imports?format=events&fileName=more.jsonl', more.eventsJsonl, { 'content-type': 'application/x-ndjson' });
    await request('tracking number check', 'POST', '/v1/validate', { items: [{ trackingNumber: waiting[0]!.tracking_number, carrier: 'UPS' }] });

    // Alerts with a rule changed: the overdue first scans it now finds are a new alert, queued and sent to the channel.
    await request('alert evaluation', 'PATCH', '/v1/alerts/rules/no_first_scan', { params: { hours: 24 } });
    expect((await request('alert evaluation', 'POST', '/v1/alerts/evaluate', {})).json().sent).toBeGreaterThan(0);
    await get('alert evaluation', '/v1/alerts');
    await get('alert evaluation', '/v1/alerts?all=true');

    await request('Amazon order sync', 'POST', '/v1/amazon/connection', {
      clientId: amazonSeller.clientId, clientSecret: amazonSeller.clientSecret, refreshToken: amazonSeller.refreshToken, region: 'na',
    });
    await request('Amazon order sync', 'POST', '/v1/amazon/sync', {});
    await get('Amazon status', '/v1/amazon/status');
    const fresh = await request('confirmation', 'POST', '/v1/confirmations', { confirmations: [confirmation(ORDERS.fresh)] });
    expect((fresh.json() as { outcomes: { state: string }[] }).outcomes.map((o) => o.state), fresh.body).toEqual(['sent']);
    // The client gives up after its second try, each carried out by Amazon and answered 503.
    useCase = 'confirmation';
    const lostAnswerDeps = { ...amazonDeps(recording, { amazon, metrics: DEFAULT_METRICS_CONFIG }), retry: { attempts: 2, baseMs: 1, maxMs: 1 } };
    mock.faults.push(...Array.from({ length: 2 }, () => ({ status: 503, body: {}, afterApplying: true })));
    const [lost] = await confirmPackages(lostAnswerDeps, SELLER, [{ ...confirmation(ORDERS.lostAnswer), shipDate: NOW - HOUR }]);
    expect(lost).toMatchObject({ state: 'failed', reason: expect.stringContaining('confirmShipment failed after 2 tries') });
    await confirmByFeed('confirmation by feed', ORDERS.feed);
    await get('Amazon status', '/v1/amazon/feeds');
    await request('held confirmation', 'PUT', '/v1/amazon/hold-policy', { untilFirstScan: true });
    const held = await request('held confirmation', 'POST', '/v1/confirmations', { confirmations: [confirmation(ORDERS.held)] });
    const [heldOutcome] = (held.json() as { outcomes: { confirmationId: string; state: string }[] }).outcomes;
    expect(heldOutcome?.state).toBe('held');
    await get('held confirmation', '/v1/confirmations?state=held');
    const overview = (await get('operator overview', '/v1/operator/sellers', asOperator)).json() as { sellers: { heldConfirmations: number }[] };
    expect(overview.sellers.map((s) => s.heldConfirmations)).toEqual([1]);

    // `vtrguard serve`'s Amazon round for every connected seller: order sync, held queue, open feeds, the daily report.
    useCase = 'Amazon schedule';
    const scheduleErrors: string[] = [];
    const scheduler = startAmazonScheduler(amazonDeps(recording, { amazon, metrics: DEFAULT_METRICS_CONFIG }, { onCredential: recordCredentialCheck }), {
      syncEveryMs: DAY, heldEveryMs: DAY, reportEveryMs: DAY, onError: (seller, task, error) => scheduleErrors.push(`${task} of ${seller}: ${String(error)}`),
    });
    await scheduler.runOnce();
    await scheduler.stop();
    expect(scheduleErrors).toEqual([]);
    expect(await listConfirmations(db.store, SELLER, ['sent'])).toContainEqual(expect.objectContaining({ confirmationId: lost!.confirmationId }));
    // Settling it read the feeds created in its span (store/amazon.ts feedsCreatedBetween): that read is planned below.
    expect([...recorded.values()].filter((r) => r.sql.includes('FROM amazon_feeds WHERE seller_id = ? AND created_at >= ?')).map((r) => [...r.useCases]))
      .toEqual([['Amazon schedule']]);
    await request('held confirmation', 'POST', `/v1/confirmations/${heldOutcome!.confirmationId}/release`, {});
    expect((await request('Amazon performance report', 'POST', '/v1/amazon/reports', {})).json().state).toBe('DONE');
    await request('reconcile', 'POST', '/v1/reconcile', performanceReport());

    const failures: string[] = [];
    let planned = 0;
    const explain = await planner(name, db);
    try {
      for (const statement of recorded.values()) {
        const boundedAnyway = BOUNDED_ANYWAY.some((known) => statement.sql.includes(known.statement) && (known.dialect ?? name) === name);
        if (!PLANNABLE.test(statement.sql) || boundedAnyway) continue;
        planned++;
        for (const walk of await explain(statement.sql, statement.params)) {
          failures.push(`${[...statement.useCases].join(', ')}: walks ${walk.table}: ${walk.plan}\n    ${statement.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
        }
      }
    } finally {
      await explain.close();
    }
    expect(planned).toBeGreaterThan(80);
    expect(failures, `statements that walk a growing table:\n${failures.join('\n')}`).toEqual([]);
  });
});

interface Planner {
  (sql: string, params: readonly SqlParam[]): Promise<Walk[]>;
  close(): Promise<void>;
}

/** Plans statements on the test store's database: SQLite on its write connection (its temporary tables live there). */
async function planner(dialect: 'sqlite' | 'postgres', db: TestStore): Promise<Planner> {
  if (dialect === 'sqlite') {
    const { db: connection } = sqliteDriver(db.store);
    const indexTables = new Map((connection.prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'`).all() as { name: string; tbl_name: string }[])
      .map((r) => [r.name, r.tbl_name]));
    return Object.assign(async (sql: string, params: readonly SqlParam[]) => sqliteWalks(connection, indexTables, sql, params), { close: async () => undefined });
  }
  const schema = db.store.location?.options.schema;
  const client = new pg.Client({ connectionString: TEST_PG_URL, ...(schema ? { options: `-c search_path=${schema}` } : {}) });
  await client.connect();
  // The planner sizes a table by its pages on disk times the rows per page its statistics last counted: with those
  // rows per page as if each growing table held BIG_TABLE_ROWS, it plans the small store's statements as it would a
  // big one's (a small table is read whole, as it should be, and would hide every walk). The statistics come first,
  // and say that a seller's rows are all of the table, as in a big store of one seller (without statistics they are
  // guessed at 0.5%; from a table of one row, at one row). Only this schema's catalog changes, and nothing analyzes
  // it again before the plans are read.
  const { rows: tables } = await client.query<{ relname: string; empty: boolean }>(
    `SELECT relname, pg_relation_size(oid) = 0 AS empty FROM pg_class WHERE relnamespace = $1::regnamespace AND relkind = 'r' AND relname = ANY($2)`,
    [schema, [...GROWING_TABLES]],
  );
  // A table with no page on disk is planned as holding no row, whatever its statistics say: its plans tell nothing,
  // and only SQLite (which plans without sizes) judges the statements on it.
  const emptyTables = new Set(tables.filter((t) => t.empty).map((t) => t.relname));
  for (const { relname } of tables) await client.query(`ALTER TABLE ${relname} ALTER COLUMN seller_id SET (n_distinct = 1)`);
  await client.query(`ANALYZE ${tables.map((t) => t.relname).join(', ')}`);
  await client.query(
    `UPDATE pg_class SET reltuples = ${BIG_TABLE_ROWS}, relpages = GREATEST(pg_relation_size(oid) / current_setting('block_size')::int, 1)
     WHERE relnamespace = $1::regnamespace AND relkind = 'r' AND relname = ANY($2)`,
    [schema, [...GROWING_TABLES]],
  );
  await client.query('SET enable_seqscan = off');
  return Object.assign((sql: string, params: readonly SqlParam[]) => postgresWalks(client, emptyTables, sql, params), { close: () => client.end() });
}
