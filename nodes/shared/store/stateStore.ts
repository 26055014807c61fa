import { openPostgresStore } from './postgresStore';
import { openSqliteStore } from './sqliteStore';
import { resolveStoreTarget, type StoreTarget } from './storePath';
import { moveDefaultSqliteStore } from './moveSqliteStore';
import { describeStore, type Logger, type StateStore } from './types';

export * from './types';

interface Registry {
	stores: Map<string, Promise<StateStore>>;
	announced: Set<string>;
}

/**
 * Each node is its own bundle with its own copy of this module, so the open stores (and with them the
 * one PostgreSQL pool per database) are kept on globalThis, shared by every bundle of this package.
 */
const REGISTRY = Symbol.for('n8n-nodes-odoo-maintenance.stateStores');

function registry(): Registry {
	const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
	let found = holder[REGISTRY];
	if (!found) {
		found = { stores: new Map(), announced: new Set() };
		holder[REGISTRY] = found;
		// An idle pool never keeps the process alive; when the process is about to exit, close it.
		process.once('beforeExit', () => void closeAllStateStores());
	}
	return found;
}

/**
 * The process-wide store selected by the node option or the environment (see resolveStoreTarget),
 * opened and migrated on first use, and logged once per process with its backend and location.
 */
export async function getStateStore(
	option?: string,
	logger?: Logger,
	env: Record<string, string | undefined> = process.env,
): Promise<StateStore> {
	const target = resolveStoreTarget(option, env);
	const { stores, announced } = registry();
	let pending = stores.get(target.key);
	if (!pending) {
		pending = openTarget(target, env, logger);
		stores.set(target.key, pending);
		pending.catch(() => stores.delete(target.key));
	}
	const opened = await pending;
	const store = await opened.current();
	if (store !== opened) stores.set(target.key, Promise.resolve(store));
	if (logger && !announced.has(target.key)) {
		announced.add(target.key);
		const { backend, location } = describeStore(store);
		logger.info(
			`Odoo maintenance nodes: state store is ${backend} at ${location} (${target.reason})`,
		);
	}
	return store;
}

function openTarget(
	target: StoreTarget,
	env: Record<string, string | undefined>,
	logger?: Logger,
): Promise<StateStore> {
	if (target.kind === 'sqlite') return Promise.resolve(openSqliteStore(target.path));
	return openPostgresStore(target.postgres).then(async (store) => {
		try {
			await moveDefaultSqliteStore(store, env, logger);
		} catch (error) {
			await store.close();
			throw error;
		}
		return store;
	});
}

export async function closeAllStateStores(): Promise<void> {
	const { stores, announced } = registry();
	const open = [...stores.values()];
	stores.clear();
	announced.clear();
	await Promise.all(
		open.map((pending) => pending.then((store) => store.close()).catch(() => undefined)),
	);
}
