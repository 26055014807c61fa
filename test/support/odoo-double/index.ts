import type { AddressInfo } from 'node:net';

import type { Database } from './database';
import type { PyValue } from './python';
import { ADMIN_UID, freshDatabase, TECH_UID } from './seed';
import { createServer, type Failure, type LoggedRequest } from './server';

export type { Database } from './database';
export type { Failure, LoggedRequest } from './server';

export interface OdooDoubleOptions {
	/** Database name, `odoo` by default. */
	db?: string;
	adminPassword?: string;
	adminApiKey?: string;
	techPassword?: string;
	techApiKey?: string;
	/** Server version, `19.0` by default; below 19 there is no JSON-2. */
	version?: string;
	/** The clock of the server (create_date, today's request_date...). */
	now?: () => Date;
}

export interface OdooUser {
	uid: number;
	login: string;
	password: string;
	apiKey: string;
}

export interface OdooDouble {
	readonly url: string;
	readonly port: number;
	readonly db: string;
	/** Administrator (uid 2): settings admin; password and API key both work over JSON-RPC. */
	readonly admin: OdooUser;
	/** "tech" (uid 5): internal user and Maintenance Equipment Manager, no access to system parameters. */
	readonly tech: OdooUser;
	/** The database: `state.rows(model)` to inspect records. Replaced by `reset()`. */
	readonly state: Database;
	/** Every request received, in order. */
	readonly requests: LoggedRequest[];
	/** `model.method` (or `common.login`) of the RPC requests received, in order. */
	calls(): string[];
	/** `true`/'refused': the port refuses connections; 503: every request answers 503; false: back up. */
	setDown(down: boolean | 'refused' | 503): Promise<void>;
	/** Accepts requests but never answers them (for timeouts). */
	setHang(hang: boolean): void;
	/** Makes the next `count` requests fail (HTTP status, connection reset, or no answer). */
	failNext(count: number, failure: Failure): void;
	setClock(now: () => Date): void;
	/** A fresh database, an empty request log, no failures, up. */
	reset(): Promise<void>;
	close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts an in-memory Odoo 19 on a free loopback port. */
export async function startOdooDouble(options: OdooDoubleOptions = {}): Promise<OdooDouble> {
	const dbName = options.db ?? 'odoo';
	const admin: OdooUser = {
		uid: ADMIN_UID,
		login: 'admin',
		password: options.adminPassword ?? 'admin-password',
		apiKey: options.adminApiKey ?? 'admin-api-key-0123456789abcdef0123456789abcdef',
	};
	const tech: OdooUser = {
		uid: TECH_UID,
		login: 'tech',
		password: options.techPassword ?? 'tech-password',
		apiKey: options.techApiKey ?? 'tech-api-key-0123456789abcdef0123456789abcdef01',
	};
	const versionText = options.version ?? '19.0';
	const [major, minor] = versionText.split('.').map(Number);
	const version = {
		version: versionText,
		versionInfo: [major, minor || 0, 0, 'final', 0, ''] as PyValue[],
	};
	let clock = options.now ?? (() => new Date());
	let mode: 'up' | 'hang' | 503 = 'up';
	let port = 0;
	const log: LoggedRequest[] = [];
	const failures: Failure[] = [];
	const makeDatabase = () =>
		freshDatabase({
			db: dbName,
			serverMajor: major,
			clock: () => clock(),
			baseUrl: `http://localhost:${port}`,
			admin: { password: admin.password, apiKey: admin.apiKey },
			tech: { password: tech.password, apiKey: tech.apiKey },
		});
	let database: Database | undefined;
	const { server, sockets } = createServer({
		database: () => (database ??= makeDatabase()),
		version,
		log,
		failures,
		mode: () => mode,
	});

	const listen = () =>
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, HOST, () => {
				server.off('error', reject);
				port = (server.address() as AddressInfo).port;
				resolve();
			});
		});
	const stop = () =>
		new Promise<void>((resolve) => {
			if (!server.listening) return resolve();
			server.close(() => resolve());
			for (const socket of sockets) socket.destroy();
		});

	await listen();
	database = makeDatabase();

	return {
		url: `http://${HOST}:${port}`,
		port,
		db: dbName,
		admin,
		tech,
		get state() {
			return (database ??= makeDatabase());
		},
		requests: log,
		calls: () => log.flatMap((entry) => (entry.call ? [entry.call] : [])),
		async setDown(down) {
			if (down === 503) {
				mode = 503;
				if (!server.listening) await listen();
				return;
			}
			mode = 'up';
			if (down) await stop();
			else if (!server.listening) await listen();
		},
		setHang(hang) {
			mode = hang ? 'hang' : 'up';
			if (!hang) for (const socket of sockets) socket.destroy();
		},
		failNext(count, failure) {
			for (let index = 0; index < count; index++) failures.push(failure);
		},
		setClock(now) {
			clock = now;
		},
		async reset() {
			failures.length = 0;
			log.length = 0;
			mode = 'up';
			for (const socket of sockets) socket.destroy();
			if (!server.listening) await listen();
			database = makeDatabase();
		},
		close: stop,
	};
}
