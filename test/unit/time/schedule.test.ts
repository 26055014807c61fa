import { Settings } from 'luxon';

import { InvalidParameterError } from '../../../nodes/shared/errors';
import {
	nextOccurrence,
	occurrenceAt,
	type ScheduleSpec,
	validateSchedule,
} from '../../../nodes/shared/time/maintenanceWindow';

function expectInvalid(fn: () => unknown, parameter: string): void {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InvalidParameterError);
	expect((caught as InvalidParameterError).parameter).toBe(parameter);
	expect((caught as InvalidParameterError).message).toContain(parameter);
}

const SUNDAY = 7;

/** Start instants of the next `count` occurrences after `after`. */
function starts(spec: ScheduleSpec, after: string, count: number): string[] {
	const result: string[] = [];
	let cursor = after;
	for (let i = 0; i < count; i++) {
		const next = nextOccurrence(spec, cursor);
		if (!next) break;
		result.push(next.start);
		cursor = next.start;
	}
	return result;
}

describe('validateSchedule', () => {
	it('normalizes a local start, duration string and weekdays', () => {
		expect(
			validateSchedule({
				start: '2026-03-01 02:00',
				durationHours: '3',
				timeZone: 'Europe/Paris',
				weekdays: [7, 1, 7],
				until: '2026-12-31',
			}),
		).toEqual({
			start: '2026-03-01T01:00:00.000Z',
			durationHours: 3,
			timeZone: 'Europe/Paris',
			weekdays: [1, 7],
			until: '2026-12-31T22:59:59.999Z',
		});
	});

	it('accepts an ISO start with offset and no weekdays (one-off)', () => {
		expect(
			validateSchedule({ start: '2026-06-01T08:00:00+02:00', durationHours: 2, timeZone: 'UTC' }),
		).toMatchObject({ start: '2026-06-01T06:00:00.000Z', weekdays: [], until: null });
	});

	const base: ScheduleSpec = {
		start: '2026-03-01 02:00',
		durationHours: 3,
		timeZone: 'Europe/Paris',
		weekdays: [SUNDAY],
	};

	it.each<[string, Partial<ScheduleSpec> | Record<string, unknown>, string]>([
		['unknown zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
		['zero duration', { durationHours: 0 }, 'durationHours'],
		['non-numeric duration', { durationHours: 'soon' }, 'durationHours'],
		['weekday 0', { weekdays: [0] }, 'weekdays'],
		['weekday 8', { weekdays: [1, 8] }, 'weekdays'],
		['fractional weekday', { weekdays: [1.5] }, 'weekdays'],
		['weekday as string', { weekdays: ['1'] }, 'weekdays'],
		['weekdays not a list', { weekdays: 7 }, 'weekdays'],
		['garbage start', { start: 'next sunday' }, 'start'],
		['date-only start', { start: '2026-03-01' }, 'start'],
		['impossible date', { start: '2026-02-30 02:00' }, 'start'],
		['hour 24', { start: '2026-03-01 24:00' }, 'start'],
		['until before start', { until: '2026-02-28' }, 'until'],
		['until instant before start', { until: '2026-03-01T00:59:59Z' }, 'until'],
		['garbage until', { until: 'never' }, 'until'],
	])('rejects %s', (_label, override, parameter) => {
		expectInvalid(() => validateSchedule({ ...base, ...override } as ScheduleSpec), parameter);
	});

	it('accepts until on the start day', () => {
		expect(validateSchedule({ ...base, until: '2026-03-01' }).until).toBe(
			'2026-03-01T22:59:59.999Z',
		);
	});
});

describe('weekly window every Sunday 02:00 for 3 h, Europe/Paris', () => {
	const spec: ScheduleSpec = {
		start: '2026-03-01 02:00',
		durationHours: 3,
		timeZone: 'Europe/Paris',
		weekdays: [SUNDAY],
	};

	it('starts at 02:00 local on both sides of the March change (gap day shifts to 03:00)', () => {
		expect(starts(spec, '2026-03-16T00:00:00Z', 3)).toEqual([
			'2026-03-22T01:00:00.000Z', // 02:00 CET
			'2026-03-29T01:00:00.000Z', // 02:00 does not exist: 03:00 CEST
			'2026-04-05T00:00:00.000Z', // 02:00 CEST
		]);
	});

	it('starts at 02:00 local on both sides of the October change (ambiguous: first 02:00)', () => {
		expect(starts(spec, '2026-10-12T00:00:00Z', 3)).toEqual([
			'2026-10-18T00:00:00.000Z', // 02:00 CEST
			'2026-10-25T00:00:00.000Z', // first 02:00, still CEST
			'2026-11-01T01:00:00.000Z', // 02:00 CET
		]);
	});

	it('lasts 3 real hours across the change', () => {
		expect(nextOccurrence(spec, '2026-10-24T00:00:00Z')).toEqual({
			start: '2026-10-25T00:00:00.000Z',
			end: '2026-10-25T03:00:00.000Z', // 04:00 CET on the wall clock
		});
	});

	it('finds the window containing now, at its boundaries', () => {
		const window = { start: '2026-04-05T00:00:00.000Z', end: '2026-04-05T03:00:00.000Z' };
		expect(occurrenceAt(spec, '2026-04-04T23:59:59.999Z')).toBeNull();
		expect(occurrenceAt(spec, '2026-04-05T00:00:00.000Z')).toEqual(window);
		expect(occurrenceAt(spec, '2026-04-05T02:59:59.999Z')).toEqual(window);
		expect(occurrenceAt(spec, '2026-04-05T03:00:00.000Z')).toBeNull();
		expect(occurrenceAt(spec, '2026-04-08T12:00:00.000Z')).toBeNull();
	});

	it('has no occurrence before the start date', () => {
		expect(occurrenceAt(spec, '2026-02-22T01:30:00Z')).toBeNull();
		expect(nextOccurrence(spec, '2026-01-01T00:00:00Z')?.start).toBe('2026-03-01T01:00:00.000Z');
	});

	it('returns an occurrence strictly after the given instant', () => {
		expect(nextOccurrence(spec, '2026-03-22T01:00:00.000Z')?.start).toBe(
			'2026-03-29T01:00:00.000Z',
		);
		expect(nextOccurrence(spec, '2026-03-22T00:59:59.999Z')?.start).toBe(
			'2026-03-22T01:00:00.000Z',
		);
	});

	it('stops after until (a local date includes that day)', () => {
		const bounded = { ...spec, until: '2026-03-29' };
		expect(nextOccurrence(bounded, '2026-03-22T01:00:00Z')?.start).toBe('2026-03-29T01:00:00.000Z');
		expect(nextOccurrence(bounded, '2026-03-29T01:00:00Z')).toBeNull();
		expect(occurrenceAt(bounded, '2026-03-29T02:00:00Z')?.start).toBe('2026-03-29T01:00:00.000Z');
		expect(occurrenceAt(bounded, '2026-04-05T01:00:00Z')).toBeNull();
	});
});

describe('weekly window every Sunday 02:00 for 3 h, America/New_York', () => {
	const spec: ScheduleSpec = {
		start: '2026-02-01 02:00',
		durationHours: 3,
		timeZone: 'America/New_York',
		weekdays: [SUNDAY],
	};

	it('starts at 02:00 local around the second Sunday of March', () => {
		expect(starts(spec, '2026-02-28T00:00:00Z', 3)).toEqual([
			'2026-03-01T07:00:00.000Z', // 02:00 EST
			'2026-03-08T07:00:00.000Z', // 02:00 does not exist: 03:00 EDT
			'2026-03-15T06:00:00.000Z', // 02:00 EDT
		]);
	});

	it('starts at 02:00 local around the first Sunday of November', () => {
		expect(starts(spec, '2026-10-20T00:00:00Z', 3)).toEqual([
			'2026-10-25T06:00:00.000Z', // 02:00 EDT
			'2026-11-01T07:00:00.000Z', // 02:00 EST (01:00-02:00 repeats, 02:00 does not)
			'2026-11-08T07:00:00.000Z', // 02:00 EST
		]);
	});

	it('resolves the repeated 01:30 to the first one (EDT)', () => {
		const early = { ...spec, start: '2026-02-01 01:30' };
		expect(nextOccurrence(early, '2026-10-31T00:00:00Z')).toEqual({
			start: '2026-11-01T05:30:00.000Z',
			end: '2026-11-01T08:30:00.000Z',
		});
	});
});

describe('DST edge cases', () => {
	afterEach(() => {
		Settings.now = () => Date.now();
	});

	it('resolves a start in the spring-forward gap by shifting forward (02:30 -> 03:30 CEST)', () => {
		const gap: ScheduleSpec = {
			start: '2026-03-29 02:30',
			durationHours: 1,
			timeZone: 'Europe/Paris',
		};
		expect(validateSchedule(gap).start).toBe('2026-03-29T01:30:00.000Z');
		expect(occurrenceAt(gap, '2026-03-29T02:00:00Z')).toEqual({
			start: '2026-03-29T01:30:00.000Z',
			end: '2026-03-29T02:30:00.000Z',
		});
	});

	it('keeps 02:30 as the weekly time of day after a gap start', () => {
		const weekly: ScheduleSpec = {
			start: '2026-03-29 02:30',
			durationHours: 1,
			timeZone: 'Europe/Paris',
			weekdays: [SUNDAY],
		};
		expect(starts(weekly, '2026-03-01T00:00:00Z', 2)).toEqual([
			'2026-03-29T01:30:00.000Z', // 03:30 CEST
			'2026-04-05T00:30:00.000Z', // 02:30 CEST
		]);
	});

	it('resolves ambiguous times the same way whatever the current date is', () => {
		const spec: ScheduleSpec = {
			start: '2026-10-25 02:30',
			durationHours: 1,
			timeZone: 'Europe/Paris',
		};
		const results = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)].map((fakeNow) => {
			Settings.now = () => fakeNow;
			return validateSchedule(spec).start;
		});
		expect(results).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T00:30:00.000Z']);
	});

	it('honours an explicit offset choosing the second 02:30 on the first day', () => {
		const spec: ScheduleSpec = {
			start: '2026-10-25T02:30:00+01:00',
			durationHours: 1,
			timeZone: 'Europe/Paris',
			weekdays: [SUNDAY],
		};
		expect(starts(spec, '2026-10-01T00:00:00Z', 2)).toEqual([
			'2026-10-25T01:30:00.000Z',
			'2026-11-01T01:30:00.000Z',
		]);
	});

	it('a window starting before the change lasts real hours (01:00 CET + 3 h = 05:00 CEST)', () => {
		const spec: ScheduleSpec = {
			start: '2026-03-29 01:00',
			durationHours: 3,
			timeZone: 'Europe/Paris',
		};
		expect(occurrenceAt(spec, '2026-03-29T02:59:00Z')).toEqual({
			start: '2026-03-29T00:00:00.000Z',
			end: '2026-03-29T03:00:00.000Z',
		});
	});
});

describe('windows spanning midnight', () => {
	const friday: ScheduleSpec = {
		start: '2026-01-02 22:00',
		durationHours: 4,
		timeZone: 'Europe/Paris',
		weekdays: [5],
	};

	it('is found on the next local day (Saturday) until it ends', () => {
		const window = { start: '2026-06-05T20:00:00.000Z', end: '2026-06-06T00:00:00.000Z' };
		expect(occurrenceAt(friday, '2026-06-05T23:30:00Z')).toEqual(window); // Sat 01:30 CEST
		expect(occurrenceAt(friday, '2026-06-06T00:00:00Z')).toBeNull(); // Sat 02:00 CEST
		expect(occurrenceAt(friday, '2026-06-05T19:59:59Z')).toBeNull();
	});

	it('a one-off window spanning midnight', () => {
		const oneOff: ScheduleSpec = { start: '2026-06-30 23:00', durationHours: 2, timeZone: 'UTC' };
		expect(occurrenceAt(oneOff, '2026-07-01T00:30:00Z')).toEqual({
			start: '2026-06-30T23:00:00.000Z',
			end: '2026-07-01T01:00:00.000Z',
		});
		expect(nextOccurrence(oneOff, '2026-06-30T23:00:00Z')).toBeNull();
		expect(nextOccurrence(oneOff, '2026-06-30T22:00:00Z')?.start).toBe('2026-06-30T23:00:00.000Z');
	});
});

describe('several weekdays and overlapping windows', () => {
	it('cycles through the listed weekdays in order', () => {
		const spec: ScheduleSpec = {
			start: '2026-06-01 06:00', // a Monday
			durationHours: 1,
			timeZone: 'UTC',
			weekdays: [3, 1],
		};
		expect(starts(spec, '2026-05-01T00:00:00Z', 4)).toEqual([
			'2026-06-01T06:00:00.000Z',
			'2026-06-03T06:00:00.000Z',
			'2026-06-08T06:00:00.000Z',
			'2026-06-10T06:00:00.000Z',
		]);
	});

	it('does not count the start day when its weekday is not listed', () => {
		const spec: ScheduleSpec = {
			start: '2026-06-03 06:00', // a Wednesday
			durationHours: 1,
			timeZone: 'UTC',
			weekdays: [SUNDAY],
		};
		expect(nextOccurrence(spec, '2026-06-01T00:00:00Z')?.start).toBe('2026-06-07T06:00:00.000Z');
	});

	it('returns the latest-starting window when daily windows overlap', () => {
		const spec: ScheduleSpec = {
			start: '2026-06-01 00:00',
			durationHours: 36,
			timeZone: 'UTC',
			weekdays: [1, 2, 3, 4, 5, 6, 7],
		};
		expect(occurrenceAt(spec, '2026-06-03T06:00:00Z')).toEqual({
			start: '2026-06-03T00:00:00.000Z',
			end: '2026-06-04T12:00:00.000Z',
		});
	});

	it('still finds a long last occurrence that started more than a week before now', () => {
		const spec: ScheduleSpec = {
			start: '2026-05-03 00:00',
			durationHours: 720,
			timeZone: 'UTC',
			weekdays: [SUNDAY],
			until: '2026-06-07',
		};
		expect(occurrenceAt(spec, '2026-06-20T00:00:00Z')).toEqual({
			start: '2026-06-07T00:00:00.000Z',
			end: '2026-07-07T00:00:00.000Z',
		});
		expect(occurrenceAt(spec, '2026-07-07T00:00:00Z')).toBeNull();
	});

	it('rejects a malformed now / after', () => {
		const spec: ScheduleSpec = { start: '2026-06-01 00:00', durationHours: 1, timeZone: 'UTC' };
		expectInvalid(() => occurrenceAt(spec, 'now'), 'now');
		expectInvalid(() => nextOccurrence(spec, '2026-06-01 00:00'), 'after');
	});
});
