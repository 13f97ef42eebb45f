import type { Store } from '../store/store.js';
import type { MetricsSnapshot } from './types.js';

/** Produces the metric figures of every marketplace a seller sells in, as of `now`. */
export type SnapshotSource = (store: Store, sellerId: string, now: number) => Promise<MetricsSnapshot[]>;

/** Until the metrics engine is wired in, no metric figures: only the scan and credential rules fire. */
export const defaultSnapshotSource: SnapshotSource = async () => [];
