import type { IncomingHttpHeaders } from 'node:http';

import { verifyBasicAuth } from '../auth/basicAuth';
import { verifyHeaderToken } from './token';
import { errorReply, type Reply } from './reply';

export const BASIC_AUTH_CREDENTIAL = 'odooMaintenanceBasicAuthApi';
export const HEADER_AUTH_CREDENTIAL = 'odooMaintenanceHeaderAuthApi';

export type TriggerAuth =
	| { type: 'none' }
	| { type: 'basicAuth'; user: string; password: string }
	| { type: 'headerAuth'; headerName: string; token: string };

/** The Header Auth credential's data as the trigger uses it. */
export function headerAuthFromCredential(data: Record<string, unknown>): TriggerAuth {
	return {
		type: 'headerAuth',
		headerName: String(data.headerName ?? '').trim(),
		token: typeof data.token === 'string' ? data.token : '',
	};
}

/** RFC 7230 token: what an HTTP header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const MIN_TOKEN_LENGTH = 16;

/** Why an auth configuration cannot protect a trigger, or undefined when it can. */
export function authConfigProblem(auth: TriggerAuth): string | undefined {
	if (auth.type === 'basicAuth') {
		if (!auth.user) return 'The Basic Auth credential has an empty user';
		// The first ":" of a Basic Auth header ends the user, so such a user could never match.
		if (auth.user.includes(':')) {
			return 'The Basic Auth credential’s user contains ":", which Basic Auth cannot carry';
		}
		if (!auth.password) return 'The Basic Auth credential has an empty password';
	}
	if (auth.type === 'headerAuth') {
		if (!HEADER_NAME.test(auth.headerName)) {
			return `"${auth.headerName}" is not a valid HTTP header name`;
		}
		if (auth.token.length < MIN_TOKEN_LENGTH) {
			return `The header token must be at least ${MIN_TOKEN_LENGTH} characters long`;
		}
	}
	return undefined;
}

/**
 * 401 when the request carries no credentials at all (with a Basic challenge for Basic Auth), 403
 * when it carries wrong or malformed ones, undefined when it may pass. Comparisons are constant
 * time (see verifyBasicAuth and verifyHeaderToken).
 */
export function checkAuth(headers: IncomingHttpHeaders, auth: TriggerAuth): Reply | undefined {
	if (auth.type === 'none') return undefined;
	if (auth.type === 'basicAuth') {
		if (headers.authorization === undefined) {
			return errorReply(401, 'Authorization is required', {
				'www-authenticate': 'Basic realm="n8n trigger", charset="UTF-8"',
			});
		}
		return verifyBasicAuth(headers.authorization, auth) ? undefined : wrongCredentials();
	}
	const name = auth.headerName.toLowerCase();
	const present = Object.keys(headers).some((key) => key.toLowerCase() === name);
	if (!present) return errorReply(401, `The ${auth.headerName} header is required`);
	return verifyHeaderToken(headers, auth.headerName, auth.token) ? undefined : wrongCredentials();
}

function wrongCredentials(): Reply {
	return errorReply(403, 'Authorization data is wrong');
}
