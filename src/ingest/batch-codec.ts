import type { OrderItemRecord, PackageItemRecord, TrackingEventRecord } from '../core/domain.js';
import type { OrderWrite, PackageWrite, WriteBatch } from '../store/store.js';

/**
 * A WriteBatch as a few typed arrays and one table of distinct strings, for the hand-off from the mapping
 * thread (src/ingest/map-worker.ts). Cloning plain record objects cost the receiving thread 6–7 µs a row;
 * this shape costs it ~1 µs to receive (the arrays' buffers are transferred, not copied) and ~1 µs to decode,
 * because a batch repeats most of its strings (order ids across four record kinds, days, carriers, sellers'
 * constants): each distinct string is cloned once.
 */
export interface EncodedBatch {
  strings: string[];
  orders: EncodedRecords;
  items: EncodedRecords;
  packages: EncodedRecords;
  packageItems: EncodedRecords;
  events: EncodedRecords;
}

interface EncodedRecords {
  count: number;
  /** Per cell (record-major): what `values` holds there, see Tag. */
  tags: Uint8Array<ArrayBuffer>;
  values: Float64Array<ArrayBuffer>;
}

const enum Tag {
  Null = 0,
  Number = 1,
  String = 2,
  True = 3,
  False = 4,
  /** A list of strings, joined by LIST_SEPARATOR (an empty list is the empty string's index). */
  List = 5,
}

/** Never in a problem code. */
const LIST_SEPARATOR = '\u001f';

type Cell = string | number | boolean | null | readonly string[];

/** Reads the cells of one record kind in order; a decoder calls one method per field, in its field order. */
class CellReader {
  private at = 0;

  constructor(
    private readonly records: EncodedRecords,
    private readonly strings: readonly string[],
  ) {}

  private next(): number {
    return this.records.values[this.at++]!;
  }

  private nextIsNull(): boolean {
    if (this.records.tags[this.at] !== Tag.Null) return false;
    this.at++;
    return true;
  }

  string(): string {
    return this.strings[this.next()]!;
  }

  stringOrNull(): string | null {
    return this.nextIsNull() ? null : this.string();
  }

  number(): number {
    return this.next();
  }

  numberOrNull(): number | null {
    return this.nextIsNull() ? null : this.next();
  }

  boolean(): boolean {
    return this.records.tags[this.at++] === Tag.True;
  }

  booleanOrNull(): boolean | null {
    return this.nextIsNull() ? null : this.boolean();
  }

  list(): string[] {
    const joined = this.string();
    return joined === '' ? [] : joined.split(LIST_SEPARATOR);
  }
}

/**
 * How one record kind is rebuilt: an object literal, so that every record has one shape (assigning fields by
 * name cost ~3 µs a row). Its property order is the order the encoder writes the fields in (`fieldsOf`).
 */
type Decoder<T> = (c: CellReader) => T;

const decodeOrder: Decoder<OrderWrite> = (c) => ({
  orderId: c.string(),
  marketplace: c.string() as OrderWrite['marketplace'],
  purchaseDate: c.number(),
  latestShipDate: c.numberOrNull(),
  latestDeliveryDate: c.numberOrNull(),
  fulfillmentChannel: c.string() as OrderWrite['fulfillmentChannel'],
  shipServiceLevel: c.stringOrNull(),
  cancelledAt: c.numberOrNull(),
  cancelledBy: c.stringOrNull() as OrderWrite['cancelledBy'],
  isPrime: c.booleanOrNull(),
  originalLatestDeliveryDate: c.numberOrNull(),
  purchaseDay: c.string(),
  shipByDay: c.stringOrNull(),
  promisedDay: c.stringOrNull(),
});

const decodeItem: Decoder<OrderItemRecord> = (c) => ({
  orderId: c.string(),
  orderItemId: c.string(),
  sku: c.string(),
  category: c.string(),
  quantity: c.number(),
  cancelledAt: c.numberOrNull(),
  cancelledBy: c.stringOrNull() as OrderItemRecord['cancelledBy'],
});

const decodePackage: Decoder<PackageWrite> = (c) => ({
  orderId: c.string(),
  packageRef: c.string(),
  carrierCode: c.stringOrNull(),
  carrierName: c.stringOrNull(),
  shippingMethod: c.stringOrNull(),
  trackingRaw: c.stringOrNull(),
  trackingNumber: c.stringOrNull(),
  shipDate: c.numberOrNull(),
  confirmedAt: c.numberOrNull(),
  exempt: c.boolean(),
  carrierKey: c.stringOrNull(),
  staticDefect: c.stringOrNull() as PackageWrite['staticDefect'],
  problems: c.list(),
  confirmDay: c.stringOrNull(),
  declaredValue: c.numberOrNull(),
  currency: c.stringOrNull(),
  originCountry: c.stringOrNull(),
  buyShipping: c.boolean(),
});

const decodePackageItem: Decoder<PackageItemRecord> = (c) => ({
  orderId: c.string(),
  packageRef: c.string(),
  orderItemId: c.string(),
  quantity: c.number(),
});

const decodeEvent: Decoder<TrackingEventRecord> = (c) => ({
  carrierKey: c.stringOrNull(),
  carrierRaw: c.string(),
  trackingNumber: c.string(),
  occurredAt: c.number(),
  offsetMinutes: c.number(),
  status: c.string() as TrackingEventRecord['status'],
  code: c.stringOrNull(),
  description: c.stringOrNull(),
  location: c.stringOrNull(),
  source: c.string(),
  eventKey: c.string(),
});

/** The decoder's property order, read off one record it builds from empty cells. */
function fieldsOf<T extends object>(decode: Decoder<T>): readonly (keyof T)[] {
  const empty: EncodedRecords = { count: 1, tags: new Uint8Array(64), values: new Float64Array(64) };
  return Object.keys(decode(new CellReader(empty, ['']))) as (keyof T)[];
}

const FIELDS = {
  orders: fieldsOf(decodeOrder),
  items: fieldsOf(decodeItem),
  packages: fieldsOf(decodePackage),
  packageItems: fieldsOf(decodePackageItem),
  events: fieldsOf(decodeEvent),
};

class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  of(value: string): number {
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.strings.length;
      this.strings.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

function encodeRecords<T>(records: readonly T[] | undefined, fields: readonly (keyof T)[], table: StringTable): EncodedRecords {
  const list = records ?? [];
  const width = fields.length;
  const tags = new Uint8Array(list.length * width);
  const values = new Float64Array(list.length * width);
  for (let r = 0; r < list.length; r++) {
    const record = list[r]!;
    for (let f = 0; f < width; f++) {
      const cell = record[fields[f]!] as Cell | undefined;
      const at = r * width + f;
      // An optional field left out is null (a boolean one false: `boolean()` reads a Null tag as false).
      if (cell === null || cell === undefined) tags[at] = Tag.Null;
      else if (typeof cell === 'number') {
        tags[at] = Tag.Number;
        values[at] = cell;
      } else if (typeof cell === 'string') {
        tags[at] = Tag.String;
        values[at] = table.of(cell);
      } else if (typeof cell === 'boolean') tags[at] = cell ? Tag.True : Tag.False;
      else {
        tags[at] = Tag.List;
        values[at] = table.of(cell.join(LIST_SEPARATOR));
      }
    }
  }
  return { count: list.length, tags, values };
}

function decodeRecords<T>(encoded: EncodedRecords, decode: Decoder<T>, strings: readonly string[]): T[] {
  const reader = new CellReader(encoded, strings);
  const records = new Array<T>(encoded.count);
  for (let r = 0; r < encoded.count; r++) records[r] = decode(reader);
  return records;
}

/** A batch's rows and its tracking events (an events file's batch has only those), encoded together. */
export function encodeBatch(batch: WriteBatch, events: readonly TrackingEventRecord[] = []): EncodedBatch {
  const table = new StringTable();
  return {
    orders: encodeRecords(batch.orders, FIELDS.orders, table),
    items: encodeRecords(batch.items, FIELDS.items, table),
    packages: encodeRecords(batch.packages, FIELDS.packages, table),
    packageItems: encodeRecords(batch.packageItems, FIELDS.packageItems, table),
    events: encodeRecords(events, FIELDS.events, table),
    strings: table.strings,
  };
}

/** The buffers `postMessage` can move instead of copying. */
export function transferablesOf(encoded: EncodedBatch): ArrayBuffer[] {
  return [encoded.orders, encoded.items, encoded.packages, encoded.packageItems, encoded.events].flatMap((e) => [e.tags.buffer, e.values.buffer]);
}

export function decodeBatch(encoded: EncodedBatch): { batch: WriteBatch; events: TrackingEventRecord[] } {
  const { strings } = encoded;
  return {
    batch: {
      orders: decodeRecords(encoded.orders, decodeOrder, strings),
      items: decodeRecords(encoded.items, decodeItem, strings),
      packages: decodeRecords(encoded.packages, decodePackage, strings),
      packageItems: decodeRecords(encoded.packageItems, decodePackageItem, strings),
    },
    events: decodeRecords(encoded.events, decodeEvent, strings),
  };
}
