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
import {
	HourWindow,
	dailyTotals,
	emptyDailySeriesList,
	readDayCells,
	type DailySeries,
} from './summaryCells';

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

export type { DailySeries };

export interface ServiceStats {
	lastResponseMs: number | null;
	certExpiresAt: string | null;
	uptime: Record<UptimePeriod, number | null>;
	/** From the hourly response-time histograms of the last 24 h (within 10 %). */
	p95Ms24h: number | null;
	/** Average response time of each of the 24 hours of the 24 h uptime, oldest first; null for an hour without. */
	hourlyAverageMs: Array<number | null>;
	/** The last BAR_DAYS UTC days, oldest first (index 0 is BAR_DAYS - 1 days before today). */
	daily: DailySeries;
}

/**
 * The figures of every recorded service (or of one), read with one query whatever the number of
 * services: the services and their summaries (see summary.ts), of which only the cells inside each
 * figure's period at `now` count.
 */
export async function readServiceStats(
	store: StateStore,
	now: number,
	serviceKey?: string,
): Promise<Map<string, ServiceStats>> {
	const periods = uptimePeriods(now);
	const hourFrom = periods['24h'].from;
	const barFrom = dayStart(now) - (BAR_DAYS - 1) * DAY_MS;
	const weekFrom = (periods['7d'].from - barFrom) / DAY_MS;
	const monthFrom = (periods['30d'].from - barFrom) / DAY_MS;
	const rows = await store.all(
		`SELECT s.service_key, s.last_response_ms, s.cert_expires_at, m.day0, m.days, m.hour0, m.hours
		FROM history_services s LEFT JOIN history_summary m ON m.service_id = s.id
		${serviceKey === undefined ? '' : 'WHERE s.service_key = ?'}`,
		...(serviceKey === undefined ? [] : [serviceKey]),
	);
	const frame = { hourFrom, barFrom, weekFrom, monthFrom, day: new HourWindow(24) };
	const series = emptyDailySeriesList(rows.length, BAR_DAYS);
	const result = new Map<string, ServiceStats>();
	for (let index = 0; index < rows.length; index++) {
		const row = rows[index];
		result.set(String(row.service_key), statsOfRow(row, series[index], frame));
	}
	return result;
}

/** One service's figures from its row of the query above; its days go into `daily`. */
function statsOfRow(
	row: Row,
	daily: DailySeries,
	frame: {
		hourFrom: number;
		barFrom: number;
		weekFrom: number;
		monthFrom: number;
		day: HourWindow;
	},
): ServiceStats {
	const day = frame.day;
	day.reset();
	day.readHourCells(row.hours, (Number(row.hour0) - frame.hourFrom) / HOUR_MS);
	readDayCells(row.days, (Number(row.day0) - frame.barFrom) / DAY_MS, daily);
	return {
		lastResponseMs: nullableNumber(row.last_response_ms),
		certExpiresAt: (row.cert_expires_at as string | null) ?? null,
		uptime: {
			'24h': uptimePercent(day),
			'7d': uptimePercent(dailyTotals(daily, frame.weekFrom)),
			'30d': uptimePercent(dailyTotals(daily, frame.monthFrom)),
		},
		p95Ms24h: day.percentile(95),
		hourlyAverageMs: day.averages,
		daily,
	};
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
