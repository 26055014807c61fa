import type { Row, StateStore } from '../store/stateStore';
import { DAY_MS, HOUR_MS, dayStart, hourStart, type Tier } from './retention';
import {
	addStored,
	averageResponseMs,
	emptyCounts,
	mergeCounts,
	percentile,
	sketchPercentile,
	uptimePercent,
	type CheckSample,
} from './stats';
import { SUMMARY_DAYS } from './summary';

export type UptimePeriod = '24h' | '7d' | '30d';

/** Days shown by the status page's uptime bar. */
export const BAR_DAYS = SUMMARY_DAYS;

/**
 * Which buckets each uptime figure adds up, ending now: 24 h = the current hour and the 23 before it
 * (hourly aggregates); 7 d and 30 d = today and the 6 or 29 UTC days before it (daily aggregates).
 */
export function uptimePeriods(now: number): Record<UptimePeriod, { tier: Tier; from: number }> {
	return {
		'24h': { tier: 'hourly', from: hourStart(now) - 23 * HOUR_MS },
		'7d': { tier: 'daily', from: dayStart(now) - 6 * DAY_MS },
		'30d': { tier: 'daily', from: dayStart(now) - 29 * DAY_MS },
	};
}

export interface DayFigure {
	/** UTC day, `YYYY-MM-DD`. */
	day: string;
	checks: number;
	failures: number;
	maintenance: number;
}

export interface HourFigure {
	/** ISO start of the UTC hour. */
	hour: string;
	averageMs: number | null;
}

export interface ServiceStats {
	lastResponseMs: number | null;
	certExpiresAt: string | null;
	uptime: Record<UptimePeriod, number | null>;
	/** From the hourly response-time histograms of the last 24 h (within 10 %). */
	p95Ms24h: number | null;
	/** Average response time per hour over the last 24 h, oldest first (24 entries). */
	hours: HourFigure[];
	/** The last BAR_DAYS UTC days, oldest first, only days with checks. */
	days: DayFigure[];
}

/**
 * The figures of every recorded service (or of one), read with one query whatever the number of
 * services: the services and their summaries (see summary.ts), of which only the cells inside each
 * figure's period at `now` count. Written for 10,000 services a page: cells are parsed in place,
 * without an object per cell.
 */
export async function readServiceStats(
	store: StateStore,
	now: number,
	serviceKey?: string,
): Promise<Map<string, ServiceStats>> {
	const periods = uptimePeriods(now);
	const hourFrom = periods['24h'].from;
	const hourNames = Array.from({ length: 24 }, (_, index) =>
		new Date(hourFrom + index * HOUR_MS).toISOString(),
	);
	const barFrom = dayStart(now) - (BAR_DAYS - 1) * DAY_MS;
	const dayNames = Array.from({ length: BAR_DAYS }, (_, index) =>
		new Date(barFrom + index * DAY_MS).toISOString().slice(0, 10),
	);
	const weekFrom = (periods['7d'].from - barFrom) / DAY_MS;
	const monthFrom = (periods['30d'].from - barFrom) / DAY_MS;
	const rows = await store.all(
		`SELECT s.service_key, s.last_response_ms, s.cert_expires_at, m.day0, m.days, m.hour0, m.hours
		FROM history_services s LEFT JOIN history_summary m ON m.service_id = s.id
		${serviceKey === undefined ? '' : 'WHERE s.service_key = ?'}`,
		...(serviceKey === undefined ? [] : [serviceKey]),
	);
	const result = new Map<string, ServiceStats>();
	for (const row of rows) {
		const day = emptyCounts();
		const averages: Array<number | null> = Array(24).fill(null);
		const firstHour = (Number(row.hour0) - hourFrom) / HOUR_MS;
		forEachCell(row.hours, ';', (cell, cursor) => {
			const index = firstHour + cell;
			if (index < 0 || index > 23) return;
			const checks = cursor.int();
			const failures = cursor.int();
			const maintenance = cursor.int();
			const rtSum = cursor.int();
			const rtCount = cursor.int();
			const rtMin = cursor.int();
			const rtMax = cursor.int();
			day.checks += checks;
			day.failures += failures;
			day.maintenance += maintenance;
			if (rtCount === 0) return;
			day.rtSum += rtSum;
			day.rtCount += rtCount;
			averages[index] = Math.round(rtSum / rtCount);
			day.rtMin = Math.min(day.rtMin ?? Infinity, rtMin);
			day.rtMax = Math.max(day.rtMax ?? -Infinity, rtMax);
			while (!cursor.done()) {
				const bucket = cursor.int();
				const count = cursor.int();
				day.sketch.set(bucket, (day.sketch.get(bucket) ?? 0) + count);
			}
		});
		const week = { checks: 0, failures: 0 };
		const month = { checks: 0, failures: 0 };
		const days: DayFigure[] = [];
		const firstDay = (Number(row.day0) - barFrom) / DAY_MS;
		forEachCell(row.days, ',', (cell, cursor) => {
			const index = firstDay + cell;
			if (index < 0 || index >= BAR_DAYS) return;
			const checks = cursor.int();
			const failures = cursor.int();
			const maintenance = cursor.int();
			days.push({ day: dayNames[index], checks, failures, maintenance });
			if (index < monthFrom) return;
			month.checks += checks;
			month.failures += failures;
			if (index < weekFrom) return;
			week.checks += checks;
			week.failures += failures;
		});
		result.set(String(row.service_key), {
			lastResponseMs: nullableNumber(row.last_response_ms),
			certExpiresAt: (row.cert_expires_at as string | null) ?? null,
			uptime: {
				'24h': uptimePercent(day),
				'7d': uptimePercent(week),
				'30d': uptimePercent(month),
			},
			p95Ms24h: sketchPercentile(day, 95),
			hours: hourNames.map((hour, index) => ({ hour, averageMs: averages[index] })),
			days,
		});
	}
	return result;
}

/** Reads the unsigned integers of one summary cell in place (any other character separates them). */
class CellCursor {
	text = '';
	at = 0;
	end = 0;

	int(): number {
		let value = 0;
		let code = this.text.charCodeAt(this.at);
		while (this.at < this.end && code >= 48 && code <= 57) {
			value = value * 10 + code - 48;
			code = this.text.charCodeAt(++this.at);
		}
		this.at++;
		return value;
	}

	done(): boolean {
		return this.at >= this.end;
	}
}

/** Calls `visit` for each non-empty cell of a packed summary column, without cutting the text up. */
function forEachCell(
	packed: unknown,
	separator: string,
	visit: (cell: number, cursor: CellCursor) => void,
): void {
	if (typeof packed !== 'string' || packed === '') return;
	const cursor = new CellCursor();
	cursor.text = packed;
	for (let cell = 0, start = 0; start <= packed.length; cell++) {
		let end = packed.indexOf(separator, start);
		if (end === -1) end = packed.length;
		if (end > start) {
			cursor.at = start;
			cursor.end = end;
			visit(cell, cursor);
		}
		start = end + 1;
	}
}

export interface HistoryBucket {
	/** ISO start of the UTC hour or day. */
	start: string;
	checks: number;
	failures: number;
	maintenance: number;
	uptime: number | null;
	averageMs: number | null;
	minMs: number | null;
	maxMs: number | null;
	/** Hourly buckets only (from the histogram); null for daily ones. */
	p95Ms: number | null;
}

export interface HistoryResult {
	tier: Tier;
	summary: {
		checks: number;
		failures: number;
		maintenance: number;
		uptime: number | null;
		p95Ms: number | null;
	};
	results?: Array<Omit<CheckSample, 'at'> & { checkedAt: string }>;
	buckets?: HistoryBucket[];
}

/** One service's raw results or aggregates in [from, to), oldest first, with a summary. */
export async function readHistory(
	store: StateStore,
	serviceKey: string,
	from: number,
	to: number,
	tier: Tier,
): Promise<HistoryResult> {
	if (tier === 'raw') {
		const rows = await store.all(
			`SELECT r.at, r.ok, r.maintenance, r.status_code, r.response_ms, r.error_code
			FROM history_services s JOIN history_raw r ON r.service_id = s.id
			WHERE s.service_key = ? AND r.at >= ? AND r.at < ? ORDER BY r.at`,
			serviceKey,
			from,
			to,
		);
		const samples: CheckSample[] = rows.map((row) => ({
			at: Number(row.at),
			ok: Number(row.ok) === 1,
			maintenance: Number(row.maintenance) === 1,
			statusCode: nullableNumber(row.status_code),
			responseTimeMs: nullableNumber(row.response_ms),
			errorCode: (row.error_code as string | null) ?? null,
		}));
		const counted = samples.filter((sample) => !sample.maintenance);
		const failures = counted.filter((sample) => !sample.ok).length;
		const times = counted.flatMap((sample) =>
			sample.responseTimeMs === null ? [] : [sample.responseTimeMs],
		);
		return {
			tier,
			summary: {
				checks: counted.length,
				failures,
				maintenance: samples.length - counted.length,
				uptime: uptimePercent({ checks: counted.length, failures }),
				p95Ms: percentile(times, 95),
			},
			results: samples.map(({ at, ...sample }) => ({
				checkedAt: new Date(at).toISOString(),
				...sample,
			})),
		};
	}
	const hourly = tier === 'hourly';
	const rows = await store.all(
		`SELECT h.bucket, h.checks, h.failures, h.maintenance, h.rt_sum, h.rt_count, h.rt_min, h.rt_max${hourly ? ', h.sketch' : ''}
		FROM history_services s JOIN ${hourly ? 'history_hourly' : 'history_daily'} h ON h.service_id = s.id
		WHERE s.service_key = ? AND h.bucket >= ? AND h.bucket < ? ORDER BY h.bucket`,
		serviceKey,
		(hourly ? hourStart : dayStart)(from),
		to,
	);
	const total = emptyCounts();
	const buckets = rows.map((row: Row) => {
		const counts = addStored(emptyCounts(), row);
		mergeCounts(total, counts);
		return {
			start: new Date(Number(row.bucket)).toISOString(),
			checks: counts.checks,
			failures: counts.failures,
			maintenance: counts.maintenance,
			uptime: uptimePercent(counts),
			averageMs: averageResponseMs(counts),
			minMs: counts.rtMin,
			maxMs: counts.rtMax,
			p95Ms: hourly ? sketchPercentile(counts, 95) : null,
		};
	});
	return {
		tier,
		summary: {
			checks: total.checks,
			failures: total.failures,
			maintenance: total.maintenance,
			uptime: uptimePercent(total),
			p95Ms: hourly ? sketchPercentile(total, 95) : null,
		},
		buckets,
	};
}

function nullableNumber(value: unknown): number | null {
	return value === null || value === undefined ? null : Number(value);
}
