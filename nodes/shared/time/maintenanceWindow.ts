/**
 * Maintenance windows, as in the Odoo module maintenance_service_http_monitoring: while an
 * equipment's window is active its services are not monitored.
 *
 * Conventions:
 * - Every instant in and out of this module is an ISO 8601 string. Inputs must carry an explicit
 *   offset (`Z`, `+02:00`, ...) so they never depend on the host's time zone; outputs are always
 *   UTC with milliseconds (`2026-03-29T01:00:00.000Z`).
 * - Windows are half-open: active from `start` (inclusive) to `end` (exclusive).
 * - Durations are real elapsed hours, never wall-clock hours: a 3 h window across a DST change
 *   lasts 3 h even though the local clock moves by 2 h or 4 h.
 */
import { DateTime, IANAZone } from 'luxon';

import { InvalidParameterError } from '../errors';

/** Default length of a manual maintenance window (Odoo module default). */
export const DEFAULT_DURATION_HOURS = 4;

/** Upper bound for any duration: one (non-leap) year. */
export const MAX_DURATION_HOURS = 8760;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface TimeWindow {
	/** ISO 8601 instant, inclusive. */
	start: string;
	/** ISO 8601 instant, exclusive. */
	end: string;
}

export interface ScheduleSpec {
	/**
	 * First possible start. Either an ISO 8601 instant with offset, or a local date-time in
	 * `timeZone`: `YYYY-MM-DD HH:mm`, `YYYY-MM-DDTHH:mm` (seconds optional). For weekly schedules
	 * its local time of day (in `timeZone`) is the start time of every occurrence.
	 */
	start: string;
	/** Real elapsed hours, same rules as {@link parseDurationHours}. */
	durationHours: number | string;
	/** IANA zone name; the wall clock in which weekly occurrences are defined. */
	timeZone: string;
	/** ISO weekdays (1 = Monday ... 7 = Sunday). Absent or empty: a one-off window at `start`. */
	weekdays?: number[];
	/**
	 * Weekly schedules only: no occurrence starts after this. A local date `YYYY-MM-DD` includes
	 * occurrences starting on that whole local day; a local date-time or an ISO instant is an
	 * inclusive bound on the occurrence start. Validated but ignored for one-off windows.
	 */
	until?: string;
}

export interface ValidatedSchedule {
	/** ISO UTC instant of the first possible occurrence start. */
	start: string;
	durationHours: number;
	timeZone: string;
	/** Sorted, de-duplicated; empty for a one-off window. */
	weekdays: number[];
	/** ISO UTC instant: inclusive bound on occurrence starts, or null. */
	until: string | null;
}

interface WallClock {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

interface CompiledSchedule {
	start: DateTime<true>;
	/** The local calendar date of `start`, as a UTC-zoned midnight (used only as a date cursor). */
	startDate: DateTime<true>;
	timeOfDay: Pick<WallClock, 'hour' | 'minute' | 'second' | 'millisecond'>;
	durationMs: number;
	zone: string;
	weekdays: Set<number>;
	until: DateTime<true> | null;
}

const DECIMAL = /^\d+(?:\.\d+)?$/;
const OFFSET_SUFFIX = /T.*(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function describe(value: unknown): string {
	if (typeof value === 'string') {
		return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
	}
	if (typeof value === 'number') return String(value);
	if (value === null) return 'null';
	return typeof value;
}

/**
 * A duration in hours from a node field (number) or an Odoo system parameter (string such as
 * `"8"` or `"1.5"`; surrounding whitespace is ignored, no exponent, sign, hex or comma decimal).
 * Must be finite, > 0 and <= {@link MAX_DURATION_HOURS}.
 */
export function parseDurationHours(value: unknown, parameter = 'durationHours'): number {
	let hours: number;
	if (typeof value === 'number') {
		hours = value;
	} else if (typeof value === 'string' && DECIMAL.test(value.trim())) {
		hours = Number(value.trim());
	} else {
		throw new InvalidParameterError(
			parameter,
			`expected a positive number of hours, got ${describe(value)}`,
		);
	}
	if (!Number.isFinite(hours) || hours <= 0) {
		throw new InvalidParameterError(
			parameter,
			`expected a positive number of hours, got ${describe(value)}`,
		);
	}
	if (hours > MAX_DURATION_HOURS) {
		throw new InvalidParameterError(
			parameter,
			`must be at most ${MAX_DURATION_HOURS} hours (one year), got ${hours}`,
		);
	}
	return hours;
}

/** Throws unless `zone` is an IANA zone name luxon (i.e. Intl) knows, e.g. `Europe/Paris`. */
export function assertTimeZone(zone: unknown, parameter = 'timeZone'): asserts zone is string {
	if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
		throw new InvalidParameterError(
			parameter,
			`expected an IANA time zone such as "Europe/Paris", got ${describe(zone)}`,
		);
	}
}

function parseInstant(value: unknown, parameter: string): DateTime<true> {
	if (typeof value === 'string' && OFFSET_SUFFIX.test(value)) {
		const dt = DateTime.fromISO(value, { zone: 'utc' });
		if (dt.isValid) return dt;
	}
	throw new InvalidParameterError(
		parameter,
		`expected an ISO 8601 date-time with offset such as "2026-03-29T01:00:00Z", got ${describe(value)}`,
	);
}

function valid(dt: DateTime<true> | DateTime<false>): DateTime<true> {
	// Only reachable with inputs validated earlier (zone, calendar fields); a bug if thrown.
	if (!dt.isValid) throw new Error(`Unexpected invalid date-time: ${dt.invalidExplanation}`);
	return dt;
}

function toIso(dt: DateTime<true>): string {
	return dt.toUTC().toISO();
}

function durationToMs(hours: number): number {
	return Math.round(hours * HOUR_MS);
}

/**
 * A wall-clock time in `zone`. Nonexistent times (spring-forward gap) are shifted forward by the
 * gap length, which is what luxon does (02:30 on 2026-03-29 in Paris becomes 03:30 CEST).
 * Ambiguous times (fall-back overlap) resolve to the earlier instant, i.e. the first time the
 * wall clock shows that time; luxon alone would pick one depending on the current date.
 */
function resolveLocal(fields: WallClock, zone: string): DateTime<true> | null {
	const dt = DateTime.fromObject(fields, { zone });
	if (!dt.isValid) return null;
	const candidates = dt.getPossibleOffsets();
	return candidates.reduce((earliest, c) => (c.toMillis() < earliest.toMillis() ? c : earliest));
}

function toCalendarDate(dt: DateTime<true>, zone: string): DateTime<true> {
	const local = valid(dt.setZone(zone));
	return valid(DateTime.utc(local.year, local.month, local.day));
}

/**
 * A schedule bound: the instant it denotes and the wall-clock time it was written as (for an
 * ISO instant, its wall-clock time in `zone`). The two differ for a local time in a DST gap.
 */
function parseScheduleTime(
	value: unknown,
	zone: string,
	parameter: string,
): { dt: DateTime<true>; wallClock: WallClock; dateOnly: boolean } {
	if (typeof value === 'string') {
		const date = LOCAL_DATE.exec(value);
		const dateTime = LOCAL_DATE_TIME.exec(value);
		const fields = date ?? dateTime;
		if (fields) {
			const wallClock: WallClock = {
				year: +fields[1],
				month: +fields[2],
				day: +fields[3],
				hour: fields[4] === undefined ? 0 : +fields[4],
				minute: fields[5] === undefined ? 0 : +fields[5],
				second: fields[6] === undefined ? 0 : +fields[6],
				millisecond: 0,
			};
			// luxon accepts 24:00 as the next day's midnight; a schedule time of day must be < 24.
			const dt = wallClock.hour < 24 ? resolveLocal(wallClock, zone) : null;
			if (dt) return { dt, wallClock, dateOnly: date !== null };
		} else if (OFFSET_SUFFIX.test(value)) {
			const dt = parseInstant(value, parameter);
			const local = valid(dt.setZone(zone));
			const { year, month, day, hour, minute, second, millisecond } = local;
			return {
				dt,
				wallClock: { year, month, day, hour, minute, second, millisecond },
				dateOnly: false,
			};
		}
	}
	throw new InvalidParameterError(
		parameter,
		`expected "YYYY-MM-DD HH:mm" (local time) or an ISO 8601 date-time with offset, got ${describe(value)}`,
	);
}

function compileSchedule(spec: ScheduleSpec): CompiledSchedule {
	if (typeof spec !== 'object' || spec === null) {
		throw new InvalidParameterError('schedule', `expected an object, got ${describe(spec)}`);
	}
	assertTimeZone(spec.timeZone, 'timeZone');
	const zone = spec.timeZone;
	const durationMs = durationToMs(parseDurationHours(spec.durationHours, 'durationHours'));

	const {
		dt: start,
		wallClock,
		dateOnly: startIsDate,
	} = parseScheduleTime(spec.start, zone, 'start');
	if (startIsDate) {
		throw new InvalidParameterError(
			'start',
			`a time of day is required, got ${describe(spec.start)}`,
		);
	}

	const weekdays = new Set<number>();
	if (spec.weekdays !== undefined) {
		if (!Array.isArray(spec.weekdays)) {
			throw new InvalidParameterError(
				'weekdays',
				`expected a list of weekdays 1-7, got ${describe(spec.weekdays)}`,
			);
		}
		for (const day of spec.weekdays as unknown[]) {
			if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) {
				throw new InvalidParameterError(
					'weekdays',
					`expected weekdays 1 (Monday) to 7 (Sunday), got ${describe(day)}`,
				);
			}
			weekdays.add(day);
		}
	}

	let until: DateTime<true> | null = null;
	if (spec.until !== undefined) {
		const parsed = parseScheduleTime(spec.until, zone, 'until');
		until = parsed.dateOnly
			? valid(parsed.dt.setZone(zone).plus({ days: 1 }).startOf('day').minus({ milliseconds: 1 }))
			: parsed.dt;
		if (until < start) {
			throw new InvalidParameterError(
				'until',
				`must not be before start (${toIso(start)}), got ${describe(spec.until)}`,
			);
		}
	}

	const { year, month, day, hour, minute, second, millisecond } = wallClock;
	return {
		start,
		startDate: valid(DateTime.utc(year, month, day)),
		timeOfDay: { hour, minute, second, millisecond },
		durationMs,
		zone,
		weekdays,
		until,
	};
}

/**
 * Validates a schedule and returns it normalized. Throws {@link InvalidParameterError} naming
 * `timeZone`, `durationHours`, `start`, `weekdays` or `until` (which must not precede `start`).
 */
export function validateSchedule(spec: ScheduleSpec): ValidatedSchedule {
	const compiled = compileSchedule(spec);
	return {
		start: toIso(compiled.start),
		durationHours: compiled.durationMs / HOUR_MS,
		timeZone: compiled.zone,
		weekdays: [...compiled.weekdays].sort((a, b) => a - b),
		until: compiled.until ? toIso(compiled.until) : null,
	};
}

interface Occurrence {
	start: DateTime<true>;
	end: DateTime<true>;
}

/** The occurrence starting on local calendar date `date`, or null if none starts that day. */
function occurrenceOn(schedule: CompiledSchedule, date: DateTime<true>): Occurrence | null {
	if (date < schedule.startDate || !schedule.weekdays.has(date.weekday)) return null;
	// The first day uses the exact start instant: for an ambiguous local time the user may have
	// chosen the later instant with an explicit offset.
	const start =
		+date === +schedule.startDate
			? schedule.start
			: resolveLocal(
					{ year: date.year, month: date.month, day: date.day, ...schedule.timeOfDay },
					schedule.zone,
				);
	if (!start || (schedule.until && start > schedule.until)) return null;
	return { start, end: start.plus({ milliseconds: schedule.durationMs }) };
}

function toWindow(occurrence: Occurrence): TimeWindow {
	return { start: toIso(occurrence.start), end: toIso(occurrence.end) };
}

/**
 * The scheduled window containing `now`, or null. When long weekly windows overlap, the one that
 * started last (and therefore ends last) is returned.
 */
export function occurrenceAt(spec: ScheduleSpec, now: string): TimeWindow | null {
	const schedule = compileSchedule(spec);
	const at = parseInstant(now, 'now');
	let latest: Occurrence | null = null;
	if (schedule.weekdays.size === 0) {
		latest = {
			start: schedule.start,
			end: schedule.start.plus({ milliseconds: schedule.durationMs }),
		};
	} else {
		let date = toCalendarDate(at, schedule.zone);
		if (schedule.until && schedule.until < at) date = toCalendarDate(schedule.until, schedule.zone);
		// Every weekday recurs within 7 days, so 8 local dates always reach the latest start.
		for (let i = 0; i <= 7 && !latest; i++, date = date.minus({ days: 1 })) {
			const occurrence = occurrenceOn(schedule, date);
			if (occurrence && occurrence.start <= at) latest = occurrence;
		}
	}
	// All occurrences last equally long, so if the latest start before `now` has ended, so has
	// every earlier one.
	return latest && latest.start <= at && at < latest.end ? toWindow(latest) : null;
}

/** The first scheduled window starting strictly after `after`, or null if there is none. */
export function nextOccurrence(spec: ScheduleSpec, after: string): TimeWindow | null {
	const schedule = compileSchedule(spec);
	const from = parseInstant(after, 'after');
	if (schedule.weekdays.size === 0) {
		return schedule.start > from
			? toWindow({
					start: schedule.start,
					end: schedule.start.plus({ milliseconds: schedule.durationMs }),
				})
			: null;
	}
	let date = toCalendarDate(from, schedule.zone);
	if (date < schedule.startDate) date = schedule.startDate;
	for (let i = 0; i <= 7; i++, date = date.plus({ days: 1 })) {
		const occurrence = occurrenceOn(schedule, date);
		if (occurrence && occurrence.start > from) return toWindow(occurrence);
	}
	return null;
}

/** True while `now` is in [start, end). */
export function isActive(window: TimeWindow, now: string): boolean {
	const at = parseInstant(now, 'now');
	return parseInstant(window.start, 'start') <= at && at < parseInstant(window.end, 'end');
}

/**
 * Whole minutes left in an active window, rounded up so an active window never reports 0
 * (59 min 1 s left -> 60). 0 when the window is not active (expired or not yet started).
 */
export function remainingMinutes(window: TimeWindow, now: string): number {
	if (!isActive(window, now)) return 0;
	const left = parseInstant(window.end, 'end').toMillis() - parseInstant(now, 'now').toMillis();
	return Math.ceil(left / MINUTE_MS);
}

/**
 * The window after (re)activating maintenance mode at `now`.
 * - No existing window, or one that is not active at `now` (expired or not yet started): a fresh
 *   window [now, now + duration).
 * - An active existing window is extended, never shortened: its start is kept and its end becomes
 *   max(existing end, now + duration). Activating twice within the duration therefore moves the
 *   end to now + duration; activating during a longer window leaves it unchanged.
 */
export function activationWindow(
	now: string,
	durationHours: number | string = DEFAULT_DURATION_HOURS,
	existing?: TimeWindow | null,
): TimeWindow {
	const at = parseInstant(now, 'now');
	const end = at.plus({ milliseconds: durationToMs(parseDurationHours(durationHours)) });
	if (existing && isActive(existing, now)) {
		const existingEnd = parseInstant(existing.end, 'end');
		return {
			start: toIso(parseInstant(existing.start, 'start')),
			end: toIso(existingEnd > end ? existingEnd : end),
		};
	}
	return { start: toIso(at), end: toIso(end) };
}

/**
 * The local calendar day (`YYYY-MM-DD`) of `instant` in `timeZone`; the key for "one maintenance
 * request per equipment per day".
 */
export function localDay(instant: string, timeZone: string): string {
	assertTimeZone(timeZone);
	return valid(parseInstant(instant, 'instant').setZone(timeZone)).toISODate();
}
