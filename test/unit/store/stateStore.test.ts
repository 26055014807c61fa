import fs from 'node:fs';
import path from 'node:path';

import { MIGRATIONS } from '../../../nodes/shared/store/migrations';
import {
	getServiceStatus,
	recordCheck,
	recordChecks,
	type CheckToRecord,
} from '../../../nodes/shared/store/serviceStatus';
import { SqliteStore } from '../../../nodes/shared/store/sqliteStore';
import { StoreError, type StateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import {
	BACKENDS,
	countRows,
	freshStoreOption,
	openStoreAt,
	openTestStore,
} from '../../support/stores';

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
		expect(saved).toMatchObject({
			lastStatusCode: 200,
			reportedState: 'up',
			consecutiveSuccesses: 2,
		});
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
		expect((await getServiceStatus(store, outcome(false).serviceKey))?.consecutiveFailures).toBe(
			25,
		);
		expect(states.filter((state) => state.stateChanged)).toHaveLength(1);
	});

	/** A run of `count` services (every third failing, two threshold settings), some listed twice. */
	function run(
		count: number,
		twice: number,
		ok = (index: number) => index % 3 !== 0,
	): CheckToRecord[] {
		const checks = Array.from({ length: count }, (_, index) => ({
			outcome: outcome(ok(index), {
				serviceKey: `srv-${index}|https://example.test/${index}`,
				url: `https://example.test/${index}`,
			}),
			thresholds: index % 2 ? thresholds : { failureThreshold: 2, successThreshold: 2 },
		}));
		return [...checks, ...checks.slice(0, twice)];
	}

	it('records a run in a few statements, with the states one check at a time would give', async () => {
		store = await openTestStore(backend);
		const one = await openTestStore(backend);
		try {
			let statements = 0;
			const counted = new Proxy(store, {
				get(target, name, receiver) {
					const value = Reflect.get(target, name, receiver);
					if (!['get', 'all', 'run', 'transaction'].includes(String(name))) return value;
					return (...args: unknown[]) => {
						statements++;
						return (value as (...a: unknown[]) => unknown).apply(target, args);
					};
				},
			});
			for (const ok of [(index: number) => index % 3 !== 0, (index: number) => index % 5 !== 0]) {
				const checks = run(1_100, 150, ok);
				statements = 0;
				const batched = await recordChecks(counted, checks);
				// Two threshold settings, 1,100 services: 2 x 2 statements, then the services listed twice.
				expect(statements).toBeLessThanOrEqual(8);
				const single = [];
				for (const { outcome: check, thresholds: limits } of checks) {
					single.push(await recordCheck(one, check, limits));
				}
				expect(batched).toEqual(single);
			}
			const key = 'srv-0|https://example.test/0';
			expect(await getServiceStatus(store, key)).toEqual(await getServiceStatus(one, key));
		} finally {
			await one.close();
		}
	});

	it('loses no count when two runs record the same services at once', async () => {
		store = await openTestStore(backend);
		// One statement each, over rows that exist.
		const checks = run(400, 0, () => false).map((check) => ({ ...check, thresholds }));
		await recordChecks(store, checks);
		for (let round = 0; round < 3; round++) {
			await Promise.all([recordChecks(store, checks), recordChecks(store, [...checks].reverse())]);
		}
		for (const index of [0, 199, 399]) {
			const saved = await getServiceStatus(store, `srv-${index}|https://example.test/${index}`);
			expect(saved?.consecutiveFailures).toBe(7);
		}
	});
});

describe('StateStore on postgres only', () => {
	it('two runs sharing services, in opposite orders, wait for each other without deadlock', async () => {
		const store = await openTestStore('postgres');
		const checks = Array.from({ length: 300 }, (_, index) => ({
			outcome: outcome(false, { serviceKey: `srv-${String(index).padStart(3, '0')}` }),
			thresholds,
		}));
		await recordChecks(store, checks);
		// A transaction holds the middle service, so both runs stop there, having locked the services they
		// reached first; when it ends, runs that took their services in opposite orders would deadlock.
		let runs: Promise<unknown> | undefined;
		await store.transaction(async (tx) => {
			await tx.get(
				'SELECT service_key FROM service_status WHERE service_key = ? FOR UPDATE',
				'srv-150',
			);
			runs = Promise.all([recordChecks(store, checks), recordChecks(store, [...checks].reverse())]);
			runs.catch(() => undefined);
			const deadline = Date.now() + 30_000;
			for (;;) {
				const row = await store.get(
					"SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO service_status%'",
				);
				if (Number(row?.waiting) >= 2) break;
				if (Date.now() > deadline)
					throw new Error('the two runs never both waited for the held service');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		});
		await runs;
		for (const key of ['srv-000', 'srv-150', 'srv-299']) {
			expect((await getServiceStatus(store, key))?.consecutiveFailures).toBe(3);
		}
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
