import fs from 'node:fs';
import path from 'node:path';

import { MIGRATIONS } from '../../../nodes/shared/store/migrations';
import { getServiceStatus, recordCheck } from '../../../nodes/shared/store/serviceStatus';
import { StateStore, StoreError } from '../../../nodes/shared/store/stateStore';
import { resolveStorePath, STORE_FILE_NAME } from '../../../nodes/shared/store/storePath';
import { tempDir } from '../../support/bundle';

const thresholds = { failureThreshold: 1, successThreshold: 1 };

function outcome(ok: boolean, overrides: Partial<Parameters<typeof recordCheck>[1]> = {}) {
	return {
		serviceKey: 'srv|https://example.test/',
		equipment: 'srv',
		serviceName: 'web',
		url: 'https://example.test/',
		ok,
		statusCode: ok ? 200 : 503,
		errorCode: ok ? null : 'UNEXPECTED_STATUS',
		checkedAt: '2026-11-23T10:00:00.000Z',
		...overrides,
	};
}

describe('resolveStorePath', () => {
	it('prefers the node option, then the environment variable, then the n8n user folder', () => {
		const env = { N8N_ODOO_MAINTENANCE_STORE: '/env/store.sqlite', N8N_USER_FOLDER: '/srv/n8n' };
		expect(resolveStorePath('/opt/state.sqlite', env)).toBe('/opt/state.sqlite');
		expect(resolveStorePath('  ', env)).toBe('/env/store.sqlite');
		expect(resolveStorePath(undefined, { N8N_USER_FOLDER: '/srv/n8n' })).toBe(
			path.join('/srv/n8n', '.n8n', STORE_FILE_NAME),
		);
		expect(resolveStorePath(undefined, {})).toMatch(new RegExp(`\\.n8n/${STORE_FILE_NAME}$`));
	});
});

describe('StateStore', () => {
	let dir: string;
	beforeEach(() => {
		dir = tempDir();
	});

	it('creates the folder, applies every migration once and uses WAL mode', () => {
		const file = path.join(dir, 'nested', 'state.sqlite');
		const store = StateStore.open(file);
		expect(store.schemaVersion).toBe(MIGRATIONS.length);
		expect(store.get('PRAGMA journal_mode')?.journal_mode).toBe('wal');
		const tables = store
			.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.map((row) => row.name);
		expect(tables).toEqual(
			expect.arrayContaining([
				'ip_state',
				'maintenance_requests',
				'maintenance_windows',
				'notification_outbox',
				'pending_failures',
				'service_status',
			]),
		);
		store.close();
		const reopened = StateStore.open(file);
		expect(reopened.schemaVersion).toBe(MIGRATIONS.length);
		reopened.close();
	});

	it('rolls a transaction back entirely when the work throws', () => {
		const store = StateStore.open(path.join(dir, 'state.sqlite'));
		expect(() =>
			store.transaction(() => {
				store.run("INSERT INTO ip_state (scope, current_ip) VALUES ('a', '10.0.0.1')");
				throw new Error('boom');
			}),
		).toThrow('boom');
		expect(store.get("SELECT count(*) AS n FROM ip_state")?.n).toBe(0);
		store.close();
	});

	it('gives a clear error naming the path for a corrupt file', () => {
		const file = path.join(dir, 'corrupt.sqlite');
		fs.writeFileSync(file, 'this is not a database, just some text '.repeat(200));
		let caught: unknown;
		try {
			StateStore.open(file);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(StoreError);
		expect((caught as StoreError).message).toContain(file);
		expect((caught as StoreError).message).toMatch(/not a SQLite database|not a database/);
		expect((caught as StoreError).storePath).toBe(file);
	});

	it('gives a clear error naming the path when the file cannot be opened', () => {
		const file = path.join(dir, 'a-directory.sqlite');
		fs.mkdirSync(file);
		expect(() => StateStore.open(file)).toThrow(new RegExp(`${file.replace(/[.]/g, '\\.')}`));
		expect(() => StateStore.open(file)).toThrow(StoreError);
	});
});

describe('service status', () => {
	it('counts consecutive failures and successes and applies thresholds', () => {
		const store = StateStore.open(path.join(tempDir(), 'state.sqlite'));
		const limits = { failureThreshold: 3, successThreshold: 2 };
		expect(recordCheck(store, outcome(true), limits).reportedState).toBe('up');
		expect(recordCheck(store, outcome(false), limits)).toMatchObject({
			consecutiveFailures: 1,
			reportedState: 'up',
			stateChanged: false,
		});
		recordCheck(store, outcome(false), limits);
		expect(recordCheck(store, outcome(false), limits)).toMatchObject({
			consecutiveFailures: 3,
			reportedState: 'down',
			previousState: 'up',
			stateChanged: true,
		});
		expect(recordCheck(store, outcome(true), limits)).toMatchObject({
			consecutiveSuccesses: 1,
			consecutiveFailures: 0,
			reportedState: 'down',
		});
		expect(recordCheck(store, outcome(true), limits)).toMatchObject({
			reportedState: 'up',
			stateChanged: true,
		});
		const saved = getServiceStatus(store, outcome(true).serviceKey);
		expect(saved).toMatchObject({ lastStatusCode: 200, reportedState: 'up', consecutiveSuccesses: 2 });
		store.close();
	});

	it('keeps the last status code and check time', () => {
		const store = StateStore.open(path.join(tempDir(), 'state.sqlite'));
		recordCheck(store, outcome(false, { statusCode: -1, checkedAt: '2026-11-23T11:00:00.000Z' }), thresholds);
		expect(getServiceStatus(store, outcome(true).serviceKey)).toMatchObject({
			lastStatusCode: -1,
			lastCheckAt: '2026-11-23T11:00:00.000Z',
			reportedState: 'down',
		});
		store.close();
	});
});
