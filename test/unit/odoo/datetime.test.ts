import { DateTime } from 'luxon';

import { fromOdooDatetime, toOdooDatetime } from '../../../nodes/shared/odoo/datetime';

describe('toOdooDatetime', () => {
	it.each([
		['an ISO string in UTC', '2030-01-15T08:30:00Z', '2030-01-15 08:30:00'],
		['an ISO string with an offset', '2030-01-15T10:30:00+02:00', '2030-01-15 08:30:00'],
		['an ISO string with milliseconds', '2030-01-15T08:30:00.987Z', '2030-01-15 08:30:00'],
		['an Odoo datetime', '2030-01-15 08:30:00', '2030-01-15 08:30:00'],
		['a date', '2030-01-15', '2030-01-15 00:00:00'],
	])('converts %s to naive UTC', (_label, input, expected) => {
		expect(toOdooDatetime(input)).toBe(expected);
	});

	it('converts a Date and a luxon DateTime', () => {
		expect(toOdooDatetime(new Date(Date.UTC(2030, 0, 15, 8, 30, 5)))).toBe('2030-01-15 08:30:05');
		const paris = DateTime.fromISO('2030-07-01T10:00:00', { zone: 'Europe/Paris' });
		expect(toOdooDatetime(paris)).toBe('2030-07-01 08:00:00');
	});

	it('reads an input without offset in the given zone', () => {
		expect(toOdooDatetime('2030-01-15T09:30:00', { zone: 'Europe/Paris' })).toBe(
			'2030-01-15 08:30:00',
		);
		expect(toOdooDatetime('2030-01-15T09:30:00')).toBe('2030-01-15 09:30:00');
	});

	it('refuses what is not a date', () => {
		expect(() => toOdooDatetime('next tuesday')).toThrow(RangeError);
		expect(() => toOdooDatetime(new Date(Number.NaN))).toThrow(/Invalid date/);
	});
});

describe('fromOdooDatetime', () => {
	it('gives ISO 8601 UTC', () => {
		expect(fromOdooDatetime('2030-01-15 08:30:00')).toBe('2030-01-15T08:30:00Z');
		expect(fromOdooDatetime('2030-01-15')).toBe('2030-01-15T00:00:00Z');
	});

	it('maps Odoo’s empty value to null', () => {
		expect(fromOdooDatetime(false)).toBeNull();
		expect(fromOdooDatetime(null)).toBeNull();
	});

	it('round-trips', () => {
		expect(toOdooDatetime(fromOdooDatetime('2030-12-31 23:59:59'))).toBe('2030-12-31 23:59:59');
	});

	it('refuses a string that is not an Odoo datetime', () => {
		expect(() => fromOdooDatetime('15/01/2030')).toThrow(/not an Odoo datetime/);
	});
});
