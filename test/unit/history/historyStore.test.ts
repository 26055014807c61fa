import { DateTime } from 'luxon';

import { readHistory, readServiceStats } from '../../../nodes/shared/history/read';
import { recordHistory, type HistoryEntry } from '../../../nodes/shared/history/record';
import {
	DAY_MS,
	DEFAULT_RETENTION,
	HOUR_MS,
	MIN_PRUNE_ROWS,
} from '../../../nodes/shared/history/retention';
import type { CheckSample } from '../../../nodes/shared/history/stats';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { BACKENDS, countRows, openTestStore } from '../../support/stores';

const QUARTER = 15 * 60_000;

function entry(
	serviceKey: string,
	at: number,
	ok: boolean,
	overrides: Partial<CheckSample> = {},
): HistoryEntry {
	return {
		serviceKey,
		certExpiresAt: null,
		sample: {
			at,
			ok,
			maintenance: false,
			statusCode: ok ? 200 : 503,
			responseTimeMs: 100,
			errorCode: ok ? null : 'UNEXPECTED_STATUS',
			...overrides,
		},
	};
}

/** Checks every 15 minutes in [from, to), one run per check time. */
async function monitor(
	store: StateStore,
	keys: string[],
	from: number,
	to: number,
	okAt: (key: string, at: number) => boolean = () => true,
) {
	for (let at = from; at < to; at += QUARTER) {
		await recordHistory(
			store,
			keys.map((key) => entry(key, at, okAt(key, at))),
			DEFAULT_RETENTION,
			at,
		);
	}
}

describe.each(BACKENDS)('check history in the %s store', (backend) => {
	let store: StateStore;
	beforeEach(async () => {
		store = await openTestStore(backend);
	});
	afterEach(async () => {
		await store.close();
	});

	const count = (table: string) => countRows(store, table);

	it('writes a run in one transaction: raw results and their hourly and daily aggregates', async () => {
		let transactions = 0;
		const counting = Object.create(store) as StateStore;
		counting.transaction = (work) => (transactions++, store.transaction(work));
		const at = Date.parse('2026-11-30T10:05:00.000Z');
		const keys = Array.from(
			{ length: 450 },
			(_, index) => `eq|svc${index}|http://127.0.0.1/${index}`,
		);
		await recordHistory(
			counting,
			keys.map((key, index) => entry(key, at, index % 3 !== 0)),
			DEFAULT_RETENTION,
			at,
		);
		expect(transactions).toBe(1);
		expect(await count('history_raw')).toBe(450);
		expect(await count('history_hourly')).toBe(450);
		expect(await count('history_daily')).toBe(450);
		const stats = await readServiceStats(store, at);
		expect(stats.get(keys[0])?.uptime['24h']).toBe(0);
		expect(stats.get(keys[1])?.uptime).toEqual({ '24h': 100, '7d': 100, '30d': 100 });
	});

	it('rolls the whole run back when a write fails', async () => {
		const at = Date.parse('2026-11-30T10:05:00.000Z');
		const bad = entry('b', at, true);
		(bad.sample as { at: unknown }).at = null;
		await expect(
			recordHistory(store, [entry('a', at, true), bad], DEFAULT_RETENTION, at),
		).rejects.toThrow();
		expect(await count('history_raw')).toBe(0);
		expect(await count('history_services')).toBe(0);
	});

	it('adds runs of the same hour and day into one aggregate', async () => {
		const at = Date.parse('2026-11-30T10:00:00.000Z');
		await recordHistory(
			store,
			[entry('a', at, true, { responseTimeMs: 40 })],
			DEFAULT_RETENTION,
			at,
		);
		await recordHistory(
			store,
			[entry('a', at + QUARTER, false, { responseTimeMs: 400 })],
			DEFAULT_RETENTION,
			at + QUARTER,
		);
		const history = await readHistory(store, 'a', at, at + HOUR_MS, 'hourly');
		expect(history.buckets).toEqual([
			expect.objectContaining({
				checks: 2,
				failures: 1,
				uptime: 50,
				minMs: 40,
				maxMs: 400,
				averageMs: 220,
				p95Ms: 400,
			}),
		]);
		const daily = await readHistory(store, 'a', at, at + DAY_MS, 'daily');
		expect(daily.buckets?.[0]).toMatchObject({
			start: '2026-11-30T00:00:00.000Z',
			checks: 2,
			failures: 1,
		});
	});

	it('gives the same figures from raw results and from aggregates, with maintenance left out of both', async () => {
		const from = Date.parse('2026-11-29T00:00:00.000Z');
		const to = from + DAY_MS;
		const maintenance = { start: from + 6 * HOUR_MS, end: from + 8 * HOUR_MS };
		for (let at = from; at < to; at += QUARTER) {
			const inMaintenance = at >= maintenance.start && at < maintenance.end;
			// Down all through the maintenance window, and once more at 12:00.
			const ok = !inMaintenance && at !== from + 12 * HOUR_MS;
			await recordHistory(
				store,
				[entry('a', at, ok, { maintenance: inMaintenance })],
				DEFAULT_RETENTION,
				at,
			);
		}
		const raw = await readHistory(store, 'a', from, to, 'raw');
		const hourly = await readHistory(store, 'a', from, to, 'hourly');
		const daily = await readHistory(store, 'a', from, to, 'daily');
		const expected = { checks: 88, failures: 1, maintenance: 8, uptime: 98.864 };
		expect(raw.summary).toMatchObject(expected);
		expect(hourly.summary).toMatchObject(expected);
		expect(daily.summary).toMatchObject(expected);
		expect(hourly.buckets?.filter((bucket) => bucket.uptime === null)).toHaveLength(2);
	});

	it('counts 24 real hours for 24 h and 23 or 25 hours for a local day, across DST changes', async () => {
		const zone = 'Europe/Paris';
		for (const [day, hours] of [
			['2026-03-29', 23],
			['2026-10-25', 25],
		] as const) {
			const localDay = DateTime.fromISO(day, { zone });
			const from = localDay.toMillis();
			const to = localDay.plus({ days: 1 }).toMillis();
			await monitor(store, [`k${day}`], from - DAY_MS, to);
			const history = await readHistory(store, `k${day}`, from, to, 'hourly');
			expect(history.buckets).toHaveLength(hours);
			expect(history.summary.checks).toBe(hours * 4);
			const stats = await readServiceStats(store, to - 1, `k${day}`);
			// The last 24 hourly buckets hold 24 real hours of quarter-hourly checks.
			expect(
				stats.get(`k${day}`)?.hourlyAverageMs.filter((average) => average !== null),
			).toHaveLength(24);
		}
	});

	it('prunes at the tier boundaries: a result exactly at the cutoff is kept, one just before is removed', async () => {
		const now = Date.parse('2026-11-30T10:20:00.000Z');
		const rawCutoff = now - DEFAULT_RETENTION.rawHours * HOUR_MS;
		await recordHistory(
			store,
			[entry('a', rawCutoff - 1, true), entry('b', rawCutoff, true)],
			DEFAULT_RETENTION,
			rawCutoff,
		);
		await recordHistory(store, [entry('c', now, true)], DEFAULT_RETENTION, now);
		const raw = await store.all(
			'SELECT s.service_key FROM history_raw r JOIN history_services s ON s.id = r.service_id ORDER BY r.at',
		);
		expect(raw.map((row) => row.service_key)).toEqual(['b', 'c']);
		// The hourly bucket holding the hourly cutoff stays, the one before it goes.
		const hourlyCutoff = Date.parse('2026-10-31T10:00:00.000Z');
		const dailyCutoff = Date.parse('2025-10-26T00:00:00.000Z');
		await recordHistory(
			store,
			[
				entry('h1', hourlyCutoff - 1, true),
				entry('h2', hourlyCutoff, true),
				entry('d1', dailyCutoff - 1, true),
				entry('d2', dailyCutoff, true),
			],
			DEFAULT_RETENTION,
			dailyCutoff,
		);
		await recordHistory(store, [entry('c', now + 1, true)], DEFAULT_RETENTION, now + 1);
		const hourly = await store.all(
			'SELECT DISTINCT s.service_key FROM history_hourly h JOIN history_services s ON s.id = h.service_id',
		);
		expect(hourly.map((row) => row.service_key).sort()).toEqual(['a', 'b', 'c', 'h2']);
		const daily = await store.all(
			'SELECT DISTINCT s.service_key FROM history_daily h JOIN history_services s ON s.id = h.service_id',
		);
		expect(daily.map((row) => row.service_key).sort()).toEqual(['a', 'b', 'c', 'd2', 'h1', 'h2']);
	});

	it('prunes a backlog a bounded number of rows per run', async () => {
		const old = Date.parse('2026-01-01T00:00:00.000Z');
		const now = Date.parse('2026-11-30T10:00:00.000Z');
		const backlog = 2 * MIN_PRUNE_ROWS + 100;
		for (let start = 0; start < backlog; start += 200) {
			const size = Math.min(200, backlog - start);
			await recordHistory(
				store,
				Array.from({ length: size }, (_, i) => entry(`s${start + i}`, old, true)),
				{ rawHours: 3660 * 24, hourlyDays: 3660, dailyDays: 3660 },
				old,
			);
		}
		const runs: number[] = [];
		for (let run = 0; run < 3; run++) {
			await recordHistory(
				store,
				[entry('live', now + run * QUARTER, true)],
				DEFAULT_RETENTION,
				now + run * QUARTER,
			);
			runs.push(await count('history_raw'));
		}
		expect(runs).toEqual([backlog + 1 - MIN_PRUNE_ROWS, backlog + 2 - 2 * MIN_PRUNE_ROWS, 3]);
	});
});
