import { InvalidParameterError } from '../errors';

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
		const detail = `status codes must be between ${MIN_STATUS} and ${MAX_STATUS}`;
		throw new InvalidParameterError(
			parameter,
			detail,
			`Invalid status code "${entry}" in ${parameter}: ${detail}`,
		);
	}
	return code;
}

/**
 * Parses a list such as `200`, `200-299,301` or ` 200 , 204 ` into a matcher.
 * Throws InvalidParameterError for anything else.
 */
export function parseStatusCodes(
	input: unknown,
	parameter = 'acceptedStatusCodes',
): StatusCodeMatcher {
	if (typeof input !== 'string' || input.trim() === '') {
		const detail =
			'must be a non-empty list of status codes or ranges, e.g. "200" or "200-299,301"';
		throw new InvalidParameterError(parameter, detail, `${parameter} ${detail}`);
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
				const detail = 'the start must not be greater than the end';
				throw new InvalidParameterError(
					parameter,
					detail,
					`Invalid range "${entry}" in ${parameter}: ${detail}`,
				);
			}
			parts.push(`${low}-${high}`);
		} else {
			const detail = 'expected a status code like 200 or a range like 200-299';
			throw new InvalidParameterError(
				parameter,
				detail,
				`Invalid entry "${entry}" in ${parameter}: ${detail}`,
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
