import type { OdooApiMode, OdooConnection } from './types';

/** The Site URL without trailing slashes, query, fragment or a pasted `/web` / `/odoo` web-client path. */
export function normalizeBaseUrl(url: string): string {
	const trimmed = url.trim();
	try {
		const parsed = new URL(trimmed);
		parsed.hash = '';
		parsed.search = '';
		parsed.pathname = parsed.pathname.replace(/\/(web|odoo)(\/.*)?$/, '').replace(/\/+$/, '');
		return parsed.toString().replace(/\/+$/, '');
	} catch {
		return trimmed.replace(/\/+$/, '');
	}
}

/**
 * The database name when none is given: the first label of the host name, as n8n's built-in
 * Odoo node does (`mycompany.odoo.com` -> `mycompany`).
 */
export function defaultDatabase(url: string): string {
	try {
		return new URL(url.trim()).hostname.split('.')[0] ?? '';
	} catch {
		return '';
	}
}

const API_MODES: readonly OdooApiMode[] = ['auto', 'jsonrpc', 'json2'];

/** Maps the data of an `odooMaintenanceApi` credential to a connection. */
export function connectionFromCredentials(
	data: Record<string, unknown> | undefined,
): OdooConnection {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const url = normalizeBaseUrl(text(data?.url));
	const api = text(data?.api) as OdooApiMode;
	return {
		url,
		db: text(data?.db) || defaultDatabase(url),
		username: text(data?.username),
		// A password may legitimately start or end with spaces: keep it as typed.
		secret: typeof data?.password === 'string' ? data.password : '',
		api: API_MODES.includes(api) ? api : 'auto',
	};
}
