import { validateHeaderName, validateHeaderValue } from 'node:http';

import { InvalidParameterError } from '../errors';
import { parseStatusCodes, type StatusCodeMatcher } from './statusCodes';

export type HttpMethod = 'GET' | 'HEAD';

export interface BasicAuth {
	user: string;
	password: string;
}

export interface CheckOptions {
	method: HttpMethod;
	/** e.g. `200`, `200-299,301`. */
	acceptedStatusCodes: string;
	followRedirects: boolean;
	maxRedirects: number;
	/** Budget for one attempt, redirects included. */
	timeoutMs: number;
	/** Chain and hostname verification. An expired certificate fails the check either way. */
	verifyTls: boolean;
	/** `'none'` or `null`: no authentication. */
	auth: 'none' | null | BasicAuth;
	headers: Record<string, string>;
	bodyMustContain?: string;
	bodyMustNotContain?: string;
	/** A successful check slower than this is reported as degraded (still ok). */
	degradedAboveMs?: number;
	/** Extra attempts after a failed one, so a single dropped packet does not report a failure. */
	retries: number;
	retryDelayMs: number;
	/** Warn (CERT_EXPIRING) when the certificate expires within this many days. */
	certExpiryWarningDays: number;
	/** Checks running at once across all hosts. */
	concurrency: number;
	/** Checks running at once against one host name. */
	perHostConcurrency: number;
	/** Check http:// URLs over https, as the Odoo module does. */
	upgradeToHttps: boolean;
	/** Replaces the URL's path, e.g. `/health`; the query is dropped unless this one has its own. */
	healthPath?: string;
}

/**
 * perHostConcurrency is 6 because that is what browsers open per host over HTTP/1.1, so any
 * server that serves a web page already copes with it; several services often share one Odoo host.
 */
export const DEFAULT_CHECK_OPTIONS: Readonly<CheckOptions> = Object.freeze({
	method: 'GET',
	acceptedStatusCodes: '200',
	followRedirects: true,
	maxRedirects: 10,
	timeoutMs: 10_000,
	verifyTls: true,
	auth: 'none',
	headers: Object.freeze({}) as Record<string, string>,
	retries: 1,
	retryDelayMs: 500,
	certExpiryWarningDays: 14,
	concurrency: 50,
	perHostConcurrency: 6,
	upgradeToHttps: true,
});

// setTimeout clamps larger delays to 1 ms, which would turn a typo into a storm of requests.
const MAX_TIMER_MS = 2_147_483_647;

function fail(parameter: string, detail: string): never {
	throw new InvalidParameterError(parameter, detail, `Invalid ${parameter}: ${detail}`);
}

function requireBoolean(options: CheckOptions, name: keyof CheckOptions): void {
	if (typeof options[name] !== 'boolean') fail(name, 'must be true or false');
}

function requireNumber(
	options: CheckOptions,
	name: keyof CheckOptions,
	{ min, max = MAX_TIMER_MS, integer = false }: { min: number; max?: number; integer?: boolean },
): void {
	const value = options[name];
	if (typeof value !== 'number' || Number.isNaN(value))
		fail(name, `must be a number, got ${String(value)}`);
	if (integer && !Number.isInteger(value)) fail(name, `must be a whole number, got ${value}`);
	if (value < min) fail(name, `must be at least ${min}, got ${value}`);
	if (value > max) fail(name, `must be at most ${max}, got ${value}`);
}

function requireKeyword(
	options: CheckOptions,
	name: 'bodyMustContain' | 'bodyMustNotContain',
): void {
	const value = options[name];
	if (value === undefined) return;
	if (typeof value !== 'string' || value === '') fail(name, 'must be a non-empty text');
	if (options.method === 'HEAD') fail(name, 'cannot be used with HEAD, which returns no body');
}

function validateMerged(options: CheckOptions): void {
	if (options.method !== 'GET' && options.method !== 'HEAD') {
		fail('method', `must be GET or HEAD, got ${String(options.method)}`);
	}
	parseStatusCodes(options.acceptedStatusCodes);
	requireBoolean(options, 'followRedirects');
	requireNumber(options, 'maxRedirects', { min: 0, max: 100, integer: true });
	requireNumber(options, 'timeoutMs', { min: 1 });
	requireBoolean(options, 'verifyTls');
	const { auth } = options;
	if (auth !== 'none' && auth !== null) {
		if (typeof auth !== 'object') fail('auth', 'must be "none" or { user, password }');
		if (typeof auth.user !== 'string' || auth.user === '')
			fail('auth', 'user must be a non-empty text');
		if (auth.user.includes(':')) fail('auth', 'user must not contain ":" (Basic auth)');
		if (typeof auth.password !== 'string') fail('auth', 'password must be a text');
	}
	if (typeof options.headers !== 'object' || options.headers === null) {
		fail('headers', 'must be an object of header names to values');
	}
	for (const [name, value] of Object.entries(options.headers)) {
		if (typeof value !== 'string') fail('headers', `the value of "${name}" must be a text`);
		try {
			validateHeaderName(name);
			validateHeaderValue(name, value);
		} catch {
			fail('headers', `"${name}" is not a valid header name or has an invalid value`);
		}
	}
	requireKeyword(options, 'bodyMustContain');
	requireKeyword(options, 'bodyMustNotContain');
	if (options.degradedAboveMs !== undefined) requireNumber(options, 'degradedAboveMs', { min: 0 });
	requireNumber(options, 'retries', { min: 0, max: 10, integer: true });
	requireNumber(options, 'retryDelayMs', { min: 0 });
	requireNumber(options, 'certExpiryWarningDays', { min: 0, max: 3650 });
	requireNumber(options, 'concurrency', { min: 1, max: 10_000, integer: true });
	requireNumber(options, 'perHostConcurrency', { min: 1, max: 10_000, integer: true });
	requireBoolean(options, 'upgradeToHttps');
	const { healthPath } = options;
	if (healthPath !== undefined) {
		// A scheme or `//host` would point the check at another server, not another path.
		if (
			typeof healthPath !== 'string' ||
			healthPath.trim() === '' ||
			/^([a-z][a-z0-9+.-]*:|\/\/)/i.test(healthPath)
		) {
			fail('healthPath', `must be a path such as /health, got ${String(healthPath)}`);
		}
	}
}

const PREPARED = Symbol('preparedCheckOptions');

/** Options merged with the defaults, validated and parsed once, then reused for every check. */
export interface PreparedCheckOptions extends Readonly<CheckOptions> {
	readonly statusMatcher: StatusCodeMatcher;
	readonly [PREPARED]: true;
}

export function isPreparedCheckOptions(value: unknown): value is PreparedCheckOptions {
	return typeof value === 'object' && value !== null && PREPARED in value;
}

/**
 * Merges `options` with the defaults (an undefined value means the default), validates the result
 * and returns it frozen and ready for checkService. Throws InvalidParameterError naming the first
 * invalid option.
 */
export function validateCheckOptions(
	options: Partial<CheckOptions> | PreparedCheckOptions = {},
): PreparedCheckOptions {
	if (isPreparedCheckOptions(options)) return options;
	const merged: CheckOptions = { ...DEFAULT_CHECK_OPTIONS };
	for (const [key, value] of Object.entries(options)) {
		if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
	}
	validateMerged(merged);
	return Object.freeze({
		...merged,
		headers: Object.freeze({ ...merged.headers }),
		statusMatcher: parseStatusCodes(merged.acceptedStatusCodes),
		[PREPARED]: true as const,
	});
}
