/**
 * Outgoing HTTP for tests that run modules without n8n, on Node's fetch: a Send for the modules, and
 * n8n's `helpers.httpRequest` / credential-test `helpers.request` as far as the nodes use them, for the
 * fakes of n8n's contexts. In n8n the nodes send through n8n's own client (nodes/shared/n8n/send.ts);
 * test/e2e/send.test.ts holds both to the same answers against real loopback servers.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { SendError, type Send } from '../../nodes/shared/n8n/send';

export const fetchSend: Send = async (request) => {
	try {
		const response = await fetch(request.url, {
			method: request.method,
			headers: request.headers,
			body: request.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		return {
			status: response.status,
			statusText: response.statusText,
			headers: headersOf(response.headers),
			body: await response.text(),
		};
	} catch (error) {
		throw SendError.from(error, (error as Error).name === 'TimeoutError');
	}
};

/** `this.helpers.httpRequest` with the options the nodes pass (full response, no redirects, bytes). */
export async function fetchHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const signals = [options.abortSignal as AbortSignal | undefined];
	if (options.timeout) signals.push(AbortSignal.timeout(options.timeout));
	try {
		const response = await fetch(options.url, {
			method: options.method ?? 'GET',
			headers: options.headers as Record<string, string> | undefined,
			body: options.body as string | undefined,
			redirect: options.disableFollowRedirect ? 'manual' : 'follow',
			signal: AbortSignal.any(signals.filter((signal) => signal !== undefined)),
		});
		if (!options.ignoreHttpStatusErrors && !response.ok) {
			throw new Error(`fetchHttpRequest: HTTP ${response.status} without ignoreHttpStatusErrors`);
		}
		const body = Buffer.from(await response.arrayBuffer());
		if (!options.returnFullResponse) return body;
		return {
			body,
			headers: headersOf(response.headers),
			statusCode: response.status,
			statusMessage: response.statusText,
		};
	} catch (error) {
		// As n8n's client reports its timeout.
		if ((error as Error).name === 'TimeoutError') {
			throw Object.assign(new Error(`timeout of ${options.timeout}ms exceeded`), {
				code: 'ECONNABORTED',
			});
		}
		throw error;
	}
}

/** A credential test's `this.helpers.request` with the options the credential tests pass. */
export function fetchLegacyRequest(options: {
	uri: string;
	method?: 'GET' | 'POST';
	headers?: Record<string, string>;
	body?: string;
	timeout?: number;
}): Promise<unknown> {
	return fetchHttpRequest({
		url: options.uri,
		method: options.method,
		headers: options.headers,
		body: options.body,
		timeout: options.timeout,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	});
}

function headersOf(headers: Headers): Record<string, string> {
	const result: Record<string, string> = {};
	headers.forEach((value, name) => (result[name] = value));
	return result;
}
