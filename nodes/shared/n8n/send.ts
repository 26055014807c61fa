import type { IHttpRequestOptions } from 'n8n-workflow';

/** One outgoing HTTP request; its body is text (JSON) and a redirect is never followed. */
export interface SendRequest {
	method: 'GET' | 'POST';
	url: string;
	headers?: Record<string, string>;
	body?: string;
	/** The whole exchange, the body read included, must end within this. */
	timeoutMs: number;
}

export interface SendResponse {
	status: number;
	statusText: string;
	/** Lower-case names. */
	headers: Record<string, string>;
	body: string;
}

/**
 * Sends a request and resolves with any HTTP answer (3xx, 4xx and 5xx included); rejects with a
 * SendError when no answer came. The nodes send through n8n (proxy, TLS and timeout settings apply);
 * modules take a Send so they can be tested without n8n.
 */
export type Send = (request: SendRequest) => Promise<SendResponse>;

/** Said when the timeout ran out (the text the global fetch used to give). */
export const TIMEOUT_MESSAGE = 'The operation was aborted due to timeout';

/** No HTTP answer: a timeout, or a failure below HTTP with the system's code (ECONNREFUSED, ...). */
export class SendError extends Error {
	constructor(
		message: string,
		readonly code: string | undefined,
		readonly timedOut: boolean,
	) {
		super(message);
		this.name = 'SendError';
	}

	/** The first error of a cause chain that carries a code (or the deepest one), as a SendError. */
	static from(error: unknown, timedOut = false): SendError {
		if (error instanceof SendError) return error;
		if (timedOut) return new SendError(TIMEOUT_MESSAGE, undefined, true);
		let current: unknown = error;
		for (let depth = 0; depth < 5; depth++) {
			const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown[] };
			if (!candidate || typeof candidate !== 'object') break;
			if (typeof candidate.code === 'string') {
				return new SendError(messageOf(candidate), candidate.code, false);
			}
			const { errors } = candidate;
			const next = Array.isArray(errors) && errors.length > 0 ? errors[0] : candidate.cause;
			if (next === undefined) break;
			current = next;
		}
		return new SendError(messageOf(current ?? error), undefined, false);
	}
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;
type LegacyRequest = (options: object) => Promise<unknown>;

interface FullResponse {
	statusCode: number;
	statusMessage?: string;
	headers: Record<string, unknown>;
	body: unknown;
}

/** A Send over n8n's `this.helpers.httpRequest` (nodes and triggers). */
export function httpRequestSend(helpers: { httpRequest: HttpRequest }): Send {
	return (request) =>
		withDeadline(request.timeoutMs, (signal) =>
			helpers.httpRequest({
				method: request.method,
				url: request.url,
				headers: request.headers,
				body: request.body,
				timeout: request.timeoutMs,
				abortSignal: signal,
				disableFollowRedirect: true,
				ignoreHttpStatusErrors: true,
				returnFullResponse: true,
				encoding: 'arraybuffer',
				json: false,
			}),
		);
}

/** A Send over the `this.helpers.request` of a credential test (n8n gives it no httpRequest). */
export function credentialTestSend(helpers: { request: LegacyRequest }): Send {
	return (request) =>
		withDeadline(request.timeoutMs, () =>
			helpers.request({
				method: request.method,
				uri: request.url,
				headers: request.headers,
				body: request.body,
				timeout: request.timeoutMs,
				followRedirect: false,
				followAllRedirects: false,
				simple: false,
				resolveWithFullResponse: true,
				encoding: null,
				json: false,
			}),
		);
}

/** Runs a request with a deadline on the whole exchange and maps what n8n returns or throws. */
async function withDeadline(
	timeoutMs: number,
	run: (signal: AbortSignal) => Promise<unknown>,
): Promise<SendResponse> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => {
			controller.abort();
			reject(SendError.from(undefined, true));
		}, timeoutMs);
	});
	try {
		const response = (await Promise.race([run(controller.signal), deadline])) as FullResponse;
		return {
			status: response.statusCode,
			statusText: response.statusMessage ?? '',
			headers: headersOf(response.headers),
			body: textOf(response.body),
		};
	} catch (error) {
		throw SendError.from(error, isTimeout(error));
	} finally {
		clearTimeout(timer);
	}
}

/** n8n's HTTP client reports its own timeout as ECONNABORTED "timeout of N ms exceeded". */
function isTimeout(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
	return code === 'ECONNABORTED' && typeof message === 'string' && message.startsWith('timeout');
}

function headersOf(headers: Record<string, unknown> | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries({ ...headers })) {
		if (value === undefined || value === null) continue;
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

/** The body as text, decoded as the WHATWG fetch does (UTF-8, a byte-order mark dropped). */
function textOf(body: unknown): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	if (body instanceof Uint8Array) return new TextDecoder().decode(body);
	if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
	return JSON.stringify(body);
}

/** By shape, not `instanceof Error`: errors can come from another realm (vm contexts, jest). */
function messageOf(value: unknown): string {
	const message = (value as { message?: unknown } | null)?.message;
	return typeof message === 'string' ? message : String(value);
}
