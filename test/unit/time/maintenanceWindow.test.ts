import { InvalidParameterError } from '../../../nodes/shared/errors';
import {
	activationWindow,
	assertTimeZone,
	DEFAULT_DURATION_HOURS,
	isActive,
	localDay,
	MAX_DURATION_HOURS,
	parseDurationHours,
	remainingMinutes,
} from '../../../nodes/shared/time/maintenanceWindow';

function expectInvalid(fn: () => unknown, parameter: string): InvalidParameterError {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InvalidParameterError);
	const error = caught as InvalidParameterError;
	expect(error.parameter).toBe(parameter);
	expect(error.message).toContain(parameter);
	return error;
}

describe('parseDurationHours', () => {
	it.each([
		[4, 4],
		[0.25, 0.25],
		['8', 8],
		['1.5', 1.5],
		[' 12 ', 12],
		[MAX_DURATION_HOURS, MAX_DURATION_HOURS],
	])('accepts %p', (input, expected) => {
		expect(parseDurationHours(input)).toBe(expected);
	});

	it.each([
		0,
		-1,
		Number.NaN,
		Number.POSITIVE_INFINITY,
		'0',
		'-4',
		'',
		'abc',
		'4h',
		'1e3',
		'0x10',
		'1,5',
		'Infinity',
		null,
		undefined,
		true,
		[4],
	])('rejects %p naming the parameter', (input) => {
		expectInvalid(() => parseDurationHours(input), 'durationHours');
	});

	it('uses the caller-supplied parameter name', () => {
		expectInvalid(
			() => parseDurationHours('x', 'maintenance_mode_duration'),
			'maintenance_mode_duration',
		);
	});

	it('rejects more than a year with a message stating the bound', () => {
		const error = expectInvalid(() => parseDurationHours(MAX_DURATION_HOURS + 1), 'durationHours');
		expect(error.message).toContain('8760');
		expectInvalid(() => parseDurationHours('100000'), 'durationHours');
	});
});

describe('assertTimeZone', () => {
	it.each(['Europe/Paris', 'America/New_York', 'UTC', 'Asia/Kolkata'])('accepts %s', (zone) => {
		expect(() => assertTimeZone(zone)).not.toThrow();
	});

	it.each(['', 'Mars/Olympus_Mons', 'Paris', 'CEST+2', 42, null, undefined])(
		'rejects %p naming timeZone',
		(zone) => {
			expectInvalid(() => assertTimeZone(zone), 'timeZone');
		},
	);
});

describe('activationWindow', () => {
	const now = '2026-06-01T10:00:00.000Z';

	it('defaults to a 4 hour window starting now', () => {
		expect(DEFAULT_DURATION_HOURS).toBe(4);
		expect(activationWindow(now)).toEqual({
			start: '2026-06-01T10:00:00.000Z',
			end: '2026-06-01T14:00:00.000Z',
		});
	});

	it('accepts the Odoo system parameter string and fractional hours', () => {
		expect(activationWindow(now, '1.5').end).toBe('2026-06-01T11:30:00.000Z');
	});

	it('normalizes an input offset to UTC', () => {
		expect(activationWindow('2026-06-01T12:00:00+02:00', 1)).toEqual({
			start: '2026-06-01T10:00:00.000Z',
			end: '2026-06-01T11:00:00.000Z',
		});
	});

	it('extends an active window to now + duration, keeping its start', () => {
		const existing = { start: '2026-06-01T08:00:00.000Z', end: '2026-06-01T12:00:00.000Z' };
		expect(activationWindow(now, 4, existing)).toEqual({
			start: '2026-06-01T08:00:00.000Z',
			end: '2026-06-01T14:00:00.000Z',
		});
	});

	it('never shortens an active window that already ends later', () => {
		const existing = { start: '2026-06-01T08:00:00.000Z', end: '2026-06-01T20:00:00.000Z' };
		expect(activationWindow(now, 4, existing)).toEqual(existing);
	});

	it('starts a fresh window when the existing one has expired (end is exclusive)', () => {
		const existing = { start: '2026-06-01T06:00:00.000Z', end: '2026-06-01T10:00:00.000Z' };
		expect(activationWindow(now, 4, existing)).toEqual({
			start: '2026-06-01T10:00:00.000Z',
			end: '2026-06-01T14:00:00.000Z',
		});
	});

	it('starts a fresh window when the existing one has not started yet', () => {
		const existing = { start: '2026-06-02T00:00:00.000Z', end: '2026-06-02T04:00:00.000Z' };
		expect(activationWindow(now, 2, existing)).toEqual({
			start: '2026-06-01T10:00:00.000Z',
			end: '2026-06-01T12:00:00.000Z',
		});
	});

	it('rejects invalid inputs naming the parameter', () => {
		expectInvalid(() => activationWindow(now, 0), 'durationHours');
		expectInvalid(() => activationWindow('2026-06-01T10:00:00', 4), 'now');
		expectInvalid(() => activationWindow('yesterday', 4), 'now');
		expectInvalid(
			() => activationWindow(now, 4, { start: 'garbage', end: '2026-06-01T12:00:00Z' }),
			'start',
		);
	});
});

describe('isActive / remainingMinutes', () => {
	const window = { start: '2026-06-01T09:00:00.000Z', end: '2026-06-01T10:00:00.000Z' };

	it('is active from start inclusive to end exclusive', () => {
		expect(isActive(window, '2026-06-01T08:59:59.999Z')).toBe(false);
		expect(isActive(window, '2026-06-01T09:00:00.000Z')).toBe(true);
		expect(isActive(window, '2026-06-01T09:59:59.999Z')).toBe(true);
		expect(isActive(window, '2026-06-01T10:00:00.000Z')).toBe(false);
	});

	it('rounds the remaining time up to whole minutes', () => {
		expect(remainingMinutes(window, '2026-06-01T09:00:00.000Z')).toBe(60);
		expect(remainingMinutes(window, '2026-06-01T09:00:01.000Z')).toBe(60);
		expect(remainingMinutes(window, '2026-06-01T09:01:00.000Z')).toBe(59);
		expect(remainingMinutes(window, '2026-06-01T09:59:59.999Z')).toBe(1);
	});

	it('reports 0 once expired and before the start', () => {
		expect(remainingMinutes(window, '2026-06-01T10:00:00.000Z')).toBe(0);
		expect(remainingMinutes(window, '2026-06-02T00:00:00.000Z')).toBe(0);
		expect(remainingMinutes(window, '2026-06-01T08:00:00.000Z')).toBe(0);
	});

	it('works with an activation window across an offset input', () => {
		const activated = activationWindow('2026-06-01T11:00:00+01:00', '8');
		expect(remainingMinutes(activated, '2026-06-01T16:30:00.000Z')).toBe(90);
		expect(isActive(activated, '2026-06-01T18:00:00.000Z')).toBe(false);
	});
});

describe('localDay', () => {
	it.each([
		['2026-03-28T23:30:00.000Z', 'UTC', '2026-03-28'],
		['2026-03-28T23:30:00.000Z', 'Europe/Paris', '2026-03-29'],
		['2026-03-28T23:30:00.000Z', 'America/New_York', '2026-03-28'],
		['2026-03-28T22:59:59.999Z', 'Europe/Paris', '2026-03-28'],
		['2026-03-28T23:00:00.000Z', 'Europe/Paris', '2026-03-29'],
		['2026-03-29T03:59:59.999Z', 'America/New_York', '2026-03-28'],
		['2026-03-29T04:00:00.000Z', 'America/New_York', '2026-03-29'],
		['2026-03-28T10:59:59.999Z', 'Pacific/Auckland', '2026-03-28'],
		['2026-03-28T11:00:00.000Z', 'Pacific/Auckland', '2026-03-29'],
		['2026-12-31T23:30:00-05:00', 'UTC', '2027-01-01'],
	])('%s in %s is %s', (instant, zone, day) => {
		expect(localDay(instant, zone)).toBe(day);
	});

	it('rejects an unknown zone and a local time without offset', () => {
		expectInvalid(() => localDay('2026-03-28T23:30:00Z', 'Nowhere/Land'), 'timeZone');
		expectInvalid(() => localDay('2026-03-28 23:30', 'UTC'), 'instant');
	});
});
