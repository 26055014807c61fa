/**
 * The asynchronous store interface the history is written against (the shape of the SQLite/PostgreSQL
 * StateStore), and an adapter over the synchronous SQLite store until that store is asynchronous.
 */
import type { StateStore as SyncStateStore } from '../store/stateStore';

export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

export interface Queries {
	get(sql: string, ...params: SqlValue[]): Promise<Row | undefined>;
	all(sql: string, ...params: SqlValue[]): Promise<Row[]>;
	run(sql: string, ...params: SqlValue[]): Promise<number>;
	lock(name: string): Promise<void>;
}

export interface HistoryStore extends Queries {
	transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
}

export function asyncStore(store: SyncStateStore): HistoryStore {
	const queries: Queries = {
		get: async (sql, ...params) => store.get(sql, ...params),
		all: async (sql, ...params) => store.all(sql, ...params),
		run: async (sql, ...params) => store.run(sql, ...params).changes,
		lock: async () => undefined,
	};
	return {
		...queries,
		async transaction(work) {
			store.run('BEGIN IMMEDIATE');
			try {
				const result = await work(queries);
				store.run('COMMIT');
				return result;
			} catch (error) {
				store.run('ROLLBACK');
				throw error;
			}
		},
	};
}
