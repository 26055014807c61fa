import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAllowlist, DEFAULT_INTERNAL_RANGES } from '../../../nodes/shared/trigger/allowlist';
import {
	readBody,
	type BodyResult,
	type IncomingRequest,
} from '../../../nodes/shared/trigger/body';
import { checkMethod } from '../../../nodes/shared/trigger/methods';
import { parseQuery } from '../../../nodes/shared/trigger/query';
import { sendReply } from '../../../nodes/shared/trigger/reply';
import { checkSource, sourceAddress } from '../../../nodes/shared/trigger/source';

describe('parseQuery', () => {
	it('decodes single values', () => {
		expect(parseQuery('/webhook/x?new=10.0.0.1&old=%3A%3A1&empty=')).toEqual({
			ok: true,
			values: { new: '10.0.0.1', old: '::1', empty: '' },
		});
		expect(parseQuery('/webhook/x')).toEqual({ ok: true, values: {} });
		expect(parseQuery(undefined)).toEqual({ ok: true, values: {} });
	});

	it('refuses a repeated parameter instead of picking one', () => {
		expect(parseQuery('/x?id=1&id=2')).toEqual({
			ok: false,
			message: 'Query parameter "id" is given more than once',
		});
	});

	it('keeps bracketed and prototype-like keys as plain keys', () => {
		const result = parseQuery('/x?a[b]=1&__proto__=2&constructor=3');
		if (!result.ok) throw new Error(result.message);
		expect(Object.keys(result.values)).toEqual(['a[b]', '__proto__', 'constructor']);
		expect(Object.getPrototypeOf(result.values)).toBe(Object.prototype);
		expect(result.values.constructor).toBe('3');
	});
});

describe('checkMethod', () => {
	it('answers 405 with an Allow header for other methods', () => {
		expect(checkMethod('GET', ['GET', 'POST'])).toBeUndefined();
		expect(checkMethod('PUT', ['GET', 'POST'])).toEqual({
			status: 405,
			body: { status: 'error', message: 'Method PUT is not allowed; use GET or POST' },
			headers: { allow: 'GET, POST' },
		});
	});
});

describe('sourceAddress and checkSource', () => {
	const request = (remoteAddress: string, forwardedFor?: string) =>
		({
			socket: { remoteAddress },
			headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
		}) as unknown as IncomingRequest;
	const internal = createAllowlist(DEFAULT_INTERNAL_RANGES);

	it('ignores X-Forwarded-For without trusted hops, so it cannot be spoofed', () => {
		expect(sourceAddress(request('203.0.113.7', '10.0.0.1'), 0)).toBe('203.0.113.7');
		expect(checkSource(sourceAddress(request('203.0.113.7', '10.0.0.1'), 0), internal)).toEqual({
			status: 403,
			body: { status: 'error', message: 'Forbidden: 203.0.113.7 is not in the IP allowlist' },
		});
	});

	it('believes the configured number of proxy hops', () => {
		expect(sourceAddress(request('127.0.0.1', '203.0.113.7'), 1)).toBe('203.0.113.7');
		expect(sourceAddress(request('127.0.0.1', '198.51.100.1, 10.0.0.5'), 1)).toBe('10.0.0.5');
		expect(sourceAddress(request('127.0.0.1', '198.51.100.1, 10.0.0.5'), 2)).toBe('198.51.100.1');
	});

	it('lets any address through without an allowlist, and only listed ones with one', () => {
		expect(checkSource('203.0.113.7', undefined)).toBeUndefined();
		expect(checkSource('::ffff:192.168.1.20', internal)).toBeUndefined();
		expect(checkSource('', internal)?.status).toBe(403);
	});
});

describe('readBody on real requests', () => {
	let server: http.Server;
	let url: string;
	let limit = 16;
	const results: BodyResult[] = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			void readBody(req as IncomingRequest, limit).then((result) => {
				results.push(result);
				if (result.ok)
					sendReply(res, {
						status: 200,
						body: { size: result.bytes.length, text: result.bytes.toString() },
					});
				else sendReply(res, result.reply);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(() => {
		limit = 16;
		results.length = 0;
	});

	it('returns a body within the limit', async () => {
		const response = await fetch(url, { method: 'POST', body: '0123456789abcdef' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ size: 16, text: '0123456789abcdef' });
	});

	it('answers 413 from the declared length without reading', async () => {
		const response = await fetch(url, { method: 'POST', body: 'x'.repeat(17) });
		expect(response.status).toBe(413);
		expect(response.headers.get('connection')).toBe('close');
		expect(await response.json()).toEqual({
			status: 'error',
			message: 'The request body is larger than 16 bytes',
		});
	});

	it('answers 413 for a chunked body once it grows over the limit, even a large one', async () => {
		limit = 1024;
		const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
		const stream = new ReadableStream({
			start(controller) {
				for (let i = 0; i < 32; i++) controller.enqueue(chunk);
				controller.close();
			},
		});
		const response = await fetch(url, {
			method: 'POST',
			body: stream,
			duplex: 'half',
		} as RequestInit);
		expect(response.status).toBe(413);
		expect((await response.json()).message).toBe('The request body is larger than 1 KiB');
	});

	it('answers 415 for a compressed body', async () => {
		const response = await fetch(url, {
			method: 'POST',
			body: 'abc',
			headers: { 'content-encoding': 'gzip' },
		});
		expect(response.status).toBe(415);
		expect((await response.json()).message).toMatch(/Content-Encoding "gzip" is not supported/);
	});

	it('returns an empty body for a request without one', async () => {
		const response = await fetch(url, { method: 'POST' });
		expect(await response.json()).toEqual({ size: 0, text: '' });
	});
});
