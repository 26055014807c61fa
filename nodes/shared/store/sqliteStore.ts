import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';

import { statOrNull, storePathProblem } from './checkStorePath';
import { toSqlite } from './dialect';
import { MIGRATIONS, newerSchemaError } from './migrations';
import { StoreError, type Queries, type Row, type SqlValue, type StateStore } from './types';

const BUSY_TIMEOUT_MS = 10_000;

/**
 * The embedded store: one SQLite file in WAL mode, shared by the processes of one host (never over a
 * network file system, whose locks SQLite cannot rely on). A transaction takes SQLite's write lock up
 * front (BEGIN IMMEDIATE), so a read-modify-write from two processes never interleaves and a crash
 * leaves all or nothing. Within the process, one connection serves every execution: statements and
 * transactions take turns (`exclusive`), so an execution's statement never lands inside another's
 * transaction while that one awaits.
 */
export class SqliteStore implements StateStore {
	readonly dialect = 'sqlite' as const;
	private readonly statements = new Map<string, StatementSync>();
	private turn: Promise<unknown> = Promise.resolve();
	/** Device and inode of the file opened, to notice when the path names another file (or none). */
	private readonly identity: FileIdentity | null;
	private readonly queries: Queries;

	private constructor(
		readonly location: string,
		private readonly db: DatabaseSync,
	) {
		this.identity = identityOf(location);
		this.queries = {
			get: async (sql, ...params) => this.statement(sql).get(...params) as Row | undefined,
			all: async (sql, ...params) => this.statement(sql).all(...params) as Row[],
			run: async (sql, ...params) => Number(this.statement(sql).run(...params).changes),
			lock: async () => undefined,
		};
	}

	static open(storePath: string): SqliteStore {
		const problem = storePathProblem(path.resolve(storePath));
		if (problem) {
			throw new StoreError(
				`The state store path ${storePath} cannot be used: ${problem}. Choose a file in a regular folder.`,
				storePath,
			);
		}
		try {
			fs.mkdirSync(path.dirname(storePath), { recursive: true });
		} catch (error) {
			throw new StoreError(
				`Cannot create the folder of the state store ${storePath}: ${messageOf(error)}`,
				storePath,
				error,
			);
		}
		let db: DatabaseSync;
		try {
			db = new DatabaseSync(storePath, { timeout: BUSY_TIMEOUT_MS });
		} catch (error) {
			throw new StoreError(
				`Cannot open the state store ${storePath}: ${messageOf(error)}`,
				storePath,
				error,
			);
		}
		const store = new SqliteStore(storePath, db);
		try {
			db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
			store.migrate();
		} catch (error) {
			db.close();
			if (error instanceof StoreError) throw error;
			throw new StoreError(
				`The state store ${storePath} is unreadable or not a SQLite database (${messageOf(error)}). ` +
					'Move the file away to start with an empty store, or point the store path option or ' +
					'N8N_ODOO_MAINTENANCE_STORE at another file.',
				storePath,
				error,
			);
		}
		return store;
	}

	get path(): string {
		return this.location;
	}

	async schemaVersion(): Promise<number> {
		return this.userVersion();
	}

	transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
		return this.exclusive(async () => {
			this.db.exec('BEGIN IMMEDIATE');
			try {
				const result = await work(this.queries);
				this.db.exec('COMMIT');
				return result;
			} catch (error) {
				if (this.db.isTransaction) this.db.exec('ROLLBACK');
				throw error;
			}
		});
	}

	get(sql: string, ...params: SqlValue[]): Promise<Row | undefined> {
		return this.exclusive(() => this.queries.get(sql, ...params));
	}

	all(sql: string, ...params: SqlValue[]): Promise<Row[]> {
		return this.exclusive(() => this.queries.all(sql, ...params));
	}

	run(sql: string, ...params: SqlValue[]): Promise<number> {
		return this.exclusive(() => this.queries.run(sql, ...params));
	}

	lock(): Promise<void> {
		return Promise.resolve();
	}

	async close(): Promise<void> {
		await this.turn;
		this.closeNow();
	}

	/**
	 * The store for this path now. A file deleted while open still lives in the open (deleted) file: it
	 * is copied back to the path (VACUUM INTO, a consistent snapshot) before the store is opened again;
	 * closing first checkpoints and removes the old `-wal`/`-shm` files, which must not be replayed into
	 * the restored one. When another process restored it first, that file is kept. A file replaced by
	 * another one is reopened, so no run writes into a file that is gone.
	 */
	async current(): Promise<StateStore> {
		const now = identityOf(this.location);
		if (now && this.identity && now.dev === this.identity.dev && now.ino === this.identity.ino) {
			return this;
		}
		await this.turn;
		if (!now) this.restoreDeletedFile();
		this.closeNow();
		return SqliteStore.open(this.location);
	}

	private restoreDeletedFile(): void {
		const copy = `${this.location}.restore-${process.pid}-${Date.now()}`;
		try {
			this.db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
			this.closeNow();
			if (!identityOf(this.location)) fs.renameSync(copy, this.location);
		} catch (error) {
			throw new StoreError(
				`The state store ${this.location} was deleted while n8n was running and could not be restored (${messageOf(error)}). Nothing was recorded.`,
				this.location,
				error,
			);
		} finally {
			fs.rmSync(copy, { force: true });
		}
	}

	private closeNow(): void {
		this.statements.clear();
		if (this.db.isOpen) this.db.close();
	}

	/** Runs `work` after every earlier statement or transaction of this connection has finished. */
	private exclusive<T>(work: () => Promise<T>): Promise<T> {
		const result = this.turn.then(work);
		this.turn = result.catch(() => undefined);
		return result;
	}

	private statement(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(toSqlite(sql));
			this.statements.set(sql, statement);
		}
		return statement;
	}

	private userVersion(): number {
		return Number((this.db.prepare('PRAGMA user_version').get() as Row).user_version ?? 0);
	}

	private migrate(): void {
		if (this.userVersion() === MIGRATIONS.length) return;
		this.db.exec('BEGIN IMMEDIATE');
		try {
			// Read inside the lock: another process may have migrated meanwhile.
			const from = this.userVersion();
			if (from > MIGRATIONS.length) throw newerSchemaError(this.location, from);
			for (let version = from; version < MIGRATIONS.length; version++) {
				this.db.exec(toSqlite(MIGRATIONS[version]));
				this.db.exec(`PRAGMA user_version = ${version + 1}`);
			}
			this.db.exec('COMMIT');
		} catch (error) {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
			throw error;
		}
	}
}

export function openSqliteStore(storePath: string): SqliteStore {
	return SqliteStore.open(storePath);
}

interface FileIdentity {
	dev: number;
	ino: number;
}

function identityOf(file: string): FileIdentity | null {
	const stats = statOrNull(file);
	return stats && { dev: stats.dev, ino: stats.ino };
}

export function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
