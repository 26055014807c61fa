import type { Queries, SqlValue, StateStore } from '../store/stateStore';
import { cutoffs, dayStart, hourStart, pruneLimit, type Retention } from './retention';
import {
	addSample,
	addStored,
	emptyCounts,
	encodeSketch,
	type CheckSample,
	type Counts,
} from './stats';
import { summaryFloors, updateSummaries, type WrittenBuckets } from './summary';

export interface HistoryEntry {
	serviceKey: string;
	sample: CheckSample;
	/** ISO expiry of the service's TLS certificate, when it has one. */
	certExpiresAt: string | null;
}

/** Rows per multi-row statement: well under both SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 200;

/**
 * Records the results of one monitoring run in one transaction: raw results, the hourly and daily
 * aggregates they fall in, the services' summaries, then a bounded prune of what has expired. Concurrent runs take turns on the
 * aggregates (the `check-history` lock), so no count is lost.
 */
export async function recordHistory(
	store: StateStore,
	entries: readonly HistoryEntry[],
	retention: Retention,
	now: number,
): Promise<void> {
	if (entries.length === 0) return;
	await store.transaction(async (tx) => {
		await tx.lock('check-history');
		const ids = await upsertServices(tx, entries);
		const withIds = entries.map((entry) => ({
			id: ids.get(entry.serviceKey) as number,
			sample: entry.sample,
		}));
		await insertRaw(tx, withIds);
		const hourly = await addToBuckets(tx, 'history_hourly', withIds, hourStart, true);
		const daily = await addToBuckets(tx, 'history_daily', withIds, dayStart, false);
		const expired = cutoffs(now, retention);
		await updateSummaries(tx, hourly, daily, summaryFloors(now, expired));
		await prune(tx, 'history_raw', 'at', expired.raw, pruneLimit(withIds.length));
		await prune(tx, 'history_hourly', 'bucket', expired.hourly, pruneLimit(bucketCount(hourly)));
		await prune(tx, 'history_daily', 'bucket', expired.daily, pruneLimit(bucketCount(daily)));
	});
}

async function upsertServices(
	tx: Queries,
	entries: readonly HistoryEntry[],
): Promise<Map<string, number>> {
	// The last result of a service in the run wins (a service listed twice is one row).
	const latest = new Map<string, HistoryEntry>();
	for (const entry of entries) latest.set(entry.serviceKey, entry);
	const ids = new Map<string, number>();
	for (const chunk of chunks([...latest.values()])) {
		const rows = await tx.all(
			`INSERT INTO history_services (service_key, last_response_ms, cert_expires_at) VALUES ${placeholders(chunk.length, 3)}
			ON CONFLICT (service_key) DO UPDATE SET last_response_ms = excluded.last_response_ms,
				cert_expires_at = excluded.cert_expires_at
			RETURNING id, service_key`,
			...chunk.flatMap((entry) => [
				entry.serviceKey,
				entry.sample.maintenance ? null : roundMs(entry.sample.responseTimeMs),
				entry.certExpiresAt,
			]),
		);
		for (const row of rows) ids.set(String(row.service_key), Number(row.id));
	}
	return ids;
}

interface IdSample {
	id: number;
	sample: CheckSample;
}

async function insertRaw(tx: Queries, samples: readonly IdSample[]): Promise<void> {
	for (const chunk of chunks(samples)) {
		await tx.run(
			`INSERT INTO history_raw (service_id, at, ok, maintenance, status_code, response_ms, error_code)
			VALUES ${placeholders(chunk.length, 7)}`,
			...chunk.flatMap(({ id, sample }) => [
				id,
				sample.at,
				sample.ok ? 1 : 0,
				sample.maintenance ? 1 : 0,
				sample.statusCode,
				sample.responseTimeMs === null ? null : Math.round(sample.responseTimeMs),
				sample.errorCode,
			]),
		);
	}
}

/** Adds the samples to their buckets (read, merge, write back); returns the buckets as written. */
async function addToBuckets(
	tx: Queries,
	table: 'history_hourly' | 'history_daily',
	samples: readonly IdSample[],
	bucketOf: (ms: number) => number,
	withSketch: boolean,
): Promise<WrittenBuckets> {
	const buckets = new Map<string, { id: number; bucket: number; counts: Counts }>();
	for (const { id, sample } of samples) {
		const bucket = bucketOf(sample.at);
		const key = `${id}:${bucket}`;
		let entry = buckets.get(key);
		if (!entry) buckets.set(key, (entry = { id, bucket, counts: emptyCounts() }));
		addSample(entry.counts, { ...sample, responseTimeMs: roundMs(sample.responseTimeMs) });
	}
	const byBucket = new Map<number, number[]>();
	for (const { id, bucket } of buckets.values())
		byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), id]);
	const columns = `service_id, bucket, checks, failures, maintenance, rt_sum, rt_count, rt_min, rt_max${withSketch ? ', sketch' : ''}`;
	for (const [bucket, serviceIds] of byBucket) {
		for (const chunk of chunks(serviceIds)) {
			const existing = await tx.all(
				`SELECT ${columns} FROM ${table} WHERE bucket = ? AND service_id IN (${placeholders(chunk.length, 1, false)})`,
				bucket,
				...chunk,
			);
			for (const row of existing) {
				const entry = buckets.get(`${Number(row.service_id)}:${bucket}`);
				if (entry) addStored(entry.counts, row);
			}
		}
	}
	const width = withSketch ? 10 : 9;
	for (const chunk of chunks([...buckets.values()])) {
		await tx.run(
			`INSERT INTO ${table} (${columns}) VALUES ${placeholders(chunk.length, width)}
			ON CONFLICT (service_id, bucket) DO UPDATE SET checks = excluded.checks, failures = excluded.failures,
				maintenance = excluded.maintenance, rt_sum = excluded.rt_sum, rt_count = excluded.rt_count,
				rt_min = excluded.rt_min, rt_max = excluded.rt_max${withSketch ? ', sketch = excluded.sketch' : ''}`,
			...chunk.flatMap(({ id, bucket, counts }) => {
				const values: SqlValue[] = [
					id,
					bucket,
					counts.checks,
					counts.failures,
					counts.maintenance,
					counts.rtSum,
					counts.rtCount,
					counts.rtMin,
					counts.rtMax,
				];
				if (withSketch) values.push(encodeSketch(counts.sketch));
				return values;
			}),
		);
	}
	const written: WrittenBuckets = new Map();
	for (const { id, bucket, counts } of buckets.values()) {
		let byBucket = written.get(id);
		if (!byBucket) written.set(id, (byBucket = new Map()));
		byBucket.set(bucket, counts);
	}
	return written;
}

function bucketCount(written: WrittenBuckets): number {
	let count = 0;
	for (const buckets of written.values()) count += buckets.size;
	return count;
}

/**
 * Deletes expired rows among the `limit` oldest (ids grow with time), so a run never scans or deletes
 * more than that: the steady state keeps up, and a backlog (after a retention was shortened) drains
 * over the following runs.
 */
async function prune(
	tx: Queries,
	table: string,
	column: string,
	cutoff: number,
	limit: number,
): Promise<number> {
	return tx.run(
		`DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} ORDER BY id LIMIT ?) AND ${column} < ?`,
		limit,
		cutoff,
	);
}

function roundMs(ms: number | null): number | null {
	return ms === null || !Number.isFinite(ms) ? null : Math.round(ms);
}

function chunks<T>(values: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let start = 0; start < values.length; start += CHUNK)
		out.push(values.slice(start, start + CHUNK));
	return out;
}

function placeholders(rows: number, width: number, grouped = true): string {
	const row = grouped
		? `(${Array(width).fill('?').join(', ')})`
		: Array(width).fill('?').join(', ');
	return Array(rows).fill(row).join(', ');
}
