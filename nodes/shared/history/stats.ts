/**
 * The figures shown for a service, from raw results or aggregates. Uptime counts checks, as Uptime Kuma
 * and Gatus do: the share of checks that succeeded, among the checks made outside maintenance. A check
 * made while the equipment was in maintenance counts as neither up nor down.
 */

import type { Row } from '../store/stateStore';

export interface CheckSample {
	/** Epoch milliseconds. */
	at: number;
	ok: boolean;
	maintenance: boolean;
	statusCode: number | null;
	responseTimeMs: number | null;
	errorCode: string | null;
}

/** What an hourly or daily aggregate keeps. Response times are those of checks outside maintenance. */
export interface Counts {
	/** Checks outside maintenance. */
	checks: number;
	/** Failed checks outside maintenance. */
	failures: number;
	/** Checks made while the equipment was in maintenance. */
	maintenance: number;
	rtSum: number;
	rtCount: number;
	rtMin: number | null;
	rtMax: number | null;
	/** Response-time histogram (see sketch functions below). */
	sketch: Sketch;
}

/** Bucket index -> count; bucket i holds response times in (GROWTH^(i-1), GROWTH^i] ms. */
export type Sketch = Map<number, number>;

export function emptyCounts(): Counts {
	return {
		checks: 0,
		failures: 0,
		maintenance: 0,
		rtSum: 0,
		rtCount: 0,
		rtMin: null,
		rtMax: null,
		sketch: new Map(),
	};
}

export function addSample(counts: Counts, sample: CheckSample): Counts {
	if (sample.maintenance) {
		counts.maintenance++;
		return counts;
	}
	counts.checks++;
	if (!sample.ok) counts.failures++;
	const ms = sample.responseTimeMs;
	if (ms !== null && Number.isFinite(ms) && ms >= 0) {
		counts.rtSum += ms;
		counts.rtCount++;
		counts.rtMin = counts.rtMin === null ? ms : Math.min(counts.rtMin, ms);
		counts.rtMax = counts.rtMax === null ? ms : Math.max(counts.rtMax, ms);
		const bucket = sketchBucket(ms);
		counts.sketch.set(bucket, (counts.sketch.get(bucket) ?? 0) + 1);
	}
	return counts;
}

export function mergeCounts(into: Counts, other: Counts): Counts {
	into.checks += other.checks;
	into.failures += other.failures;
	into.maintenance += other.maintenance;
	into.rtSum += other.rtSum;
	into.rtCount += other.rtCount;
	if (other.rtMin !== null)
		into.rtMin = into.rtMin === null ? other.rtMin : Math.min(into.rtMin, other.rtMin);
	if (other.rtMax !== null)
		into.rtMax = into.rtMax === null ? other.rtMax : Math.max(into.rtMax, other.rtMax);
	for (const [bucket, count] of other.sketch)
		into.sketch.set(bucket, (into.sketch.get(bucket) ?? 0) + count);
	return into;
}

/** Adds a stored aggregate row to counts (numbers may come back as strings from PostgreSQL's BIGINT). */
export function addStored(counts: Counts, row: Row): Counts {
	counts.checks += Number(row.checks);
	counts.failures += Number(row.failures);
	counts.maintenance += Number(row.maintenance);
	counts.rtSum += Number(row.rt_sum);
	counts.rtCount += Number(row.rt_count);
	if (row.rt_min !== null && row.rt_min !== undefined) {
		const min = Number(row.rt_min);
		counts.rtMin = counts.rtMin === null ? min : Math.min(counts.rtMin, min);
	}
	if (row.rt_max !== null && row.rt_max !== undefined) {
		const max = Number(row.rt_max);
		counts.rtMax = counts.rtMax === null ? max : Math.max(counts.rtMax, max);
	}
	decodeSketch(row.sketch as string | undefined, counts.sketch);
	return counts;
}

export function countSamples(samples: Iterable<CheckSample>): Counts {
	const counts = emptyCounts();
	for (const sample of samples) addSample(counts, sample);
	return counts;
}

/** Percent of successful checks outside maintenance, 3 decimals; null when there was none. */
export function uptimePercent(counts: Pick<Counts, 'checks' | 'failures'>): number | null {
	if (counts.checks <= 0) return null;
	return Math.round(((counts.checks - counts.failures) / counts.checks) * 100_000) / 1000;
}

export function averageResponseMs(counts: Pick<Counts, 'rtSum' | 'rtCount'>): number | null {
	return counts.rtCount > 0 ? Math.round(counts.rtSum / counts.rtCount) : null;
}

/** Nearest-rank percentile (p in (0, 100]) of exact values; null for none. */
export function percentile(values: readonly number[], p: number): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
	return sorted[rank - 1];
}

/**
 * Response-time histogram with buckets 10 % wide: a percentile read from it is within 10 % of the exact
 * one, and an hour of quarter-hourly checks stores a few numbers instead of every value.
 */
const GROWTH = 1.1;
const LOG_GROWTH = Math.log(GROWTH);

export function sketchBucket(ms: number): number {
	return ms <= 1 ? 0 : Math.ceil(Math.log(ms) / LOG_GROWTH - 1e-9);
}

/** Nearest-rank percentile from a histogram: its bucket's upper bound, clamped to the observed min/max. */
export function sketchPercentile(
	counts: Pick<Counts, 'sketch' | 'rtMin' | 'rtMax'>,
	p: number,
): number | null {
	let total = 0;
	for (const count of counts.sketch.values()) total += count;
	if (total === 0) return null;
	const rank = Math.max(1, Math.ceil((p / 100) * total));
	let seen = 0;
	for (const bucket of [...counts.sketch.keys()].sort((a, b) => a - b)) {
		seen += counts.sketch.get(bucket) ?? 0;
		if (seen >= rank) return bucketValue(bucket, counts.rtMin, counts.rtMax);
	}
	return counts.rtMax;
}

/**
 * sketchPercentile of a histogram held as counts by bucket index, non-zero only in [lowest, highest]
 * (the status page's form: one array reused for every service instead of a map each).
 */
export function histogramPercentile(
	counts: ArrayLike<number>,
	lowest: number,
	highest: number,
	p: number,
	rtMin: number,
	rtMax: number,
): number | null {
	let total = 0;
	for (let bucket = lowest; bucket <= highest; bucket++) total += counts[bucket];
	if (total === 0) return null;
	const rank = Math.max(1, Math.ceil((p / 100) * total));
	let seen = 0;
	for (let bucket = lowest; bucket <= highest; bucket++) {
		seen += counts[bucket];
		if (seen >= rank) return bucketValue(bucket, rtMin, rtMax);
	}
	return rtMax;
}

/** A bucket's upper bound, clamped to the observed min/max (absent ones: null or infinite). */
function bucketValue(bucket: number, rtMin: number | null, rtMax: number | null): number {
	let value = Math.round(GROWTH ** bucket);
	if (rtMax !== null) value = Math.min(value, rtMax);
	if (rtMin !== null) value = Math.max(value, rtMin);
	return value;
}

/** `3:2,7:1`: bucket:count pairs, ascending; '' for none. */
export function encodeSketch(sketch: Sketch): string {
	return [...sketch.keys()]
		.sort((a, b) => a - b)
		.map((bucket) => `${bucket}:${sketch.get(bucket)}`)
		.join(',');
}

export function decodeSketch(text: string | null | undefined, into: Sketch = new Map()): Sketch {
	if (!text) return into;
	for (const pair of text.split(',')) {
		const colon = pair.indexOf(':');
		if (colon < 1) continue;
		const bucket = Number(pair.slice(0, colon));
		const count = Number(pair.slice(colon + 1));
		if (Number.isInteger(bucket) && count > 0) into.set(bucket, (into.get(bucket) ?? 0) + count);
	}
	return into;
}

export interface TimeWindowMs {
	start: number;
	end: number;
}

/** Whether `at` falls in one of the half-open windows [start, end). */
export function inWindows(at: number, windows: readonly TimeWindowMs[]): boolean {
	return windows.some((window) => at >= window.start && at < window.end);
}
