import { callKw } from './call';
import type { Database } from './database';
import { accessDenied, databaseDoesNotExist, PyException } from './exceptions';
import type { PyValue } from './python';
import { json, type DoubleResponse } from './response';

export interface VersionInfo {
	version: string;
	versionInfo: PyValue[];
}

/** `POST /jsonrpc`: always HTTP 200, errors in an envelope, no `result` key when the method returns None. */
export function handleJsonRpc(db: Database, version: VersionInfo, body: unknown): DoubleResponse {
	const request = (typeof body === 'object' && body !== null ? body : {}) as Record<
		string,
		unknown
	>;
	const id = (request.id ?? null) as PyValue;
	const params = (request.params ?? {}) as { service?: unknown; method?: unknown; args?: unknown };
	try {
		const args = Array.isArray(params.args) ? (params.args as PyValue[]) : [];
		const result = dispatch(db, version, String(params.service), String(params.method), args);
		return json(
			200,
			result === undefined ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result },
		);
	} catch (error) {
		const exception =
			error instanceof PyException
				? error
				: new PyException(
						'builtins.Exception',
						error instanceof Error ? error.message : String(error),
					);
		return json(200, {
			jsonrpc: '2.0',
			id,
			error: { code: 0, message: 'Odoo Server Error', data: exception.serialize() },
		});
	}
}

function dispatch(
	db: Database,
	version: VersionInfo,
	service: string,
	method: string,
	args: PyValue[],
): PyValue | undefined {
	if (service === 'common') return common(db, version, method, args);
	if (service === 'object') return object(db, method, args);
	if (service === 'db' && method === 'list') return [db.name];
	if (service === 'db' && method === 'server_version') return version.version;
	throw new PyException('builtins.NameError', `Method not available ${method}`);
}

function common(db: Database, version: VersionInfo, method: string, args: PyValue[]): PyValue {
	switch (method) {
		case 'version':
			return {
				server_version: version.version,
				server_version_info: version.versionInfo,
				server_serie: version.version,
				protocol_version: 1,
			};
		case 'login':
		case 'authenticate': {
			const [dbName, login, password] = args;
			checkDatabase(db, dbName);
			return authenticate(db, String(login), String(password)) ?? false;
		}
		default:
			throw new PyException('builtins.NameError', `Method not available ${method}`);
	}
}

function object(db: Database, method: string, args: PyValue[]): PyValue | undefined {
	const [dbName, uid, password, model, name, ...rest] = args;
	checkDatabase(db, dbName);
	const account = typeof uid === 'number' ? db.accounts.get(uid) : undefined;
	const secret = String(password);
	if (!account || (account.password !== secret && !account.apiKeys.includes(secret))) {
		throw accessDenied();
	}
	if (method === 'execute_kw') {
		const [positional, kwargs] = rest;
		return callKw(
			db,
			account.uid,
			String(model),
			String(name),
			Array.isArray(positional) ? positional : [],
			typeof kwargs === 'object' && kwargs !== null && !Array.isArray(kwargs) ? kwargs : {},
		);
	}
	if (method === 'execute') return callKw(db, account.uid, String(model), String(name), rest, {});
	throw new PyException('builtins.NameError', `Method not available ${method}`);
}

function checkDatabase(db: Database, name: PyValue | undefined): void {
	if (name !== db.name) throw databaseDoesNotExist(String(name));
}

/** The uid for a login and a password or API key of an active user, else undefined. */
export function authenticate(db: Database, login: string, secret: string): number | undefined {
	for (const account of db.accounts.values()) {
		if (account.login !== login || !secret) continue;
		if (db.row('res.users', account.uid)?.active === false) continue;
		if (account.password === secret || account.apiKeys.includes(secret)) return account.uid;
	}
	return undefined;
}
