import type { Row, StateStore } from '../store/stateStore';
import { addStored } from './record';
import { DAY_MS, HOUR_MS, dayStart, hourStart, type Tier } from './retention';
import {
	averageResponseMs,
	emptyCounts,
	mergeCounts,
	percentile,
	sketchPercentile,
	uptimePercent,
	type CheckSample,
	type Counts,
} from './stats';

export type UptimePeriod = '24h' | '7d' | '30d';

/** Days shown by the status page's uptime bar. */
export const BAR_DAYS = 90;

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
 * The figures of every recorded service (or of one), read with three queries whatever the number of
 * services: the services, their hourly aggregates of the last 24 h and their daily aggregates of the
 * last BAR_DAYS days.
 */
export async function readServiceStats(
	store: StateStore,
	now: number,
	serviceKey?: string,
): Promise<Map<string, ServiceStats>> {
	const periods = uptimePeriods(now);
	const only = serviceKey === undefined ? '' : ' AND s.service_key = ?';
	const filter = serviceKey === undefined ? [] : [serviceKey];
	const from = (table: string) =>
		serviceKey === undefined
			? `${table} h WHERE`
			: `history_services s JOIN ${table} h ON h.service_id = s.id WHERE`;
	const services = await store.all(
		`SELECT s.id, s.service_key, s.last_response_ms, s.cert_expires_at FROM history_services s WHERE 1 = 1${only}`,
		...filter,
	);
	const byId = new Map<
		number,
		{ key: string; stats: ServiceStats; day: Counts; week: Counts; month: Counts }
	>();
	for (const row of services) {
		byId.set(Number(row.id), {
			key: String(row.service_key),
			stats: {
				lastResponseMs: nullableNumber(row.last_response_ms),
				certExpiresAt: (row.cert_expires_at as string | null) ?? null,
				uptime: { '24h': null, '7d': null, '30d': null },
				p95Ms24h: null,
				hours: [],
				days: [],
			},
			day: emptyCounts(),
			week: emptyCounts(),
			month: emptyCounts(),
		});
	}
	// One row per service, the buckets packed by string_agg (SQLite 3.44+ and PostgreSQL): building a
	// JavaScript object per bucket costs far more than the query for thousands of services. All services
	// read the recent buckets through the bucket index; one service its own rows through (service_id, bucket).
	const hourly = await store.all(
		`SELECT h.service_id, sum(h.checks) AS checks, sum(h.failures) AS failures,
			sum(h.maintenance) AS maintenance, sum(h.rt_sum) AS rt_sum, sum(h.rt_count) AS rt_count,
			min(h.rt_min) AS rt_min, max(h.rt_max) AS rt_max, string_agg(nullif(h.sketch, ''), ',') AS sketch,
			string_agg(CAST(h.bucket AS TEXT) || ':' || CAST(h.rt_sum AS TEXT) || ':' || CAST(h.rt_count AS TEXT), ',') AS hours
		FROM ${from('history_hourly')} h.bucket >= ?${only} GROUP BY h.service_id`,
		periods['24h'].from,
		...filter,
	);
	const hourAverages = new Map<number, Map<number, number | null>>();
	for (const row of hourly) {
		const service = byId.get(Number(row.service_id));
		if (!service) continue;
		addStored(service.day, row);
		const averages = new Map<number, number | null>();
		for (const packed of String(row.hours ?? '').split(',')) {
			const [bucket, sum, count] = packed.split(':').map(Number);
			averages.set(bucket, averageResponseMs({ rtSum: sum, rtCount: count }));
		}
		hourAverages.set(Number(row.service_id), averages);
	}
	const barFrom = dayStart(now) - (BAR_DAYS - 1) * DAY_MS;
	const daily = await store.all(
		`SELECT h.service_id, string_agg(CAST(h.bucket AS TEXT) || ':' || CAST(h.checks AS TEXT) || ':' ||
			CAST(h.failures AS TEXT) || ':' || CAST(h.maintenance AS TEXT), ',') AS days
		FROM ${from('history_daily')} h.bucket >= ?${only} GROUP BY h.service_id`,
		barFrom,
		...filter,
	);
	const dayNames = new Map<number, string>();
	for (const row of daily) {
		const service = byId.get(Number(row.service_id));
		if (!service) continue;
		for (const packed of String(row.days ?? '').split(',')) {
			const [bucket, checks, failures, maintenance] = packed.split(':').map(Number);
			let day = dayNames.get(bucket);
			if (day === undefined)
				dayNames.set(bucket, (day = new Date(bucket).toISOString().slice(0, 10)));
			const figure = { day, checks, failures, maintenance };
			service.stats.days.push(figure);
			if (bucket >= periods['7d'].from) mergeCounts(service.week, countsOf(figure));
			if (bucket >= periods['30d'].from) mergeCounts(service.month, countsOf(figure));
		}
	}
	const result = new Map<string, ServiceStats>();
	for (const [id, service] of byId) {
		const { stats } = service;
		stats.uptime = {
			'24h': uptimePercent(service.day),
			'7d': uptimePercent(service.week),
			'30d': uptimePercent(service.month),
		};
		stats.p95Ms24h = sketchPercentile(service.day, 95);
		const averages = hourAverages.get(id);
		stats.hours = Array.from({ length: 24 }, (_, index) => {
			const hour = periods['24h'].from + index * HOUR_MS;
			return { hour: new Date(hour).toISOString(), averageMs: averages?.get(hour) ?? null };
		});
		stats.days.sort((a, b) => a.day.localeCompare(b.day));
		result.set(service.key, stats);
	}
	return result;
}

function countsOf(day: DayFigure): Counts {
	return {
		...emptyCounts(),
		checks: day.checks,
		failures: day.failures,
		maintenance: day.maintenance,
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
