// Real loopback HTTP/HTTPS servers and openssl-generated TLS fixtures for the http-check tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
	createServer as createHttpServer,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const AUTH_USER = 'monitor';
// Characters that URL-based credential handling tends to mangle.
export const AUTH_PASSWORD = 'pa%41ss:w/rd@é 100%';
export const PAGE_BODY = '<html><body><h1>Welcome to Odoo</h1><p>Login</p></body></html>';

export interface RecordedRequest {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	/** For HTTPS: whether the TLS session was resumed instead of fully negotiated. */
	tlsSessionReused?: boolean;
}

export interface TestServer {
	/** e.g. `http://127.0.0.1:43210`. */
	origin: string;
	port: number;
	url(path: string): string;
	requests: RecordedRequest[];
	/** TCP connections accepted since the last reset. */
	connections: number;
	/** Requests being served right now, and the most seen at once since the last reset. */
	inFlight: number;
	maxInFlight: number;
	resetStats(): void;
	/** Status returned by `/flip/:key` until changed (200 by default). */
	setFlipStatus(key: string, status: number): void;
	close(): Promise<void>;
}

interface ServerState {
	server: TestServer;
	flaky: Map<string, number>;
	flip: Map<string, number>;
}

const send = (
	res: ServerResponse,
	status: number,
	body: string,
	headers: Record<string, string> = {},
): void => {
	res.writeHead(status, { 'content-type': 'text/plain', ...headers });
	res.end(body);
};

function route(state: ServerState, req: IncomingMessage, res: ServerResponse): void {
	const url = new URL(req.url ?? '/', 'http://test.invalid');
	const parts = url.pathname.split('/').filter(Boolean);
	const [name, arg] = parts;
	const delay = Number(url.searchParams.get('delay') ?? 0);
	switch (name) {
		case 'ok':
			return send(res, 200, 'OK: service is up');
		case 'status':
			return send(res, Number(arg), `status ${arg}`);
		case 'redirect': {
			const remaining = Number(arg);
			const code = Number(url.searchParams.get('code') ?? 302);
			if (remaining <= 0) return send(res, 200, 'redirect target');
			return send(res, code, '', { location: `/redirect/${remaining - 1}?code=${code}` });
		}
		case 'loop':
			return send(res, 302, '', { location: arg === 'a' ? '/loop/b' : '/loop/a' });
		case 'slow':
		case 'concurrency':
			setTimeout(() => send(res, 200, `waited ${delay} ms`), delay);
			return;
		case 'hang':
			return;
		case 'auth': {
			const expected = `Basic ${Buffer.from(`${AUTH_USER}:${AUTH_PASSWORD}`, 'utf8').toString('base64')}`;
			if (req.headers.authorization === expected) return send(res, 200, 'authenticated');
			return send(res, 401, 'unauthorized', { 'www-authenticate': 'Basic realm="odoo"' });
		}
		case 'page':
			return send(res, 200, PAGE_BODY, { 'content-type': 'text/html' });
		case 'gzip': {
			res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
			res.end(gzipSync(PAGE_BODY));
			return;
		}
		case 'large': {
			const size = Number(url.searchParams.get('size') ?? 0);
			const tail = url.searchParams.get('tail') ?? '';
			res.writeHead(200, { 'content-type': 'text/plain' });
			const chunk = Buffer.alloc(64 * 1024, 'x');
			let left = size;
			while (left > 0) {
				res.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
				left -= chunk.length;
			}
			res.end(tail);
			return;
		}
		case 'flaky': {
			const failures = Number(url.searchParams.get('fail') ?? 1);
			const seen = state.flaky.get(arg) ?? 0;
			state.flaky.set(arg, seen + 1);
			return seen < failures ? send(res, 503, 'warming up') : send(res, 200, 'recovered');
		}
		case 'flip':
			return send(res, state.flip.get(arg) ?? 200, 'flip');
		case 'reset':
			req.socket.destroy();
			return;
		default:
			return send(res, 404, 'not found');
	}
}

async function start(server: Server, protocol: 'http' | 'https'): Promise<TestServer> {
	const state: ServerState = {
		server: undefined as unknown as TestServer,
		flaky: new Map(),
		flip: new Map(),
	};
	server.on('request', (req: IncomingMessage, res: ServerResponse) => {
		const api = state.server;
		const socket = req.socket as Partial<TLSSocket>;
		api.requests.push({
			method: req.method ?? '',
			path: req.url ?? '',
			headers: req.headers,
			tlsSessionReused: socket.isSessionReused?.(),
		});
		api.inFlight++;
		api.maxInFlight = Math.max(api.maxInFlight, api.inFlight);
		let counted = true;
		const done = (): void => {
			if (!counted) return;
			counted = false;
			api.inFlight--;
		};
		res.once('finish', done);
		res.once('close', done);
		route(state, req, res);
	});
	// 'secureConnection' would miss TLS handshakes that fail; count raw TCP connections.
	server.on('connection', () => state.server.connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `${protocol}://127.0.0.1:${port}`;
	state.server = {
		origin,
		port,
		url: (path) => `${origin}${path}`,
		requests: [],
		connections: 0,
		inFlight: 0,
		maxInFlight: 0,
		resetStats() {
			this.requests = [];
			this.connections = 0;
			this.maxInFlight = this.inFlight;
		},
		setFlipStatus: (key, status) => state.flip.set(key, status),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return state.server;
}

export function startHttpServer(): Promise<TestServer> {
	return start(createHttpServer(), 'http');
}

export function startHttpsServer(credentials: { key: string; cert: string }): Promise<TestServer> {
	return start(createHttpsServer(credentials), 'https');
}

/** Accepts TCP connections and never sends a byte: hangs any TLS handshake or HTTP request. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
	const sockets = new Set<Socket>();
	const server = createNetServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: (server.address() as AddressInfo).port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** A loopback port nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
	const server = createNetServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

export interface TlsFixtures {
	dir: string;
	/** PEM of the test CA that signs every certificate below except `selfSigned`. */
	ca: string;
	key: string;
	/** Self-signed, for localhost and 127.0.0.1, valid ten years. */
	selfSigned: string;
	/** CA-signed, for localhost and 127.0.0.1, valid ten years. */
	valid: string;
	/** CA-signed, expired on 2020-02-01. */
	expired: string;
	/** CA-signed, expires `expiringInDays` days and one hour after generation. */
	expiring: string;
	expiringInDays: number;
	/** CA-signed and valid, but only for other.test: a hostname mismatch on 127.0.0.1. */
	wrongHost: string;
	cleanup(): void;
}

const LOOPBACK_SAN = 'subjectAltName=DNS:localhost,IP:127.0.0.1';

/** `openssl ca` date format, which (unlike `openssl x509` in OpenSSL 3.0) allows any validity window. */
function opensslDate(date: Date): string {
	return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Generates the certificates with the openssl CLI into a fresh temp dir. */
export function createTlsFixtures(expiringInDays = 3): TlsFixtures {
	const dir = mkdtempSync(join(tmpdir(), 'http-check-tls-'));
	const openssl = (...args: string[]): void => {
		execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
	};
	const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
	openssl(
		'req',
		'-x509',
		...ecKey,
		'-keyout',
		'ca.key',
		'-out',
		'ca.crt',
		'-days',
		'3650',
		'-subj',
		'/CN=http-check test CA',
	);
	openssl(
		'req',
		'-x509',
		...ecKey,
		'-keyout',
		'leaf.key',
		'-out',
		'self-signed.crt',
		'-days',
		'3650',
		'-subj',
		'/CN=localhost',
		'-addext',
		LOOPBACK_SAN,
	);
	openssl('req', '-new', '-key', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost');
	writeFileSync(join(dir, 'index.txt'), '');
	writeFileSync(join(dir, 'serial'), '1000\n');
	writeFileSync(
		join(dir, 'ca.cnf'),
		[
			'[ca]',
			'default_ca = test_ca',
			'[test_ca]',
			'database = index.txt',
			'serial = serial',
			'new_certs_dir = .',
			'default_md = sha256',
			'policy = policy_any',
			'unique_subject = no',
			'[policy_any]',
			'commonName = supplied',
		].join('\n'),
	);
	const sign = (out: string, start: Date, end: Date, san = LOOPBACK_SAN): string => {
		writeFileSync(join(dir, `${out}.ext`), `basicConstraints = CA:FALSE\n${san}\n`);
		openssl(
			'ca',
			'-batch',
			'-notext',
			'-config',
			'ca.cnf',
			'-cert',
			'ca.crt',
			'-keyfile',
			'ca.key',
			'-in',
			'leaf.csr',
			'-out',
			`${out}.crt`,
			'-extfile',
			`${out}.ext`,
			'-startdate',
			opensslDate(start),
			'-enddate',
			opensslDate(end),
		);
		return readFileSync(join(dir, `${out}.crt`), 'utf8');
	};
	const now = Date.now();
	const day = 86_400_000;
	const yesterday = new Date(now - day);
	return {
		dir,
		ca: readFileSync(join(dir, 'ca.crt'), 'utf8'),
		key: readFileSync(join(dir, 'leaf.key'), 'utf8'),
		selfSigned: readFileSync(join(dir, 'self-signed.crt'), 'utf8'),
		valid: sign('valid', yesterday, new Date(now + 3650 * day)),
		expired: sign('expired', new Date('2020-01-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z')),
		// The extra hour keeps daysRemaining at exactly expiringInDays while the tests run.
		expiring: sign('expiring', yesterday, new Date(now + expiringInDays * day + 3_600_000)),
		expiringInDays,
		wrongHost: sign(
			'wrong-host',
			yesterday,
			new Date(now + 3650 * day),
			'subjectAltName=DNS:other.test',
		),
		cleanup: () => rmSync(dir, { recursive: true, force: true }),
	};
}
