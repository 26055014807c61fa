import { callNamed } from './call';
import type { Database } from './database';
import { httpException, json2Status, PyException } from './exceptions';
import type { PyValue } from './python';
import { json, notFoundPage, type DoubleResponse } from './response';

export interface Json2Request {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

const ROUTE = /^\/json\/2\/([^/]+)\/([^/]+)$/;

/** `/json/2/<model>/<method>`: POST only, bearer API key, bare JSON result, errors as status + body. */
export function handleJson2(db: Database, request: Json2Request): DoubleResponse {
	const route = ROUTE.exec(request.path);
	if (request.method !== 'POST' || !route) {
		return error(httpException(404, 'Did you mean POST /json/2/<model>/<method>?'));
	}
	const dbName = header(request, 'x-odoo-database');
	// Without a database there is no /json/2 route at all: werkzeug's plain 404 page.
	if (dbName !== undefined && dbName !== db.name) return notFoundPage();
	try {
		const uid = authenticateBearer(db, header(request, 'authorization'));
		const body = parseBody(request.body);
		const [, model, method] = route;
		return json(
			200,
			callNamed(db, uid, decodeURIComponent(model), decodeURIComponent(method), body),
		);
	} catch (caught) {
		if (caught instanceof PyException) return error(caught);
		return error(
			new PyException(
				'builtins.Exception',
				caught instanceof Error ? caught.message : String(caught),
			),
		);
	}
}

function authenticateBearer(db: Database, authorization: string | undefined): number {
	const token = /^bearer\s+(.*)$/i.exec(authorization ?? '')?.[1]?.trim();
	if (!token) {
		throw httpException(
			401,
			'User not authenticated, use an API Key with a Bearer Authorization header.',
		);
	}
	for (const account of db.accounts.values()) {
		if (account.apiKeys.includes(token)) return account.uid;
	}
	throw httpException(401, 'Invalid apikey');
}

function parseBody(text: string): Record<string, PyValue> {
	if (text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw httpException(400, 'Invalid JSON data');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw httpException(400, 'Invalid JSON data: expected an object of named arguments');
	}
	return body as Record<string, PyValue>;
}

function header(request: Json2Request, name: string): string | undefined {
	const value = request.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function error(exception: PyException): DoubleResponse {
	return json(json2Status(exception), exception.serialize());
}
