import { parseIp } from '../shared/trigger/ipAddress';
import { decodeUtf8, parseJsonObject } from '../shared/trigger/body';
import { parseQuery } from '../shared/trigger/query';
import { errorReply, type Reply } from '../shared/trigger/reply';

export interface IpChangeParams {
	/** Normalized; null when the notification has no (or an empty) `old`. */
	old: string | null;
	/** Normalized. */
	new: string;
}

export type ParamsResult = { ok: true; params: IpChangeParams } | { ok: false; reply: Reply };
export type ValuesResult =
	{ ok: true; values: Record<string, unknown> } | { ok: false; reply: Reply };

/**
 * The parameters of a POST body: a form (`application/x-www-form-urlencoded`) or a JSON object.
 * An empty body yields no values (the query string then counts, as for GET).
 */
export function bodyValues(contentType: string | undefined, bytes: Buffer): ValuesResult {
	const decoded = decodeUtf8(bytes);
	if (!decoded.ok) return { ok: false, reply: errorReply(400, decoded.message) };
	if (decoded.text.trim() === '') return { ok: true, values: {} };
	if (
		String(contentType ?? '')
			.toLowerCase()
			.startsWith('application/x-www-form-urlencoded')
	) {
		const form = parseQuery(`?${decoded.text}`);
		return form.ok
			? { ok: true, values: form.values }
			: { ok: false, reply: errorReply(400, form.message) };
	}
	const parsed = parseJsonObject(decoded.text);
	if (!parsed.ok && parsed.shape) return { ok: false, reply: errorReply(400, parsed.message) };
	if (!parsed.ok) {
		return {
			ok: false,
			reply: errorReply(
				400,
				`${parsed.message}; send a JSON object or a form (application/x-www-form-urlencoded)`,
			),
		};
	}
	return { ok: true, values: parsed.value };
}

/**
 * `new` (required) and `old` (optional), as Odoo.sh sends them; the legacy single `ip` counts as
 * `new`. Each must be a strict IPv4 or IPv6 address (no zone, port, brackets or spaces).
 */
export function parseIpChangeParams(values: Record<string, unknown>): ParamsResult {
	const fail = (message: string): ParamsResult => ({ ok: false, reply: errorReply(400, message) });
	const texts: Record<'new' | 'ip' | 'old', string | null> = { new: null, ip: null, old: null };
	for (const name of ['new', 'ip', 'old'] as const) {
		const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
		if (value === undefined || value === null || value === '') continue;
		if (typeof value !== 'string') return fail(`"${name}" must be a string`);
		texts[name] = value;
	}
	const name = texts.new !== null ? 'new' : 'ip';
	const given = texts[name];
	if (given === null) return fail('The "new" query parameter (the new IP address) is required');
	const parsedNew = parseIp(given);
	if (!parsedNew) return fail(`"${name}" is not a valid IPv4 or IPv6 address: ${quote(given)}`);
	if (
		texts.new !== null &&
		texts.ip !== null &&
		parseIp(texts.ip)?.normalized !== parsedNew.normalized
	) {
		return fail('"new" and the legacy "ip" disagree; send only "new"');
	}
	let old: string | null = null;
	if (texts.old !== null) {
		const parsedOld = parseIp(texts.old);
		if (!parsedOld) return fail(`"old" is not a valid IPv4 or IPv6 address: ${quote(texts.old)}`);
		old = parsedOld.normalized;
	}
	return { ok: true, params: { old, new: parsedNew.normalized } };
}

function quote(value: string): string {
	return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}
