import {
	DEFAULT_CHECK_OPTIONS,
	validateCheckOptions,
	type CheckOptions,
} from '../../../nodes/shared/http-check';
import { InvalidParameterError } from '../../../nodes/shared/errors';

function invalidParameter(
	options: Partial<CheckOptions> | Record<string, unknown>,
): InvalidParameterError {
	let caught: unknown;
	try {
		validateCheckOptions(options as Partial<CheckOptions>);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InvalidParameterError);
	return caught as InvalidParameterError;
}

describe('check options', () => {
	it('has the documented defaults', () => {
		expect(DEFAULT_CHECK_OPTIONS).toEqual({
			method: 'GET',
			acceptedStatusCodes: '200',
			followRedirects: true,
			maxRedirects: 10,
			timeoutMs: 10_000,
			verifyTls: true,
			auth: 'none',
			headers: {},
			retries: 1,
			retryDelayMs: 500,
			certExpiryWarningDays: 14,
			concurrency: 50,
			perHostConcurrency: 6,
			upgradeToHttps: true,
		});
		expect(Object.isFrozen(DEFAULT_CHECK_OPTIONS)).toBe(true);
	});

	it('fills undefined values with the defaults and parses the status codes once', () => {
		const options = validateCheckOptions({
			timeoutMs: undefined,
			retries: 3,
			acceptedStatusCodes: '200-204',
		});
		expect(options.timeoutMs).toBe(10_000);
		expect(options.retries).toBe(3);
		expect(options.statusMatcher.matches(204)).toBe(true);
		expect(options.statusMatcher.matches(205)).toBe(false);
		expect(Object.isFrozen(options)).toBe(true);
		// Already validated options are passed through untouched.
		expect(validateCheckOptions(options)).toBe(options);
	});

	it('accepts basic auth and null for no auth', () => {
		expect(validateCheckOptions({ auth: { user: 'u', password: '' } }).auth).toEqual({
			user: 'u',
			password: '',
		});
		expect(validateCheckOptions({ auth: null }).auth).toBeNull();
	});

	it.each<[string, Record<string, unknown>, RegExp]>([
		['timeoutMs', { timeoutMs: -1 }, /at least 1/],
		['timeoutMs', { timeoutMs: Number.NaN }, /must be a number/],
		['timeoutMs', { timeoutMs: 0 }, /at least 1/],
		['timeoutMs', { timeoutMs: 2 ** 31 }, /at most/],
		['retries', { retries: -1 }, /at least 0/],
		['retries', { retries: 1.5 }, /whole number/],
		['retries', { retries: Number.NaN }, /must be a number/],
		['retryDelayMs', { retryDelayMs: -5 }, /at least 0/],
		['concurrency', { concurrency: 0 }, /at least 1/],
		['concurrency', { concurrency: Number.NaN }, /must be a number/],
		['perHostConcurrency', { perHostConcurrency: -2 }, /at least 1/],
		['maxRedirects', { maxRedirects: -1 }, /at least 0/],
		['degradedAboveMs', { degradedAboveMs: -1 }, /at least 0/],
		['certExpiryWarningDays', { certExpiryWarningDays: Number.NaN }, /must be a number/],
		['method', { method: 'POST' }, /GET or HEAD/],
		['acceptedStatusCodes', { acceptedStatusCodes: '300-200' }, /start must not be greater/],
		['followRedirects', { followRedirects: 'yes' }, /true or false/],
		['verifyTls', { verifyTls: 1 }, /true or false/],
		['upgradeToHttps', { upgradeToHttps: 'no' }, /true or false/],
		['auth', { auth: { user: '', password: 'x' } }, /user must be a non-empty/],
		['auth', { auth: { user: 'a:b', password: 'x' } }, /must not contain ":"/],
		['auth', { auth: 'basic' }, /"none" or \{ user, password \}/],
		['headers', { headers: { 'x-token': 42 } }, /"x-token" must be a text/],
		['headers', { headers: { 'bad name': 'x' } }, /"bad name" is not a valid header/],
		['headers', { headers: { 'x-inject': 'a\r\nHost: evil' } }, /"x-inject" is not a valid header/],
		['bodyMustContain', { bodyMustContain: '' }, /non-empty/],
		['bodyMustContain', { method: 'HEAD', bodyMustContain: 'Odoo' }, /cannot be used with HEAD/],
		[
			'bodyMustNotContain',
			{ method: 'HEAD', bodyMustNotContain: 'error' },
			/cannot be used with HEAD/,
		],
		['healthPath', { healthPath: 'https://other.example.com/health' }, /must be a path/],
		['healthPath', { healthPath: '//other.example.com/health' }, /must be a path/],
	])('rejects an invalid %s and names it', (parameter, options, message) => {
		const error = invalidParameter(options);
		expect(error.parameter).toBe(parameter);
		expect(error.message).toContain(parameter);
		expect(error.message).toMatch(message);
	});
});
