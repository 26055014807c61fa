import { emptyCounts, sketchPercentile } from '../../../nodes/shared/history/stats';
import {
	HourWindow,
	emptyDailySeries,
	emptyDailySeriesList,
	readDayCells,
} from '../../../nodes/shared/history/summaryCells';

describe('readDayCells', () => {
	it('puts each cell at its day, leaves empty cells and days without a cell at 0', () => {
		const series = emptyDailySeries(5);
		readDayCells('96.2.4,,0.0.96', 1, series);
		expect(Array.from(series.checks)).toEqual([0, 96, 0, 0, 0]);
		expect(Array.from(series.failures)).toEqual([0, 2, 0, 0, 0]);
		expect(Array.from(series.maintenance)).toEqual([0, 4, 0, 96, 0]);
	});

	it('skips the cells before and after the series', () => {
		const series = emptyDailySeries(2);
		readDayCells('1.1.1,2.0.0,3.1.0,4.4.4', -1, series);
		expect(Array.from(series.checks)).toEqual([2, 3]);
		expect(Array.from(series.failures)).toEqual([0, 1]);
	});

	it('fills series of one shared buffer without touching the others', () => {
		const [first, second, third] = emptyDailySeriesList(3, 2);
		readDayCells('5.1.0,6.0.2', 0, second);
		expect([first, third].map((series) => Object.values(series).map((a) => Array.from(a)))).toEqual(
			[
				[
					[0, 0],
					[0, 0],
					[0, 0],
				],
				[
					[0, 0],
					[0, 0],
					[0, 0],
				],
			],
		);
		expect(Object.values(second).map((a) => Array.from(a))).toEqual([
			[5, 6],
			[1, 0],
			[0, 2],
		]);
	});

	it('takes nothing from the cell before when a cell has fewer fields', () => {
		const series = emptyDailySeries(2);
		readDayCells('96.2.4,5', 0, series);
		expect(Array.from(series.checks)).toEqual([96, 0]);
		expect(Array.from(series.failures)).toEqual([2, 0]);
		expect(Array.from(series.maintenance)).toEqual([4, 5]);
	});

	it('reads nothing from an absent or empty column', () => {
		for (const packed of [null, undefined, '']) {
			const series = emptyDailySeries(3);
			readDayCells(packed, 0, series);
			expect(Array.from(series.checks)).toEqual([0, 0, 0]);
		}
	});
});

describe('HourWindow', () => {
	const hours = '4 1 0 400 4 50 150 41:3,53:1;;;0 0 4 0 0   ';

	it('adds up the hour cells and reads averages and percentiles as sketchPercentile does', () => {
		const window = new HourWindow(24);
		window.reset();
		window.readHourCells(hours, 0);
		expect([window.checks, window.failures, window.maintenance, window.rtCount]).toEqual([
			4, 1, 4, 4,
		]);
		expect(window.averages.slice(0, 4)).toEqual([100, null, null, null]);
		const counts = {
			...emptyCounts(),
			rtMin: 50,
			rtMax: 150,
			sketch: new Map([
				[41, 3],
				[53, 1],
			]),
		};
		for (const p of [50, 95, 100]) expect(window.percentile(p)).toBe(sketchPercentile(counts, p));
		expect(window.percentile(95)).toBe(150);
		expect(window.percentile(50)).toBe(50);
	});

	it('skips the hours outside the window', () => {
		const window = new HourWindow(24);
		window.reset();
		window.readHourCells('1 0 0 10 1 10 10 25:1;2 2 0 40 2 20 20 32:2', 23);
		expect(window.checks).toBe(1);
		expect(window.averages[23]).toBe(10);
		expect(window.percentile(95)).toBe(10);
	});

	it('starts over on reset: counts, averages and histogram', () => {
		const window = new HourWindow(3);
		window.reset();
		window.readHourCells('9 9 0 900 9 100 100 48:9', 0);
		window.reset();
		expect(window.percentile(95)).toBeNull();
		window.readHourCells(';2 0 0 40 2 20 20 32:2', 0);
		expect([window.checks, window.failures]).toEqual([2, 0]);
		expect(window.averages).toEqual([null, 20, null]);
		expect(window.percentile(95)).toBe(20);
	});

	it('ignores a histogram bucket no response time can reach', () => {
		const window = new HourWindow(1);
		window.reset();
		window.readHourCells('1 0 0 30 1 30 30 9999:1,36:1', 0);
		expect(window.checks).toBe(1);
		expect(window.percentile(100)).toBe(30);
	});
});
