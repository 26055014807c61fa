import http, {
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

import type { Database } from './database';
import { handleJson2 } from './json2Route';
import { handleJsonRpc, type VersionInfo } from './jsonRpcRoute';
import { html, json, notFoundPage, type DoubleResponse } from './response';
import { handleHook } from './webhookRoute';

export interface LoggedRequest {
	method: string;
	/** Path with the query string. */
	path: string;
	headers: IncomingHttpHeaders;
	/** The JSON body parsed, else the raw text, or null when empty. */
	body: unknown;
	protocol: 'jsonrpc' | 'json2' | 'version' | 'hook' | 'other';
	/** `model.method` of an object call (`maintenance.request.create`), or `common.login`. */
	call?: string;
	/** How the double made this request fail, if it did. */
	failure?: string;
}

export type Failure = { status: number } | 'reset' | 'hang';

export interface ServerControls {
	database(): Database;
	version: VersionInfo;
	log: LoggedRequest[];
	/** Requests to fail, in order of arrival. */
	failures: Failure[];
	mode(): 'up' | 'hang' | 503;
}

/** The HTTP side of the double: routing, request log and failure injection. */
export function createServer(controls: ServerControls): {
	server: http.Server;
	sockets: Set<Socket>;
} {
	const sockets = new Set<Socket>();
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const text = Buffer.concat(chunks).toString('utf8');
			const entry = logEntry(request, text);
			controls.log.push(entry);
			const failure = controls.failures.shift() ?? modeFailure(controls.mode());
			if (failure) {
				entry.failure = typeof failure === 'string' ? failure : String(failure.status);
				if (failure === 'hang') return;
				if (failure === 'reset') {
					request.socket.destroy();
					return;
				}
				send(response, html(failure.status, `<h1>${failure.status} Service Unavailable</h1>`));
				return;
			}
			send(response, route(controls, request, text));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return { server, sockets };
}

function modeFailure(mode: 'up' | 'hang' | 503): Failure | undefined {
	if (mode === 'hang') return 'hang';
	if (mode === 503) return { status: 503 };
	return undefined;
}

function route(controls: ServerControls, request: IncomingMessage, text: string): DoubleResponse {
	const url = new URL(request.url ?? '/', 'http://double');
	const db = controls.database();
	const method = request.method ?? 'GET';
	if (url.pathname === '/web/version' || url.pathname === '/json/version') {
		return json(200, {
			version_info: controls.version.versionInfo,
			version: controls.version.version,
		});
	}
	if (url.pathname === '/jsonrpc' && method === 'POST') {
		return handleJsonRpc(db, controls.version, parseJson(text));
	}
	if (url.pathname === '/json/2' || url.pathname.startsWith('/json/2/')) {
		// JSON-2 is new in Odoo 19: older servers have no such route.
		if (Number(controls.version.versionInfo[0]) < 19) return notFoundPage();
		return handleJson2(db, { method, path: url.pathname, headers: request.headers, body: text });
	}
	const hook = /^\/web\/hook\/([^/]+)$/.exec(url.pathname);
	if (hook) return handleHook(db, { method, uuid: hook[1], query: url.searchParams, body: text });
	return notFoundPage();
}

function logEntry(request: IncomingMessage, text: string): LoggedRequest {
	const path = request.url ?? '/';
	const pathname = path.split('?')[0];
	const body = text === '' ? null : (parseJson(text) ?? text);
	const entry: LoggedRequest = {
		method: request.method ?? 'GET',
		path,
		headers: request.headers,
		body,
		protocol: 'other',
	};
	if (pathname === '/web/version' || pathname === '/json/version') entry.protocol = 'version';
	else if (pathname.startsWith('/web/hook/')) entry.protocol = 'hook';
	else if (pathname.startsWith('/json/2/')) {
		entry.protocol = 'json2';
		const [, , , model, method] = pathname.split('/');
		if (model && method) entry.call = `${decodeURIComponent(model)}.${decodeURIComponent(method)}`;
	} else if (pathname === '/jsonrpc') {
		entry.protocol = 'jsonrpc';
		entry.call = rpcCall(body);
	}
	return entry;
}

function rpcCall(body: unknown): string | undefined {
	const params = (
		body as { params?: { service?: unknown; method?: unknown; args?: unknown } } | null
	)?.params;
	if (!params) return undefined;
	const args = Array.isArray(params.args) ? params.args : [];
	if (
		params.service === 'object' &&
		(params.method === 'execute_kw' || params.method === 'execute')
	) {
		return `${String(args[3])}.${String(args[4])}`;
	}
	return `${String(params.service)}.${String(params.method)}`;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function send(response: ServerResponse, answer: DoubleResponse): void {
	response.writeHead(answer.status, {
		...answer.headers,
		'Content-Length': Buffer.byteLength(answer.body),
		// No keep-alive: reset() and setDown() may drop sockets, and a client must never reuse a dead one.
		Connection: 'close',
	});
	response.end(answer.body);
}
