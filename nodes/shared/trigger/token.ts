import { constantTimeEquals } from '../auth/constantTime';

export type HeaderValues = Record<string, string | string[] | undefined>;

/**
 * True when header `name` (case-insensitive) carries exactly the `expected` token. Every value
 * found (several keys differing only in case, array values) must equal `expected`, so repeated
 * headers with differing values are refused. Missing or empty header, or an empty `expected`
 * (a misconfigured node), is refused. The value is compared as is, without trimming.
 */
export function verifyHeaderToken(headers: HeaderValues, name: string, expected: string): boolean {
	if (typeof expected !== 'string' || expected === '' || typeof name !== 'string') return false;
	const wanted = name.toLowerCase();
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers ?? {})) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		values.push(...(Array.isArray(value) ? value : [value]));
	}
	if (values.length === 0) return false;
	// Compare every value (no early exit) so timing does not reveal which one differed.
	let allMatch = true;
	for (const value of values) allMatch = constantTimeEquals(value, expected) && allMatch;
	return allMatch;
}
