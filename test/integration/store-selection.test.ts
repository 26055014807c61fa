// Which store answers, and switching to PostgreSQL without orphaning state: n8n's own database
// (DB_TYPE=postgresdb) in the package's own schema, the one-time logged move of the SQLite store of the
// user folder, the move script, and the log line that names the store once per process.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

import { getIpState, recordIpChange } from '../../nodes/IpChangeTrigger/ipState';
import { LocalMaintenanceWindows } from '../../nodes/MaintenanceMode/backends/local';
import { NotificationOutbox } from '../../nodes/MaintenanceRequest/store/outbox';
import { PendingFailures, RequestLedger } from '../../nodes/MaintenanceRequest/store/requestLedger';
import { getServiceStatus, recordCheck } from '../../nodes/shared/store/serviceStatus';
import { SqliteStore } from '../../nodes/shared/store/sqliteStore';
import {
	closeAllStateStores,
	getStateStore,
	type StateStore,
} from '../../nodes/shared/store/stateStore';
import { STORE_FILE_NAME } from '../../nodes/shared/store/storePath';
import { bundleForChild, tempDir } from '../support/bundle';
import { countRows, freshPostgresUrl, openStoreAt, testPostgresUrl } from '../support/stores';

const execFileAsync = promisify(execFile);
const NOW = '2026-11-23T10:00:00.000Z';
const DAY = '2026-11-23';

async function admin(sql: string, database?: string): Promise<Record<string, unknown>[]> {
	const url = new URL(testPostgresUrl());
	if (database) url.pathname = `/${database}`;
	const client = new Client({ connectionString: url.toString() });
	await client.connect();
	try {
		return (await client.query(sql)).rows;
	} finally {
		await client.end();
	}
}

/** A new database standing for n8n's own, with one of n8n's tables in it, and n8n's DB_* settings for it. */
async function n8nDatabase(): Promise<{ env: Record<string, string>; database: string }> {
	const database = `n8n_${crypto.randomBytes(4).toString('hex')}`;
	await admin(`CREATE DATABASE ${database}`);
	await admin('CREATE TABLE public.workflow_entity (id TEXT PRIMARY KEY)', database);
	await admin("INSERT INTO public.workflow_entity VALUES ('w1')", database);
	const url = new URL(testPostgresUrl());
	const passwordFile = path.join(tempDir(), 'db-password');
	fs.writeFileSync(passwordFile, `${decodeURIComponent(url.password)}\n`);
	return {
		database,
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: url.hostname,
			DB_POSTGRESDB_PORT: url.port,
			DB_POSTGRESDB_DATABASE: database,
			DB_POSTGRESDB_USER: decodeURIComponent(url.username),
			DB_POSTGRESDB_PASSWORD_FILE: passwordFile,
			N8N_USER_FOLDER: tempDir(),
		},
	};
}

function logger() {
	const lines: string[] = [];
	return { lines, info: (message: string) => void lines.push(message) };
}

/** One of each kind of state in a store. */
async function fill(store: StateStore): Promise<void> {
	await new LocalMaintenanceWindows(store).activate('srv-a', 4, 'patch', NOW);
	await new RequestLedger(store).claim({
		backend: 'local',
		equipment: 'srv-a',
		day: DAY,
		name: '[HTTP KO] srv-a',
		state: 'open',
		priority: '2',
		description: 'Service KO',
		services: [],
		createdAt: NOW,
	});
	const failing = {
		service: 'web',
		url: 'https://srv-b.test/',
		statusCode: 503,
		error: 'HTTP 503',
		failedAt: NOW,
	};
	await new PendingFailures(store).keep('local', 'srv-b', [failing]);
	await new NotificationOutbox(store).enqueue(
		'local|created|srv-a|1',
		'http://127.0.0.1:9/',
		'{}',
		NOW,
	);
	await recordCheck(
		store,
		{
			serviceKey: 'srv-a|web|https://srv-a.test/',
			equipment: 'srv-a',
			serviceName: 'web',
			url: 'https://srv-a.test/',
			ok: false,
			statusCode: 503,
			errorCode: 'UNEXPECTED_STATUS',
			checkedAt: NOW,
		},
		{ failureThreshold: 1, successThreshold: 1 },
	);
	await recordIpChange(store, 'ip', { old: '10.0.0.1', new: '10.0.0.2', receivedAt: NOW }, 60_000);
}

/** Every kind of state written by `fill` is there. */
async function expectFilled(store: StateStore): Promise<void> {
	expect(await new LocalMaintenanceWindows(store).status('srv-a', NOW)).toMatchObject({
		active: true,
		reason: 'patch',
	});
	expect((await new RequestLedger(store).find('local', 'srv-a', DAY))?.name).toBe(
		'[HTTP KO] srv-a',
	);
	expect([...(await new PendingFailures(store).list('local')).keys()]).toEqual(['srv-b']);
	expect((await new NotificationOutbox(store).byKey('local|created|srv-a|1'))?.status).toBe(
		'pending',
	);
	expect((await getServiceStatus(store, 'srv-a|web|https://srv-a.test/'))?.reportedState).toBe(
		'down',
	);
	expect((await getIpState(store, 'ip'))?.currentIp).toBe('10.0.0.2');
}

afterEach(() => closeAllStateStores());

describe("n8n's own PostgreSQL (DB_TYPE=postgresdb)", () => {
	it("is the store when nothing else is set: the package's own schema, n8n's tables untouched, logged once", async () => {
		const { env, database } = await n8nDatabase();
		const log = logger();
		const store = await getStateStore(undefined, log, env);
		expect(store.dialect).toBe('postgres');
		expect(store.location).toBe(
			`postgresql://${env.DB_POSTGRESDB_USER}@127.0.0.1:${env.DB_POSTGRESDB_PORT}/${database} (schema odoo_maintenance)`,
		);
		await fill(store);
		expect(await getStateStore(undefined, log, env)).toBe(store);
		expect(log.lines).toEqual([
			`Odoo maintenance nodes: state store is PostgreSQL at ${store.location} (n8n's own database (DB_TYPE=postgresdb))`,
		]);
		const tables = await admin(
			"SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
			database,
		);
		expect(tables.map((row) => row.name)).toEqual([
			'odoo_maintenance.history_daily',
			'odoo_maintenance.history_hourly',
			'odoo_maintenance.history_raw',
			'odoo_maintenance.history_services',
			'odoo_maintenance.history_summary',
			'odoo_maintenance.ip_state',
			'odoo_maintenance.maintenance_requests',
			'odoo_maintenance.maintenance_windows',
			'odoo_maintenance.notification_outbox',
			'odoo_maintenance.pending_failures',
			'odoo_maintenance.service_status',
			'odoo_maintenance.store_imports',
			'odoo_maintenance.store_schema',
			'public.workflow_entity',
		]);
		expect(await admin('SELECT id FROM public.workflow_entity', database)).toEqual([{ id: 'w1' }]);
	});
});

describe('switching from SQLite to PostgreSQL orphans nothing', () => {
	it('moves the SQLite store of the user folder into PostgreSQL once, logged, and keeps the file aside', async () => {
		const { env } = await n8nDatabase();
		const file = path.join(env.N8N_USER_FOLDER, '.n8n', STORE_FILE_NAME);
		const sqlite = SqliteStore.open(file);
		await fill(sqlite);
		await sqlite.close();

		const log = logger();
		const store = await getStateStore(undefined, log, env);
		await expectFilled(store);
		expect(log.lines[0]).toMatch(
			new RegExp(
				`^Odoo maintenance nodes: moved the SQLite state store .*${STORE_FILE_NAME} into postgresql://.*\\(1 maintenance_windows, 1 maintenance_requests, 1 pending_failures, 1 notification_outbox, 1 service_status, 1 ip_state\\); the file is kept as ${file.replace(/[.]/g, '\\.')}\\.moved-to-postgresql$`,
			),
		);
		expect(log.lines[1]).toMatch(/state store is PostgreSQL at/);
		expect(fs.existsSync(file)).toBe(false);
		expect(fs.existsSync(`${file}.moved-to-postgresql`)).toBe(true);

		// The same file put back (a restore from backup): recorded as moved, so nothing is copied twice.
		await closeAllStateStores();
		fs.copyFileSync(`${file}.moved-to-postgresql`, file);
		const again = await getStateStore(undefined, logger(), env);
		expect(await countRows(again, 'maintenance_windows')).toBe(1);
		expect(fs.existsSync(file)).toBe(true);
	});

	it('move-store.js moves a SQLite store into a postgresql:// URL, and says so when it was moved already', async () => {
		const cli = bundleForChild(path.resolve(__dirname, '../../nodes/shared/store/moveStoreCli.ts'));
		const file = path.join(tempDir(), 'custom.sqlite');
		const sqlite = SqliteStore.open(file);
		await fill(sqlite);
		await sqlite.close();
		const url = freshPostgresUrl();

		const first = await execFileAsync(process.execPath, [cli, file, url, '--keep-file']);
		expect(first.stdout).toMatch(
			/moved the SQLite state store .* \(1 maintenance_windows, .*1 ip_state\)/,
		);
		expect(first.stdout).not.toContain(new URL(url).password);
		const store = await openStoreAt(url);
		await expectFilled(store);
		await store.close();
		expect(fs.existsSync(file)).toBe(true);

		const second = await execFileAsync(process.execPath, [cli, file, url]);
		expect(second.stdout).toMatch(/was already moved into postgresql:\/\/.*; nothing copied/);
	}, 60_000);

	it('move-store.js refuses a missing file and a URL that is not PostgreSQL, clearly', async () => {
		const cli = bundleForChild(path.resolve(__dirname, '../../nodes/shared/store/moveStoreCli.ts'));
		const missing = await execFileAsync(process.execPath, [cli, '/nonexistent.sqlite']).catch(
			(error: { code: number; stderr: string }) => error,
		);
		expect(missing).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/Usage: .*No file \/nonexistent\.sqlite/s),
		});
		const file = path.join(tempDir(), 's.sqlite');
		await SqliteStore.open(file).close();
		const notPg = await execFileAsync(process.execPath, [
			cli,
			file,
			'mysql://u:secretpw@h/db',
		]).catch((error: { code: number; stderr: string }) => error);
		expect(notPg).toMatchObject({
			code: 1,
			stderr: expect.stringMatching(/Not a postgresql:\/\/ URL: mysql:\/\/u:\*\*\*@h\/db/),
		});
	}, 60_000);
});
