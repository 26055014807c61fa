import {
	DAY_MS,
	DEFAULT_RETENTION,
	HOUR_MS,
	cutoffs,
	dayStart,
	hourStart,
	pruneLimit,
	tierFor,
	validateRetention,
} from '../../../nodes/shared/history/retention';
import {
	countSamples,
	decodeSketch,
	encodeSketch,
	inWindows,
	percentile,
	sketchPercentile,
	uptimePercent,
	type CheckSample,
} from '../../../nodes/shared/history/stats';
import { uptimePeriods } from '../../../nodes/shared/history/read';
import { InvalidParameterError } from '../../../nodes/shared/errors';

function sample(at: number, ok: boolean, overrides: Partial<CheckSample> = {}): CheckSample {
	return {
		at,
		ok,
		maintenance: false,
		statusCode: ok ? 200 : 503,
		responseTimeMs: 100,
		errorCode: null,
		...overrides,
	};
}

describe('uptime', () => {
	it('is the share of successful checks, null without any', () => {
		expect(uptimePercent({ checks: 0, failures: 0 })).toBeNull();
		expect(uptimePercent({ checks: 4, failures: 1 })).toBe(75);
		expect(uptimePercent({ checks: 3, failures: 1 })).toBe(66.667);
	});

	it('counts checks in maintenance as neither up nor down', () => {
		const counts = countSamples([
			sample(0, true),
			sample(1, false, { maintenance: true }),
			sample(2, false, { maintenance: true }),
			sample(3, true),
		]);
		expect(counts).toMatchObject({ checks: 2, failures: 0, maintenance: 2 });
		expect(uptimePercent(counts)).toBe(100);
		expect(uptimePercent(countSamples([sample(0, false, { maintenance: true })]))).toBeNull();
	});

	it('keeps response times of checks in maintenance out of the figures', () => {
		const counts = countSamples([
			sample(0, true, { responseTimeMs: 50 }),
			sample(1, true, { maintenance: true, responseTimeMs: 9000 }),
		]);
		expect(counts).toMatchObject({ rtCount: 1, rtMax: 50 });
	});

	it('finds checks inside half-open maintenance windows', () => {
		const windows = [{ start: 1000, end: 2000 }];
		expect([999, 1000, 1999, 2000].map((at) => inWindows(at, windows))).toEqual([
			false,
			true,
			true,
			false,
		]);
	});
});

describe('percentiles', () => {
	it('uses the nearest rank', () => {
		const values = Array.from({ length: 100 }, (_, index) => index + 1);
		expect(percentile(values, 95)).toBe(95);
		expect(percentile(values.slice(0, 20), 95)).toBe(19);
		expect(percentile([7], 95)).toBe(7);
		expect(percentile([], 95)).toBeNull();
		expect(percentile([300, 100, 200], 50)).toBe(200);
	});

	it('reads a percentile from the histogram within 10 % of the exact one', () => {
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let run = 0; run < 20; run++) {
			const samples = Array.from({ length: 200 }, (_, index) =>
				sample(index, true, { responseTimeMs: Math.round(5 + random() ** 3 * 5000) }),
			);
			const exact = percentile(
				samples.map((s) => s.responseTimeMs as number),
				95,
			) as number;
			const fromSketch = sketchPercentile(countSamples(samples), 95) as number;
			expect(Math.abs(fromSketch - exact) / exact).toBeLessThanOrEqual(0.1);
		}
	});

	it('stores the histogram as text and reads it back', () => {
		const counts = countSamples([
			sample(0, true, { responseTimeMs: 0 }),
			sample(1, true, { responseTimeMs: 120 }),
			sample(2, true, { responseTimeMs: 121 }),
		]);
		const text = encodeSketch(counts.sketch);
		expect(text).toMatch(/^0:1,\d+:2$/);
		expect(decodeSketch(text)).toEqual(counts.sketch);
		expect(decodeSketch('')).toEqual(new Map());
	});
});

describe('retention tiers', () => {
	const now = Date.parse('2026-11-30T10:20:00.000Z');

	it('expires raw results by time and buckets only once wholly out of their retention', () => {
		const expired = cutoffs(now, DEFAULT_RETENTION);
		expect(new Date(expired.raw).toISOString()).toBe('2026-11-28T10:20:00.000Z');
		expect(new Date(expired.hourly).toISOString()).toBe('2026-10-31T10:00:00.000Z');
		expect(new Date(expired.daily).toISOString()).toBe('2025-10-26T00:00:00.000Z');
	});

	it('picks the finest tier that holds the whole period, at the boundaries', () => {
		const retention = { rawHours: 48, hourlyDays: 30, dailyDays: 400 };
		expect(tierFor(48 * HOUR_MS, retention)).toBe('raw');
		expect(tierFor(48 * HOUR_MS + 1, retention)).toBe('hourly');
		expect(tierFor(30 * DAY_MS, retention)).toBe('hourly');
		expect(tierFor(30 * DAY_MS + 1, retention)).toBe('daily');
	});

	it('bounds pruning per run and lets it keep up with what the run wrote', () => {
		expect(pruneLimit(1)).toBe(500);
		expect(pruneLimit(10_000)).toBe(20_000);
	});

	it('buckets by UTC hour and day', () => {
		expect(new Date(hourStart(now)).toISOString()).toBe('2026-11-30T10:00:00.000Z');
		expect(new Date(dayStart(now)).toISOString()).toBe('2026-11-30T00:00:00.000Z');
	});

	it('adds up 24 hourly buckets for 24 h and whole UTC days for 7 and 30 days', () => {
		const periods = uptimePeriods(now);
		expect(new Date(periods['24h'].from).toISOString()).toBe('2026-11-29T11:00:00.000Z');
		expect(new Date(periods['7d'].from).toISOString()).toBe('2026-11-24T00:00:00.000Z');
		expect(new Date(periods['30d'].from).toISOString()).toBe('2026-11-01T00:00:00.000Z');
	});

	it('validates retentions, naming the option', () => {
		expect(validateRetention({})).toEqual(DEFAULT_RETENTION);
		expect(validateRetention({ rawHours: '24', hourlyDays: 7 })).toEqual({
			rawHours: 24,
			hourlyDays: 7,
			dailyDays: 400,
		});
		const bad = (input: Parameters<typeof validateRetention>[0]) => {
			try {
				validateRetention(input);
			} catch (error) {
				return (error as InvalidParameterError).parameter;
			}
			return 'accepted';
		};
		expect(bad({ rawHours: 0 })).toBe('historyRawHours');
		expect(bad({ rawHours: 1.5 })).toBe('historyRawHours');
		expect(bad({ hourlyDays: 1, rawHours: 48 })).toBe('historyHourlyDays');
		expect(bad({ dailyDays: 10, hourlyDays: 30 })).toBe('historyDailyDays');
	});
});
