/**
 * Reading the packed cells of a summary row (see summary.ts) for the status page: one scan of each
 * column's text, adding numbers as they are read, without cutting the text up or an object per cell.
 * 10,000 services are about 15 million characters a page.
 */
import { histogramPercentile } from './stats';

const ZERO = 48;
const NINE = 57;
const COMMA = 44;
const DOT = 46;
const SPACE = 32;
const COLON = 58;

/** Sketch buckets a response time can fall in (sketchBucket of the largest safe integer is under 400). */
const SKETCH_BUCKETS = 512;

/** Hour cells' fields before the sketch: checks failures maintenance rtSum rtCount rtMin rtMax. */
const HOUR_FIELDS = 7;

/**
 * Checks of each day of a series of days, oldest first; 0 for a day without data. Typed arrays: their
 * numbers live outside the JavaScript heap, which a page of 10,000 services would otherwise fill with
 * 2.7 million of them for the garbage collector to copy.
 */
export interface DailySeries {
	checks: Int32Array;
	failures: Int32Array;
	maintenance: Int32Array;
}

export function emptyDailySeries(days: number): DailySeries {
	return emptyDailySeriesList(1, days)[0];
}

/** `count` empty series of `days` days, all views of one buffer: one allocation for a page of services. */
export function emptyDailySeriesList(count: number, days: number): DailySeries[] {
	const buffer = new Int32Array(count * 3 * days);
	const list: DailySeries[] = [];
	for (let index = 0, at = 0; index < count; index++, at += 3 * days) {
		list.push({
			checks: buffer.subarray(at, at + days),
			failures: buffer.subarray(at + days, at + 2 * days),
			maintenance: buffer.subarray(at + 2 * days, at + 3 * days),
		});
	}
	return list;
}

/** Checks and failures of a series' days from `first` on (all of them by default). */
export function dailyTotals(series: DailySeries, first = 0): { checks: number; failures: number } {
	let checks = 0;
	let failures = 0;
	for (let index = first; index < series.checks.length; index++) {
		checks += series.checks[index];
		failures += series.failures[index];
	}
	return { checks, failures };
}

/**
 * Puts the day cells of a packed `days` column into `series`: cell i is the series' day
 * `firstIndex + i`; cells outside the series are skipped.
 */
export function readDayCells(packed: unknown, firstIndex: number, series: DailySeries): void {
	if (typeof packed !== 'string') return;
	const days = series.checks.length;
	let cell = 0;
	let cellStart = 0;
	let field = 0;
	let value = 0;
	let checks = 0;
	let failures = 0;
	for (let at = 0; at <= packed.length; at++) {
		const code = at < packed.length ? packed.charCodeAt(at) : COMMA;
		if (code >= ZERO && code <= NINE) {
			value = value * 10 + code - ZERO;
			continue;
		}
		if (code === COMMA) {
			const index = firstIndex + cell;
			if (at > cellStart && index >= 0 && index < days) {
				series.checks[index] = checks;
				series.failures[index] = failures;
				series.maintenance[index] = value;
			}
			cell++;
			cellStart = at + 1;
			field = 0;
			checks = 0;
			failures = 0;
		} else if (code === DOT) {
			if (field === 0) checks = value;
			else failures = value;
			field++;
		}
		value = 0;
	}
}

/** What readHourCells adds up over a window of hours. */
export class HourWindow {
	checks = 0;
	failures = 0;
	maintenance = 0;
	rtCount = 0;
	rtMin = Infinity;
	rtMax = -Infinity;
	/** Average response time of each hour of the window, oldest first; null for an hour without. */
	averages: Array<number | null> = [];
	/** Response-time histogram of the window by bucket (see sketchBucket), non-zero in [lowest, highest]. */
	private readonly sketch = new Int32Array(SKETCH_BUCKETS);
	private lowest = SKETCH_BUCKETS;
	private highest = -1;
	private readonly fields = new Float64Array(HOUR_FIELDS);

	constructor(private readonly hours: number) {}

	/** Starts a window over again (the histogram is kept, and cleared, from one service to the next). */
	reset(): void {
		this.checks = this.failures = this.maintenance = this.rtCount = 0;
		this.rtMin = Infinity;
		this.rtMax = -Infinity;
		this.averages = new Array<number | null>(this.hours).fill(null);
		if (this.highest >= 0) this.sketch.fill(0, this.lowest, this.highest + 1);
		this.lowest = SKETCH_BUCKETS;
		this.highest = -1;
	}

	/** The window's p-th percentile response time, as sketchPercentile reads it; null without one. */
	percentile(p: number): number | null {
		if (this.highest < 0) return null;
		return histogramPercentile(this.sketch, this.lowest, this.highest, p, this.rtMin, this.rtMax);
	}

	/** Adds the hour cells of a packed `hours` column: cell i is hour `firstIndex + i` of the window. */
	readHourCells(packed: unknown, firstIndex: number): void {
		if (typeof packed !== 'string') return;
		for (let cell = 0, start = 0; start < packed.length; cell++) {
			let end = packed.indexOf(';', start);
			if (end === -1) end = packed.length;
			const index = firstIndex + cell;
			if (end > start && index >= 0 && index < this.hours)
				this.addHourCell(packed, start, end, index);
			start = end + 1;
		}
	}

	/** One cell, `checks failures maintenance rtSum rtCount rtMin rtMax bucket:count,...`, in [start, end). */
	private addHourCell(text: string, start: number, end: number, index: number): void {
		const fields = this.fields.fill(0);
		let field = 0;
		let value = 0;
		let bucket = -1;
		for (let at = start; at <= end; at++) {
			const code = at < end ? text.charCodeAt(at) : SPACE;
			if (code >= ZERO && code <= NINE) {
				value = value * 10 + code - ZERO;
				continue;
			}
			if (field < HOUR_FIELDS) fields[field++] = value;
			else if (code === COLON) bucket = value;
			else if (bucket >= 0) {
				this.addToSketch(bucket, value);
				bucket = -1;
			}
			value = 0;
		}
		this.checks += fields[0];
		this.failures += fields[1];
		this.maintenance += fields[2];
		const rtCount = fields[4];
		if (rtCount === 0) return;
		this.rtCount += rtCount;
		this.averages[index] = Math.round(fields[3] / rtCount);
		if (fields[5] < this.rtMin) this.rtMin = fields[5];
		if (fields[6] > this.rtMax) this.rtMax = fields[6];
	}

	private addToSketch(bucket: number, count: number): void {
		if (bucket >= SKETCH_BUCKETS) return;
		this.sketch[bucket] += count;
		if (bucket < this.lowest) this.lowest = bucket;
		if (bucket > this.highest) this.highest = bucket;
	}
}
