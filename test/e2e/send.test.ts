/**
 * The nodes send Odoo calls, notifications and credential-test logins through n8n's own HTTP client.
 * Here the Sends built on it (n8n 2.41.1's httpRequest and a credential test's legacy request, loaded
 * from the pinned n8n) answer real loopback servers exactly as the fetch Send the module tests use.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { IHttpRequestOptions } from 'n8n-workflow';

import {
	credentialTestSend,
	httpRequestSend,
	SendError,
	TIMEOUT_MESSAGE,
	type Send,
	type SendRequest,
} from '../../nodes/shared/n8n/send';
import { fetchSend } from '../support/fetchSend';
import { e2eInfo } from './harness';

function n8nSends(): Record<string, Send> {
	const modules = e2eInfo().n8nModules;
	const load = (file: string) => createRequire(__filename)(path.join(modules, file));
	load('reflect-metadata');
	const { httpRequest } = load('@n8n/backend-network/dist/http/axios/request.js');
	const { executeLegacyRequest } = load('@n8n/backend-network/dist/http/legacy-request.js');
	const logger = { debug() {}, info() {}, warn() {}, error() {} };
	return {
		'n8n httpRequest': httpRequestSend({
			httpRequest: (options: IHttpRequestOptions) => httpRequest(options, undefined),
		}),
		'n8n credential-test request': credentialTestSend({
			request: (options: object) => executeLegacyRequest(options, undefined, logger),
		}),
	};
}

let server: http.Server;
let base: string;
/** A port nothing listens on (fetch refuses to even try some, like 1). */
let closedPort: number;
const open = new Set<http.ServerResponse>();

beforeAll(async () => {
	server = http.createServer((req, res) => {
		open.add(res);
		res.on('close', () => open.delete(res));
		switch (req.url) {
			case '/json':
				res.writeHead(200, { 'content-type': 'application/json' });
				return res.end('\ufeff{"name":"équipement"}');
			case '/redirect':
				res.writeHead(302, { location: 'https://odoo.example.test/jsonrpc' });
				return res.end();
			case '/unavailable':
				res.writeHead(503, 'Service Unavailable', { 'content-type': 'text/html' });
				return res.end('<h1>maintenance</h1>');
			case '/silent':
				return; // never answers
			case '/trickle': {
				// Headers at once, then a byte every 100 ms: never idle, never done.
				res.writeHead(200, { 'content-type': 'application/json' });
				const timer = setInterval(() => res.write(' '), 100);
				res.on('close', () => clearInterval(timer));
				return;
			}
			default:
				res.writeHead(404);
				return res.end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const closed = http.createServer();
	await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
	closedPort = (closed.address() as AddressInfo).port;
	await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
	for (const res of open) res.destroy();
	await new Promise((resolve) => server.close(resolve));
});

async function outcome(send: Send, request: SendRequest) {
	try {
		const response = await send(request);
		return {
			status: response.status,
			statusText: response.statusText,
			contentType: response.headers['content-type'],
			location: response.headers.location,
			body: response.body,
		};
	} catch (error) {
		expect(error).toBeInstanceOf(SendError);
		const { message, code, timedOut } = error as SendError;
		return { message, code, timedOut };
	}
}

const cases: Array<[string, Omit<SendRequest, 'timeoutMs'> & { timeoutMs?: number }]> = [
	['a JSON answer (UTF-8, byte-order mark dropped)', { method: 'GET', url: '/json' }],
	['a redirect of a POST, not followed', { method: 'POST', url: '/redirect', body: '{}' }],
	['an HTTP error with its body', { method: 'POST', url: '/unavailable', body: '{}' }],
	['no answer within the timeout', { method: 'POST', url: '/silent', body: '{}', timeoutMs: 500 }],
	['a body still arriving at the timeout', { method: 'GET', url: '/trickle', timeoutMs: 800 }],
	['a refused connection', { method: 'GET', url: 'closed:/jsonrpc' }],
];

describe.each(Object.entries(n8nSends()))('%s', (_name, send) => {
	test.each(cases)('%s: the same outcome as the fetch Send', async (_case, partial) => {
		const request: SendRequest = {
			...partial,
			url: partial.url.startsWith('closed:')
				? `http://127.0.0.1:${closedPort}${partial.url.slice('closed:'.length)}`
				: `${base}${partial.url}`,
			headers: { 'content-type': 'application/json' },
			timeoutMs: partial.timeoutMs ?? 10_000,
		};
		const expected = await outcome(fetchSend, request);
		const started = Date.now();
		expect(await outcome(send, request)).toEqual(expected);
		// A timeout ends the whole exchange: well before an idle-socket timeout would have.
		if ('timedOut' in expected && expected.timedOut) {
			expect(expected.message).toBe(TIMEOUT_MESSAGE);
			expect(Date.now() - started).toBeLessThan(request.timeoutMs + 5_000);
		}
	});
});
