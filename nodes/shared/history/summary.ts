/**
 * One row per service with what the status page shows, so the page reads one row per service instead
 * of its hourly and daily aggregates: the daily (checks, failures, maintenance) of the last SUMMARY_DAYS
 * UTC days and the hourly aggregates of the last SUMMARY_HOURS hours. Each run's history write copies the
 * aggregates it has just written into the cells of their buckets, so a cell always equals its aggregate
 * row; a service without a summary row (new, or recorded before the summary existed) gets one built from
 * its aggregates.
 */
import type { Queries } from '../store/stateStore';
import { DAY_MS, HOUR_MS, dayStart, hourStart, type Cutoffs } from './retention';
import { addStored, decodeSketch, emptyCounts, encodeSketch, type Counts } from './stats';

/** Days of the status page's uptime bar (and of the 7 and 30-day uptimes). */
export const SUMMARY_DAYS = 90;
/** Hours of the 24 h uptime, p95 and sparkline. */
export const SUMMARY_HOURS = 24;

export interface DayCell {
	checks: number;
	failures: number;
	maintenance: number;
}

export interface Summary {
	/** UTC day start (epoch ms) -> that day's aggregate. */
	days: Map<number, DayCell>;
	/** UTC hour start (epoch ms) -> that hour's aggregate. */
	hours: Map<number, Counts>;
}

export interface StoredSummary {
	day0: number;
	days: string;
	hour0: number;
	hours: string;
}

/** A summary as stored, or a row read from history_summary. */
type SummaryRow = { [column in keyof StoredSummary]?: unknown };

export function emptySummary(): Summary {
	return { days: new Map(), hours: new Map() };
}

/** The oldest day and hour a summary written at `now` keeps: the page's windows, within retention. */
export function summaryFloors(now: number, expired: Cutoffs): { day: number; hour: number } {
	return {
		day: Math.max(dayStart(now) - (SUMMARY_DAYS - 1) * DAY_MS, expired.daily),
		hour: Math.max(hourStart(now) - (SUMMARY_HOURS - 1) * HOUR_MS, expired.hourly),
	};
}

/**
 * Cells by position from the first kept bucket: days `checks.failures.maintenance` joined by `,`; hours
 * `checks failures maintenance rtSum rtCount rtMin rtMax sketch` joined by `;`; '' for a bucket without data.
 */
export function encodeSummary(
	summary: Summary,
	floors: { day: number; hour: number },
): StoredSummary {
	const days = packCells(summary.days, floors.day, DAY_MS, (cell) =>
		[cell.checks, cell.failures, cell.maintenance].join('.'),
	);
	const hours = packCells(summary.hours, floors.hour, HOUR_MS, (cell) =>
		[
			cell.checks,
			cell.failures,
			cell.maintenance,
			cell.rtSum,
			cell.rtCount,
			cell.rtMin ?? '',
			cell.rtMax ?? '',
			encodeSketch(cell.sketch),
		].join(' '),
	);
	return {
		day0: days.first,
		days: days.text.join(','),
		hour0: hours.first,
		hours: hours.text.join(';'),
	};
}

function packCells<T>(
	cells: Map<number, T>,
	floor: number,
	step: number,
	encode: (cell: T) => string,
): { first: number; text: string[] } {
	const kept = [...cells.keys()].filter((bucket) => bucket >= floor).sort((a, b) => a - b);
	if (kept.length === 0) return { first: floor, text: [] };
	const first = kept[0];
	const text: string[] = [];
	for (let bucket = first; bucket <= kept[kept.length - 1]; bucket += step) {
		const cell = cells.get(bucket);
		text.push(cell === undefined ? '' : encode(cell));
	}
	return { first, text };
}

/** Day cells from `from` on, oldest first; each with its day start. */
export function decodeDays(row: SummaryRow, from: number): Array<[number, DayCell]> {
	const out: Array<[number, DayCell]> = [];
	if (row.days === null || row.days === undefined || row.days === '') return out;
	const day0 = Number(row.day0);
	const cells = String(row.days).split(',');
	for (let index = 0; index < cells.length; index++) {
		const bucket = day0 + index * DAY_MS;
		if (bucket < from || cells[index] === '') continue;
		const [checks, failures, maintenance] = cells[index].split('.').map(Number);
		out.push([bucket, { checks, failures, maintenance }]);
	}
	return out;
}

/** Hour cells from `from` on, oldest first; each with its hour start. */
export function decodeHours(row: SummaryRow, from: number): Array<[number, Counts]> {
	const out: Array<[number, Counts]> = [];
	if (row.hours === null || row.hours === undefined || row.hours === '') return out;
	const hour0 = Number(row.hour0);
	const cells = String(row.hours).split(';');
	for (let index = 0; index < cells.length; index++) {
		const bucket = hour0 + index * HOUR_MS;
		if (bucket < from || cells[index] === '') continue;
		const [checks, failures, maintenance, rtSum, rtCount, rtMin, rtMax, sketch] =
			cells[index].split(' ');
		out.push([
			bucket,
			{
				checks: Number(checks),
				failures: Number(failures),
				maintenance: Number(maintenance),
				rtSum: Number(rtSum),
				rtCount: Number(rtCount),
				rtMin: rtMin === '' ? null : Number(rtMin),
				rtMax: rtMax === '' ? null : Number(rtMax),
				sketch: decodeSketch(sketch),
			},
		]);
	}
	return out;
}

export function decodeSummary(row: SummaryRow): Summary {
	return {
		days: new Map(decodeDays(row, -Infinity)),
		hours: new Map(decodeHours(row, -Infinity)),
	};
}

/** Written aggregates of one run: service id -> bucket start -> the bucket's counts after the write. */
export type WrittenBuckets = Map<number, Map<number, Counts>>;

const CHUNK = 200;

/**
 * Puts the aggregates a run has just written into their services' summaries (inside the run's
 * transaction and history lock, so concurrent runs never lose a cell).
 */
export async function updateSummaries(
	tx: Queries,
	hourly: WrittenBuckets,
	daily: WrittenBuckets,
	floors: { day: number; hour: number },
): Promise<void> {
	const ids = [...new Set([...hourly.keys(), ...daily.keys()])];
	for (let start = 0; start < ids.length; start += CHUNK) {
		const chunk = ids.slice(start, start + CHUNK);
		const list = chunk.map(() => '?').join(', ');
		const summaries = new Map<number, Summary>();
		for (const row of await tx.all(
			`SELECT service_id, day0, days, hour0, hours FROM history_summary WHERE service_id IN (${list})`,
			...chunk,
		))
			summaries.set(Number(row.service_id), decodeSummary(row));
		const missing = chunk.filter((id) => !summaries.has(id));
		if (missing.length > 0) await buildFromAggregates(tx, missing, floors, summaries);
		const values: Array<number | string> = [];
		for (const id of chunk) {
			const summary = summaries.get(id) ?? emptySummary();
			for (const [bucket, counts] of daily.get(id) ?? []) summary.days.set(bucket, counts);
			for (const [bucket, counts] of hourly.get(id) ?? []) summary.hours.set(bucket, counts);
			const stored = encodeSummary(summary, floors);
			values.push(id, stored.day0, stored.days, stored.hour0, stored.hours);
		}
		await tx.run(
			`INSERT INTO history_summary (service_id, day0, days, hour0, hours)
			VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
			ON CONFLICT (service_id) DO UPDATE SET day0 = excluded.day0, days = excluded.days,
				hour0 = excluded.hour0, hours = excluded.hours`,
			...values,
		);
	}
}

async function buildFromAggregates(
	tx: Queries,
	ids: number[],
	floors: { day: number; hour: number },
	into: Map<number, Summary>,
): Promise<void> {
	const list = ids.map(() => '?').join(', ');
	for (const id of ids) into.set(id, emptySummary());
	for (const row of await tx.all(
		`SELECT service_id, bucket, checks, failures, maintenance FROM history_daily
		WHERE service_id IN (${list}) AND bucket >= ?`,
		...ids,
		floors.day,
	)) {
		into.get(Number(row.service_id))?.days.set(Number(row.bucket), {
			checks: Number(row.checks),
			failures: Number(row.failures),
			maintenance: Number(row.maintenance),
		});
	}
	for (const row of await tx.all(
		`SELECT service_id, bucket, checks, failures, maintenance, rt_sum, rt_count, rt_min, rt_max, sketch
		FROM history_hourly WHERE service_id IN (${list}) AND bucket >= ?`,
		...ids,
		floors.hour,
	)) {
		into.get(Number(row.service_id))?.hours.set(Number(row.bucket), addStored(emptyCounts(), row));
	}
}
