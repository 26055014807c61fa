import { DateTime } from 'luxon';

/** What Odoo accepts and returns for datetime fields: naive UTC, no `T`, no offset, no fraction. */
export const ODOO_DATETIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';

export type DateInput = Date | string | DateTime;

export interface ZoneOption {
	/** Zone of inputs that carry no offset (`2030-01-15T08:30`), and of the calendar day for dates. UTC by default. */
	zone?: string;
}

/** Any date input as an Odoo datetime string (`2030-01-15 08:30:00`, UTC). */
export function toOdooDatetime(value: DateInput, options: ZoneOption = {}): string {
	return toDateTime(value, options.zone ?? 'utc')
		.toUTC()
		.toFormat(ODOO_DATETIME_FORMAT);
}

/** An Odoo datetime (`2030-01-15 08:30:00`, or a date) as ISO 8601 UTC (`2030-01-15T08:30:00Z`). */
export function fromOdooDatetime(value: string): string;
export function fromOdooDatetime(value: false | null | undefined): null;
export function fromOdooDatetime(value: string | false | null | undefined): string | null;
export function fromOdooDatetime(value: string | false | null | undefined): string | null {
	if (value === false || value === null || value === undefined || value === '') return null;
	const parsed = DateTime.fromSQL(value.trim(), { zone: 'utc' });
	if (!parsed.isValid) {
		throw new RangeError(`"${value}" is not an Odoo datetime (expected YYYY-MM-DD HH:MM:SS, UTC)`);
	}
	return parsed.toUTC().toISO({ suppressMilliseconds: true }) as string;
}

function toDateTime(value: DateInput, zone: string): DateTime {
	let parsed: DateTime;
	if (DateTime.isDateTime(value)) {
		parsed = value;
	} else if (value instanceof Date) {
		parsed = DateTime.fromJSDate(value);
	} else if (typeof value === 'string') {
		const text = value.trim();
		parsed = DateTime.fromISO(text, { zone, setZone: true });
		if (!parsed.isValid) parsed = DateTime.fromSQL(text, { zone, setZone: true });
	} else {
		throw new TypeError(`Expected a date, got ${typeof value}`);
	}
	if (!parsed.isValid) {
		throw new RangeError(
			`Invalid date/time: "${String(value)}" (${parsed.invalidExplanation ?? parsed.invalidReason ?? 'unparsable'})`,
		);
	}
	return parsed;
}
