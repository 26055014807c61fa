/**
 * Tiered retention of check history, as Uptime Kuma 2 keeps minutely, hourly and daily statistics:
 * every result is kept raw for a short period, and added as it is recorded to an hourly and a daily
 * aggregate, which are kept longer. Buckets are UTC hours and UTC days (epoch milliseconds), so a DST
 * change never makes an hour or a day disappear or count twice.
 */
import { InvalidParameterError } from '../errors';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface Retention {
	/** Raw results: every check, with its status code, response time and error. */
	rawHours: number;
	/** Hourly aggregates: checks, failures, maintenance checks, response-time sum/min/max and a histogram. */
	hourlyDays: number;
	/** Daily aggregates: the same per UTC day. */
	dailyDays: number;
}

/**
 * Raw 48 h covers the 24 h figures with a margin; hourly 30 days covers the 30-day sparkline and 7-day
 * uptime; daily 400 days covers the 90-day uptime bar and a year of uptime.
 */
export const DEFAULT_RETENTION: Retention = { rawHours: 48, hourlyDays: 30, dailyDays: 400 };

/** Each run deletes at most this many expired rows per tier, or twice the rows it wrote if that is more. */
export const MIN_PRUNE_ROWS = 500;

export function hourStart(ms: number): number {
	return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function dayStart(ms: number): number {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}

export interface Cutoffs {
	/** Raw results checked before this are expired. */
	raw: number;
	/** Hourly buckets starting before this are expired. */
	hourly: number;
	/** Daily buckets starting before this are expired. */
	daily: number;
}

/** What is expired at `now`: a bucket is kept as long as any part of it is within its retention. */
export function cutoffs(now: number, retention: Retention): Cutoffs {
	return {
		raw: now - retention.rawHours * HOUR_MS,
		hourly: hourStart(now - retention.hourlyDays * DAY_MS),
		daily: dayStart(now - retention.dailyDays * DAY_MS),
	};
}

/** The pruning budget of a run that wrote `rowsWritten` rows in a tier: steady state keeps up, a backlog drains. */
export function pruneLimit(rowsWritten: number): number {
	return Math.max(MIN_PRUNE_ROWS, 2 * rowsWritten);
}

export type Tier = 'raw' | 'hourly' | 'daily';

/** The finest tier that still holds the whole period ending now. */
export function tierFor(periodMs: number, retention: Retention): Tier {
	if (periodMs <= retention.rawHours * HOUR_MS) return 'raw';
	if (periodMs <= retention.hourlyDays * DAY_MS) return 'hourly';
	return 'daily';
}

/** The HTTP Service Check options that set each retention. */
export const RETENTION_OPTIONS: Record<keyof Retention, string> = {
	rawHours: 'historyRawHours',
	hourlyDays: 'historyHourlyDays',
	dailyDays: 'historyDailyDays',
};

function invalid(name: keyof Retention, detail: string): InvalidParameterError {
	const option = RETENTION_OPTIONS[name];
	return new InvalidParameterError(option, detail, `${option} ${detail}`);
}

/**
 * Validates retentions (node options): whole positive numbers, each tier kept at least as long as the
 * finer one (an aggregate that expires before its raw results would leave a gap).
 */
export function validateRetention(input: Partial<Record<keyof Retention, unknown>>): Retention {
	const retention = { ...DEFAULT_RETENTION };
	for (const name of Object.keys(DEFAULT_RETENTION) as Array<keyof Retention>) {
		const value = input[name];
		if (value === undefined || value === null || value === '') continue;
		const number = Number(value);
		if (!Number.isInteger(number) || number < 1 || number > 3660) {
			throw invalid(name, `must be a whole number from 1 to 3660, got ${String(value)}`);
		}
		retention[name] = number;
	}
	if (retention.hourlyDays * DAY_MS < retention.rawHours * HOUR_MS) {
		throw invalid(
			'hourlyDays',
			`must keep hourly aggregates at least as long as raw results (${retention.rawHours} h)`,
		);
	}
	if (retention.dailyDays < retention.hourlyDays) {
		throw invalid(
			'dailyDays',
			`must keep daily aggregates at least as long as hourly ones (${retention.hourlyDays} days)`,
		);
	}
	return retention;
}
