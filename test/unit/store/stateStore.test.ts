import fs from 'node:fs';
import path from 'node:path';

import { MIGRATIONS } from '../../../nodes/shared/store/migrations';
import { getServiceStatus, recordCheck } from '../../../nodes/shared/store/serviceStatus';
import { SqliteStore } from '../../../nodes/shared/store/sqliteStore';
import { StoreError, type StateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import { BACKENDS, countRows, freshStoreOption, openStoreAt, openTestStore } from '../../support/stores';

const thresholds = { failureThreshold: 1, successThreshold: 1 };
const TABLES = [
	'ip_state',
	'maintenance_requests',
	'maintenance_windows',
	'notification_outbox',
	'pending_failures',
	'service_status',
	'store_imports',
];

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

describe.each(BACKENDS)('StateStore on %s', (backend) => {
	let store: StateStore;
	afterEach(async () => {
		await store?.close();
		store = undefined as unknown as StateStore;
	});

	it('applies every migration once, and again opens at the same version', async () => {
		const option = freshStoreOption(backend);
		store = await openStoreAt(option);
		expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
		for (const table of TABLES) expect(await countRows(store, table)).toBe(0);
		await store.close();
		store = await openStoreAt(option);
		expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
	});

	it('rolls a transaction back entirely when the work throws', async () => {
		store = await openTestStore(backend);
		await expect(
			store.transaction(async (tx) => {
				await tx.run("INSERT INTO ip_state (scope, current_ip) VALUES ('a', '10.0.0.1')");
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(await countRows(store, 'ip_state')).toBe(0);
	});

	it('refuses a store migrated by a newer package version, changing nothing', async () => {
		const option = freshStoreOption(backend);
		const first = await openStoreAt(option);
		const newer = MIGRATIONS.length + 1;
		if (backend === 'sqlite') await first.run(`PRAGMA user_version = ${newer}`);
		else await first.run('UPDATE store_schema SET version = ?', newer);
		await first.close();
		const opening = openStoreAt(option);
		await expect(opening).rejects.toThrow(StoreError);
		await expect(opening).rejects.toThrow(
			new RegExp(`schema version ${newer}, newer than this version .* Update the package`),
		);
	});

	it('counts consecutive failures and successes and applies thresholds', async () => {
		store = await openTestStore(backend);
		const limits = { failureThreshold: 3, successThreshold: 2 };
		expect((await recordCheck(store, outcome(true), limits)).reportedState).toBe('up');
		expect(await recordCheck(store, outcome(false), limits)).toMatchObject({
			consecutiveFailures: 1,
			reportedState: 'up',
			stateChanged: false,
		});
		await recordCheck(store, outcome(false), limits);
		expect(await recordCheck(store, outcome(false), limits)).toMatchObject({
			consecutiveFailures: 3,
			reportedState: 'down',
			previousState: 'up',
			stateChanged: true,
		});
		expect(await recordCheck(store, outcome(true), limits)).toMatchObject({
			consecutiveSuccesses: 1,
			consecutiveFailures: 0,
			reportedState: 'down',
		});
		expect(await recordCheck(store, outcome(true), limits)).toMatchObject({
			reportedState: 'up',
			stateChanged: true,
		});
		const saved = await getServiceStatus(store, outcome(true).serviceKey);
		expect(saved).toMatchObject({ lastStatusCode: 200, reportedState: 'up', consecutiveSuccesses: 2 });
	});

	it('keeps the last status code and check time', async () => {
		store = await openTestStore(backend);
		await recordCheck(
			store,
			outcome(false, { statusCode: -1, checkedAt: '2026-11-23T11:00:00.000Z' }),
			thresholds,
		);
		expect(await getServiceStatus(store, outcome(true).serviceKey)).toMatchObject({
			lastStatusCode: -1,
			lastCheckAt: '2026-11-23T11:00:00.000Z',
			reportedState: 'down',
		});
	});

	it('loses no count when one process records many checks of a service at once', async () => {
		store = await openTestStore(backend);
		const limits = { failureThreshold: 25, successThreshold: 1 };
		const states = await Promise.all(
			Array.from({ length: 25 }, () => recordCheck(store, outcome(false), limits)),
		);
		expect((await getServiceStatus(store, outcome(false).serviceKey))?.consecutiveFailures).toBe(25);
		expect(states.filter((state) => state.stateChanged)).toHaveLength(1);
	});
});

describe('StateStore on sqlite only', () => {
	let dir: string;
	beforeEach(() => {
		dir = tempDir();
	});

	it('creates the folder and uses WAL mode', async () => {
		const store = SqliteStore.open(path.join(dir, 'nested', 'state.sqlite'));
		expect((await store.get('PRAGMA journal_mode'))?.journal_mode).toBe('wal');
		await store.close();
	});

	it('gives a clear error naming the path for a corrupt file', () => {
		const file = path.join(dir, 'corrupt.sqlite');
		fs.writeFileSync(file, 'this is not a database, just some text '.repeat(200));
		let caught: unknown;
		try {
			SqliteStore.open(file);
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
		expect(() => SqliteStore.open(file)).toThrow(new RegExp(`${file.replace(/[.]/g, '\\.')}`));
		expect(() => SqliteStore.open(file)).toThrow(StoreError);
	});
});
