import { isUtf8 } from 'node:buffer';

import { InvalidParameterError } from '../errors';
import { constantTimeEquals } from './constantTime';

export interface BasicCredentials {
	user: string;
	password: string;
}

const BASIC = /^basic +([A-Za-z0-9+/]+={0,2})$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Credentials of an `Authorization: Basic ...` header (RFC 7617), or null if it is absent or
 * malformed: another scheme, base64 that does not round-trip (padding may be omitted), bytes that
 * are not UTF-8, no `:`, or control characters. The scheme is case-insensitive; the user is
 * everything before the first `:`, so the password may contain `:`. User and password may be
 * empty here; {@link verifyBasicAuth} decides whether that is acceptable.
 */
export function parseBasicAuthHeader(header?: string | null): BasicCredentials | null {
	if (typeof header !== 'string') return null;
	const match = BASIC.exec(header.trim());
	if (!match) return null;
	const token = match[1];
	const unpadded = token.replace(/=+$/, '');
	if (token !== unpadded && token.length % 4 !== 0) return null;
	const bytes = Buffer.from(unpadded, 'base64');
	// Buffer.from ignores invalid characters and stray bits; only canonical base64 round-trips.
	if (bytes.toString('base64').replace(/=+$/, '') !== unpadded || !isUtf8(bytes)) return null;
	const decoded = bytes.toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon === -1 || CONTROL_CHARS.test(decoded)) return null;
	return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** `Basic <base64(user:password)>` (UTF-8) for outgoing requests. */
export function basicAuthHeader(user: string, password: string): string {
	if (user.includes(':')) {
		throw new InvalidParameterError('user', 'must not contain ":" (Basic Auth cannot encode it)');
	}
	return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * True when `header` carries exactly the expected user and password, compared in constant time
 * (both compared, whichever differs). Strings are compared byte for byte with no Unicode
 * normalization. An empty expected user never matches, so unset credentials fail closed.
 */
export function verifyBasicAuth(
	header: string | null | undefined,
	expected: BasicCredentials,
): boolean {
	const given = parseBasicAuthHeader(header);
	if (!given || !expected || typeof expected.user !== 'string' || expected.user === '') {
		return false;
	}
	const userMatches = constantTimeEquals(given.user, expected.user);
	const passwordMatches = constantTimeEquals(given.password, expected.password);
	return userMatches && passwordMatches;
}
