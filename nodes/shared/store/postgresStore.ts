import { Pool, type PoolClient } from 'pg';

import { toPostgres } from './dialect';
import { MIGRATIONS, newerSchemaError } from './migrations';
import type { PostgresTarget } from './storePath';
import { StoreError, type Queries, type Row, type SqlValue, type StateStore } from './types';

/** Connections per process and database: executions mostly hold one for a few milliseconds. */
const POOL_SIZE = 4;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The shared store: the package's own schema in a PostgreSQL database, for every process on every host
 * that points at it. Transactions run at READ COMMITTED; what must not interleave across processes is
 * serialised with row locks (SELECT … FOR UPDATE), INSERT … ON CONFLICT, or, where the row may not exist
 * yet, a transaction-level advisory lock (`lock`). A connection lost mid-transaction rolls it back on the
 * server: nothing half-done is kept.
 */
export class PostgresStore implements StateStore {
	readonly dialect = 'postgres' as const;
	readonly location: string;
	private readonly queries: Queries;

	constructor(
		private readonly pool: Pool,
		private readonly target: PostgresTarget,
	) {
		this.location = target.location;
		this.queries = this.on(pool);
	}

	async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
		const client = await this.connect();
		let broken: Error | undefined;
		// A connection closed while the work awaits something else is reported on the client: without a
		// listener that would crash n8n. The next statement fails with it, and the client is dropped.
		const lost = (error: Error) => (broken = error);
		client.on('error', lost);
		try {
			await this.query(client, 'BEGIN');
			const result = await work(this.on(client));
			await this.query(client, 'COMMIT');
			return result;
		} catch (error) {
			if (!broken)
				await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
			throw error;
		} finally {
			client.off('error', lost);
			client.release(broken);
		}
	}

	get(sql: string, ...params: SqlValue[]): Promise<Row | undefined> {
		return this.queries.get(sql, ...params);
	}

	all(sql: string, ...params: SqlValue[]): Promise<Row[]> {
		return this.queries.all(sql, ...params);
	}

	run(sql: string, ...params: SqlValue[]): Promise<number> {
		return this.queries.run(sql, ...params);
	}

	/** Outside a transaction an advisory lock would end with its statement: only `tx.lock` means something. */
	lock(): Promise<void> {
		return Promise.reject(new Error('lock() needs a transaction'));
	}

	async schemaVersion(): Promise<number> {
		const row = await this.get('SELECT version FROM store_schema');
		return Number(row?.version ?? 0);
	}

	async current(): Promise<StateStore> {
		return this;
	}

	async close(): Promise<void> {
		if (this.pool.ending) return;
		await this.pool.end();
	}

	/**
	 * Creates the schema and applies the missing migrations, all in one transaction under an advisory
	 * lock, so processes starting together migrate once and a failure leaves nothing half-migrated.
	 */
	async migrate(): Promise<void> {
		const { schema } = this.target;
		await this.transaction(async (tx) => {
			await tx.get(
				'SELECT pg_advisory_xact_lock(hashtext(?))',
				`n8n-nodes-odoo-maintenance:${schema}`,
			);
			try {
				// Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE right even when the schema exists.
				if (!(await tx.get('SELECT 1 AS found FROM pg_namespace WHERE nspname = ?', schema))) {
					await tx.run(`CREATE SCHEMA ${schema}`);
				}
				const versioned = await tx.get("SELECT to_regclass('store_schema') IS NOT NULL AS found");
				if (!versioned?.found) await tx.run('CREATE TABLE store_schema (version INTEGER NOT NULL)');
			} catch (error) {
				throw permissionError(error, this.target) ?? error;
			}
			const from = Number((await tx.get('SELECT version FROM store_schema'))?.version ?? 0);
			if (from > MIGRATIONS.length) throw newerSchemaError(this.location, from);
			if (from === MIGRATIONS.length) return;
			try {
				for (let version = from; version < MIGRATIONS.length; version++) {
					await tx.run(toPostgres(MIGRATIONS[version]));
				}
			} catch (error) {
				throw permissionError(error, this.target) ?? error;
			}
			await tx.run('DELETE FROM store_schema');
			await tx.run('INSERT INTO store_schema (version) VALUES (?)', MIGRATIONS.length);
		});
	}

	private on(runner: Pool | PoolClient): Queries {
		return {
			get: async (sql, ...params) => (await this.query(runner, toPostgres(sql), params)).rows[0],
			all: async (sql, ...params) => (await this.query(runner, toPostgres(sql), params)).rows,
			run: async (sql, ...params) =>
				(await this.query(runner, toPostgres(sql), params)).rowCount ?? 0,
			lock: async (name) => {
				await this.query(runner, 'SELECT pg_advisory_xact_lock(hashtext($1))', [name]);
			},
		};
	}

	private async query(runner: Pool | PoolClient, sql: string, params: SqlValue[] = []) {
		try {
			return await runner.query<Row>(sql, params);
		} catch (error) {
			throw storeErrorOf(error, this.target);
		}
	}

	private async connect(): Promise<PoolClient> {
		try {
			return await this.pool.connect();
		} catch (error) {
			throw storeErrorOf(error, this.target);
		}
	}
}

/** A pool for the target, the schema migrated; fails with a StoreError saying what to do. */
export async function openPostgresStore(target: PostgresTarget): Promise<PostgresStore> {
	const pool = new Pool({
		...target.connection,
		options: `-c search_path=${target.schema}`,
		application_name: 'n8n-nodes-odoo-maintenance',
		max: POOL_SIZE,
		idleTimeoutMillis: 10_000,
		connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
		keepAlive: true,
		// An idle pool never keeps n8n (or a script) from exiting.
		allowExitOnIdle: true,
	});
	// An idle connection closed by the server (restart, failover) is dropped; the next query reconnects.
	pool.on('error', () => undefined);
	const store = new PostgresStore(pool, target);
	try {
		await store.migrate();
	} catch (error) {
		await pool.end().catch(() => undefined);
		throw error;
	}
	return store;
}

const UNREACHABLE = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);
const CONNECTION_LOST =
	/Connection terminated|ECONNRESET|EPIPE|terminating connection|Client has encountered a connection error|timeout exceeded when trying to connect/i;

/** A node-postgres failure as a StoreError naming host, database and user (never the password) and the fix. */
export function storeErrorOf(error: unknown, target: PostgresTarget): Error {
	if (error instanceof StoreError) return error;
	const code = String((error as { code?: unknown })?.code ?? '');
	const message = error instanceof Error ? error.message : String(error);
	const where = `PostgreSQL at ${target.host} (database ${target.database})`;
	let text: string;
	if (UNREACHABLE.has(code) || /timeout exceeded when trying to connect/i.test(message)) {
		text =
			`The state store cannot reach ${where}: ${message}. Check that the server runs and that the ` +
			'host and port of the store URL (or DB_POSTGRESDB_HOST/PORT) are right.';
	} else if (code === '28P01' || code === '28000') {
		text =
			`${where} refused the login of user "${target.user}" (${message}). Check the password and ` +
			"that the server's pg_hba.conf lets this user connect to this database.";
	} else if (code === '3D000') {
		text = `The state store's database does not exist on ${where}: create it, or fix the database name.`;
	} else if (code.startsWith('08') || code.startsWith('57P') || CONNECTION_LOST.test(message)) {
		text =
			`The connection to ${where} was lost (${message}). Nothing of the change in progress was ` +
			'committed; the next run retries it.';
	} else {
		text = `The state store ${target.location} failed: ${message}`;
	}
	return new StoreError(text, target.location, error);
}

function permissionError(error: unknown, target: PostgresTarget): StoreError | undefined {
	const cause = (error as StoreError)?.cause ?? error;
	if (String((cause as { code?: unknown })?.code) !== '42501') return undefined;
	const { schema, user, database } = target;
	return new StoreError(
		`The PostgreSQL user "${user}" may not create the state store's schema "${schema}" or its tables in ` +
			`database ${database} (${(cause as Error).message}). As the database owner, run ` +
			`"CREATE SCHEMA ${schema} AUTHORIZATION ${user};" (or "GRANT CREATE ON DATABASE ${database} TO ${user};"), ` +
			'then run the workflow again. Nothing was created.',
		target.location,
		cause,
	);
}
