import { DateTime } from 'luxon';

import {
	BAR_DAYS,
	readHistory,
	readServiceStats,
	type DailySeries,
	type HistoryBucket,
	uptimePeriods,
	type ServiceStats,
} from '../../../nodes/shared/history/read';
import { recordHistory, type HistoryEntry } from '../../../nodes/shared/history/record';
import {
	DAY_MS,
	DEFAULT_RETENTION,
	HOUR_MS,
	dayStart,
	type Retention,
} from '../../../nodes/shared/history/retention';
import { emptyCounts } from '../../../nodes/shared/history/stats';
import { decodeSummary, encodeSummary, type Summary } from '../../../nodes/shared/history/summary';
import { emptyDailySeries } from '../../../nodes/shared/history/summaryCells';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import {
	BACKENDS,
	countRows,
	freshStoreOption,
	openStoreAt,
	openTestStore,
} from '../../support/stores';

const QUARTER = 15 * 60_000;

function entry(serviceKey: string, at: number, ok: boolean, maintenance = false): HistoryEntry {
	return {
		serviceKey,
		certExpiresAt: null,
		sample: {
			at,
			ok,
			maintenance,
			statusCode: ok ? 200 : 503,
			// Varies by service and time, so p95 and the hourly averages differ from hour to hour.
			responseTimeMs: 20 + (Math.floor(at / QUARTER) % 17) * 13 + serviceKey.length * 7,
			errorCode: ok ? null : 'UNEXPECTED_STATUS',
		},
	};
}

/** The page's figures as the aggregate tables give them (readHistory), to compare with the summary's. */
async function fromAggregates(store: StateStore, key: string, now: number) {
	const periods = uptimePeriods(now);
	const to = now + 1;
	const day = await readHistory(store, key, periods['24h'].from, to, 'hourly');
	const week = await readHistory(store, key, periods['7d'].from, to, 'daily');
	const month = await readHistory(store, key, periods['30d'].from, to, 'daily');
	const bar = await readHistory(store, key, dayStart(now) - (BAR_DAYS - 1) * DAY_MS, to, 'daily');
	const averages = new Map((day.buckets ?? []).map((bucket) => [bucket.start, bucket.averageMs]));
	return {
		uptime: {
			'24h': day.summary.uptime,
			'7d': week.summary.uptime,
			'30d': month.summary.uptime,
		},
		p95Ms24h: day.summary.p95Ms,
		hourlyAverageMs: Array.from(
			{ length: 24 },
			(_, index) =>
				averages.get(new Date(periods['24h'].from + index * HOUR_MS).toISOString()) ?? null,
		),
		daily: dailySeries(bar.buckets ?? [], dayStart(now) - (BAR_DAYS - 1) * DAY_MS),
	};
}

/** Daily buckets as the page's series: one entry per bar day, 0 for a day without a bucket. */
function dailySeries(buckets: HistoryBucket[], barFrom: number): DailySeries {
	const series = emptyDailySeries(BAR_DAYS);
	for (const bucket of buckets) {
		const index = (Date.parse(bucket.start) - barFrom) / DAY_MS;
		series.checks[index] = bucket.checks;
		series.failures[index] = bucket.failures;
		series.maintenance[index] = bucket.maintenance;
	}
	return series;
}

function pageFigures(stats: ServiceStats | undefined) {
	if (!stats) throw new Error('no figures');
	const { uptime, p95Ms24h, hourlyAverageMs, daily } = stats;
	return { uptime, p95Ms24h, hourlyAverageMs, daily };
}

describe('history summary encoding', () => {
	it('keeps each cell at its bucket, gaps included, and drops cells before the floors', () => {
		const day = Date.parse('2026-11-20T00:00:00.000Z');
		const summary: Summary = { days: new Map(), hours: new Map() };
		summary.days.set(day - 5 * DAY_MS, { checks: 9, failures: 9, maintenance: 0 });
		summary.days.set(day, { checks: 96, failures: 2, maintenance: 4 });
		summary.days.set(day + 2 * DAY_MS, { checks: 0, failures: 0, maintenance: 96 });
		const hour = { ...emptyCounts(), checks: 4, failures: 1, rtSum: 400, rtCount: 4 };
		hour.rtMin = 50;
		hour.rtMax = 150;
		hour.sketch.set(41, 3).set(53, 1);
		summary.hours.set(day + 10 * HOUR_MS, hour);
		summary.hours.set(day + 13 * HOUR_MS, { ...emptyCounts(), maintenance: 4 });
		const stored = encodeSummary(summary, { day: day - DAY_MS, hour: day });
		expect(stored).toEqual({
			day0: day,
			days: '96.2.4,,0.0.96',
			hour0: day + 10 * HOUR_MS,
			hours: '4 1 0 400 4 50 150 41:3,53:1;;;0 0 4 0 0   ',
		});
		const decoded = decodeSummary(stored);
		expect([...decoded.days]).toEqual([...summary.days].slice(1));
		expect([...decoded.hours]).toEqual([...summary.hours]);
	});
});

describe.each(BACKENDS)('history summary in the %s store', (backend) => {
	let store: StateStore;
	beforeEach(async () => {
		store = await openTestStore(backend);
	});
	afterEach(async () => {
		await store.close();
	});

	it('holds one row per service and agrees with the aggregates across DST changes and UTC midnights', async () => {
		const zone = 'Europe/Paris';
		// Three local days around the autumn DST change, then one around the spring one.
		for (const [start, days] of [
			['2026-10-24', 3],
			['2027-03-27', 3],
		] as const) {
			const from = DateTime.fromISO(start, { zone }).toMillis();
			const to = from + days * DAY_MS;
			for (let at = from; at < to; at += QUARTER) {
				const step = Math.round((at - from) / QUARTER);
				const entries = [
					// Fails one check in 7, in maintenance two hours a day (local time).
					entry('always', at, step % 7 !== 0, DateTime.fromMillis(at, { zone }).hour < 2),
					...(step % 3 === 0 ? [entry('every-45-min', at, step % 5 !== 0)] : []),
					// Stops 30 hours before the end: its 24 h figures must be empty, its days kept.
					...(at < to - 30 * HOUR_MS ? [entry('stopped', at, true)] : []),
				];
				await recordHistory(store, entries, DEFAULT_RETENTION, at);
				if (step % 37 === 0 || at + QUARTER >= to) {
					const all = await readServiceStats(store, at);
					for (const key of all.keys())
						expect(pageFigures(all.get(key))).toEqual(await fromAggregates(store, key, at));
				}
			}
			// Read later than the last run: cells that left the windows since are not counted.
			const later = to + 5 * HOUR_MS;
			const all = await readServiceStats(store, later);
			expect(all.get('stopped')?.uptime['24h']).toBeNull();
			for (const key of all.keys())
				expect(pageFigures(all.get(key))).toEqual(await fromAggregates(store, key, later));
		}
		expect(await countRows(store, 'history_summary')).toBe(3);
	});

	it('keeps only what the retention keeps, at the tier boundaries', async () => {
		const retention: Retention = { rawHours: 24, hourlyDays: 1, dailyDays: 3 };
		const from = Date.parse('2026-11-20T22:00:00.000Z');
		const to = from + 5 * DAY_MS;
		for (let at = from; at < to; at += HOUR_MS)
			await recordHistory(store, [entry('a', at, at % (5 * HOUR_MS) !== 0)], retention, at);
		const now = to - HOUR_MS;
		const row = await store.get('SELECT day0, days, hour0, hours FROM history_summary');
		const summary = decodeSummary(row ?? {});
		// Daily: today and the 3 days before it at most, as history_daily after pruning.
		expect([...summary.days.keys()]).toEqual(
			[3, 2, 1, 0].map((back) => dayStart(now) - back * DAY_MS),
		);
		const daily = await store.all('SELECT bucket FROM history_daily ORDER BY bucket');
		expect(daily.map((bucket) => Number(bucket.bucket))).toEqual([...summary.days.keys()]);
		expect([...summary.hours.keys()]).toEqual(
			Array.from({ length: 24 }, (_, index) => now - (23 - index) * HOUR_MS),
		);
		expect(pageFigures((await readServiceStats(store, now)).get('a'))).toEqual(
			await fromAggregates(store, 'a', now),
		);
	});

	it('builds the summary of a service recorded without one from its aggregates', async () => {
		const from = Date.parse('2026-11-28T00:00:00.000Z');
		for (let at = from; at < from + 2 * DAY_MS; at += QUARTER)
			await recordHistory(store, [entry('a', at, at % (7 * QUARTER) !== 0)], DEFAULT_RETENTION, at);
		// As a store written before the summary existed.
		await store.run('DELETE FROM history_summary');
		const now = from + 2 * DAY_MS;
		expect((await readServiceStats(store, now)).get('a')?.uptime['24h']).toBeNull();
		await recordHistory(store, [entry('a', now, true)], DEFAULT_RETENTION, now);
		const stats = (await readServiceStats(store, now)).get('a');
		expect(Array.from(stats?.daily.checks.slice(-4) ?? [])).toEqual([0, 96, 96, 1]);
		expect(pageFigures(stats)).toEqual(await fromAggregates(store, 'a', now));
	});

	it('loses no cell when runs write at once', async () => {
		const option = freshStoreOption(backend);
		const first = await openStoreAt(option);
		// Two pools on PostgreSQL. A second SQLite connection in this process would wait on the file lock
		// synchronously (blocking the first's transaction): SQLite runs take turns on one connection here
		// and across processes through BEGIN IMMEDIATE (see store-processes.test.ts).
		const other = backend === 'postgres' ? await openStoreAt(option) : first;
		const at = Date.parse('2026-11-30T10:00:00.000Z');
		const keys = Array.from({ length: 300 }, (_, index) => `svc-${index}`);
		const runs = Array.from({ length: 6 }, (_, run) =>
			recordHistory(
				run % 2 ? other : first,
				keys.map((key) => entry(key, at + run * 60_000, run !== 3)),
				DEFAULT_RETENTION,
				at + run * 60_000,
			),
		);
		await Promise.all(runs);
		const now = at + 6 * 60_000;
		const stats = await readServiceStats(first, now);
		for (const key of ['svc-0', 'svc-150', 'svc-299']) {
			const daily = stats.get(key)?.daily;
			expect(
				[daily?.checks, daily?.failures, daily?.maintenance].map((series) =>
					Array.from(series?.slice(-2) ?? []),
				),
			).toEqual([
				[0, 6],
				[0, 1],
				[0, 0],
			]);
			expect(pageFigures(stats.get(key))).toEqual(await fromAggregates(first, key, now));
		}
	});
});
