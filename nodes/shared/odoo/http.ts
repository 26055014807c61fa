import { SendError, type Send } from '../n8n/send';
import { createOdooError, displayUrl, type OdooError } from './errors';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HttpRequest {
	method: 'GET' | 'POST';
	url: string;
	headers?: Record<string, string>;
	body?: string;
	timeoutMs?: number;
	/** Masked in any error this request produces. */
	secret: string;
}

export interface HttpResponse {
	status: number;
	contentType: string;
	text: string;
	/** Where a 3xx answer points to. */
	location?: string;
}

/** `host:port` of a URL, with the scheme's default port spelled out. */
export function hostAndPort(url: string): string {
	const parsed = new URL(url);
	const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
	return `${parsed.hostname}:${port}`;
}

/**
 * Sends one request; network failures and timeouts become OdooErrors. Redirects are not followed
 * (a redirected POST would become a GET, e.g. http -> https): the caller reports where they point.
 */
export async function sendHttp(send: Send, request: HttpRequest): Promise<HttpResponse> {
	const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	try {
		const response = await send({
			method: request.method,
			url: request.url,
			headers: request.headers,
			body: request.body,
			timeoutMs,
		});
		return {
			status: response.status,
			contentType: response.headers['content-type'] ?? '',
			text: response.body,
			location: response.headers.location,
		};
	} catch (error) {
		throw networkError(error, request, timeoutMs);
	}
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false };
	}
}

function networkError(error: unknown, request: HttpRequest, timeoutMs: number): OdooError {
	const target = safeHostAndPort(request.url);
	const where = `${request.method} ${safePath(request.url)}`;
	const failure = SendError.from(error);
	if (failure.timedOut) {
		return createOdooError(
			{
				kind: 'timeout',
				message: `Odoo at ${target} did not answer ${where} within ${formatSeconds(timeoutMs)}`,
			},
			request.secret,
		);
	}
	const code = failure.code;
	const detail = describeCode(code, target);
	const message =
		detail ??
		`Cannot reach Odoo at ${target}: ${failure.message || 'network error'}${code ? ` (${code})` : ''}`;
	return createOdooError(
		{ kind: code && TIMEOUT_CODES.has(code) ? 'timeout' : 'network', message, code },
		request.secret,
	);
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

function describeCode(code: string | undefined, target: string): string | undefined {
	if (!code) return undefined;
	const host = target.replace(/:\d+$/, '');
	switch (code) {
		case 'ECONNREFUSED':
			return `Cannot connect to Odoo at ${target}: connection refused (ECONNREFUSED). Check the Site URL and port, and that Odoo is running`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `Cannot resolve the host name "${host}" (${code}). Check the Site URL`;
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET':
		case 'EPIPE':
			return `The connection to ${target} was closed before Odoo answered (${code})`;
		case 'ETIMEDOUT':
		case 'UND_ERR_CONNECT_TIMEOUT':
			return `Connecting to Odoo at ${target} timed out (${code})`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return `Odoo at ${target} is unreachable from here (${code})`;
		default:
			if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
				return `TLS/HTTPS error with ${target} (${code}): check the certificate or the scheme (http/https) of the Site URL`;
			}
			return undefined;
	}
}

function safeHostAndPort(url: string): string {
	try {
		return hostAndPort(url);
	} catch {
		return displayUrl(url);
	}
}

function safePath(url: string): string {
	try {
		return new URL(url).pathname;
	} catch {
		return url;
	}
}

function formatSeconds(ms: number): string {
	const seconds = ms / 1000;
	return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** An answer that is not what the endpoint should send: proxies, wrong URL, maintenance pages. */
export function unexpectedResponseError(
	response: HttpResponse,
	where: string,
	secret: string,
): OdooError {
	const status = response.status;
	const snippet = response.text.replace(/\s+/g, ' ').trim().slice(0, 120);
	let kind: 'server' | 'protocol' | 'notFound' = 'protocol';
	let hint = '';
	if (status >= 300 && status < 400) {
		hint = `: redirected to ${response.location ?? '(no location)'}; use the final address (e.g. https://) as the Site URL`;
	} else if (status >= 500) {
		kind = 'server';
		hint = status >= 502 && status <= 504 ? ' (Odoo or a proxy in front of it is unavailable)' : '';
	} else if (status === 404) {
		kind = 'notFound';
		hint = ': is the Site URL right, and does it point to an Odoo server?';
	} else if (status === 200) {
		hint = ': the answer is not Odoo JSON. Does the Site URL point to an Odoo server?';
	}
	return createOdooError(
		{
			kind,
			message: `Unexpected answer from ${where}: HTTP ${status}${hint}${snippet ? ` [${snippet}]` : ''}`,
			httpStatus: status,
		},
		secret,
	);
}
