import { InvalidOptionError } from './errors';

const MIN_STATUS = 100;
const MAX_STATUS = 599;
const SINGLE = /^\d{3}$/;
const RANGE = /^(\d{3})\s*-\s*(\d{3})$/;

export interface StatusCodeMatcher {
	matches(statusCode: number): boolean;
	/** Normalised form of the accepted list, e.g. `200-299, 301`. */
	readonly description: string;
}

function parseCode(text: string, entry: string, parameter: string): number {
	const code = Number(text);
	if (code < MIN_STATUS || code > MAX_STATUS) {
		throw new InvalidOptionError(
			`Invalid status code "${entry}" in ${parameter}: status codes must be between ${MIN_STATUS} and ${MAX_STATUS}`,
			parameter,
		);
	}
	return code;
}

/**
 * Parses a list such as `200`, `200-299,301` or ` 200 , 204 ` into a matcher.
 * Throws InvalidOptionError for anything else.
 */
export function parseStatusCodes(
	input: unknown,
	parameter = 'acceptedStatusCodes',
): StatusCodeMatcher {
	if (typeof input !== 'string' || input.trim() === '') {
		throw new InvalidOptionError(
			`${parameter} must be a non-empty list of status codes or ranges, e.g. "200" or "200-299,301"`,
			parameter,
		);
	}
	const accepted = new Uint8Array(MAX_STATUS + 1);
	const parts: string[] = [];
	for (const rawEntry of input.split(',')) {
		const entry = rawEntry.trim();
		const range = RANGE.exec(entry);
		let low: number;
		let high: number;
		if (SINGLE.test(entry)) {
			low = high = parseCode(entry, entry, parameter);
			parts.push(String(low));
		} else if (range) {
			low = parseCode(range[1], entry, parameter);
			high = parseCode(range[2], entry, parameter);
			if (low > high) {
				throw new InvalidOptionError(
					`Invalid range "${entry}" in ${parameter}: the start must not be greater than the end`,
					parameter,
				);
			}
			parts.push(`${low}-${high}`);
		} else {
			throw new InvalidOptionError(
				`Invalid entry "${entry}" in ${parameter}: expected a status code like 200 or a range like 200-299`,
				parameter,
			);
		}
		accepted.fill(1, low, high + 1);
	}
	const description = parts.join(', ');
	return {
		description,
		matches: (statusCode) =>
			Number.isInteger(statusCode) &&
			statusCode >= MIN_STATUS &&
			statusCode <= MAX_STATUS &&
			accepted[statusCode] === 1,
	};
}
