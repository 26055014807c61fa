import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

import { statOrNull, storePathProblem } from './checkStorePath';
import { MIGRATIONS } from './migrations';
import { resolveStorePath } from './storePath';

/** A store failure that names the database file, so users know what to move, fix or free. */
export class StoreError extends Error {
	constructor(
		message: string,
		readonly storePath: string,
		readonly cause?: unknown,
	) {
		super(message);
		this.name = 'StoreError';
	}
}

export type Row = Record<string, SQLInputValue>;

const BUSY_TIMEOUT_MS = 10_000;

/**
 * The embedded state store shared by every node, workflow and process on the host: one SQLite file in WAL
 * mode. Writes go through `transaction`, which takes SQLite's write lock up front (BEGIN IMMEDIATE), so a
 * read-modify-write from two processes never interleaves and a crash leaves either all or nothing.
 */
export class StateStore {
	private readonly statements = new Map<string, StatementSync>();

	/** Device and inode of the file opened, to notice when the path names another file (or none). */
	private readonly identity: FileIdentity | null;

	private constructor(
		readonly path: string,
		private readonly db: DatabaseSync,
	) {
		this.identity = identityOf(path);
	}

	static open(storePath: string): StateStore {
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
		const store = new StateStore(storePath, db);
		try {
			db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
			store.migrate();
		} catch (error) {
			db.close();
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

	get schemaVersion(): number {
		return Number(this.get('PRAGMA user_version')?.user_version ?? 0);
	}

	/** Runs `work` in one write transaction: committed when it returns, rolled back when it throws. */
	transaction<T>(work: () => T): T {
		if (this.db.isTransaction) return work();
		this.db.exec('BEGIN IMMEDIATE');
		try {
			const result = work();
			this.db.exec('COMMIT');
			return result;
		} catch (error) {
			if (this.db.isTransaction) this.db.exec('ROLLBACK');
			throw error;
		}
	}

	get(sql: string, ...params: SQLInputValue[]): Row | undefined {
		return this.statement(sql).get(...params) as Row | undefined;
	}

	all(sql: string, ...params: SQLInputValue[]): Row[] {
		return this.statement(sql).all(...params) as Row[];
	}

	run(sql: string, ...params: SQLInputValue[]): { changes: number; lastInsertRowid: number } {
		const result = this.statement(sql).run(...params);
		return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
	}

	close(): void {
		this.statements.clear();
		if (this.db.isOpen) this.db.close();
	}

	/** Whether the path still names the file this store has open. */
	fileStatus(): 'same' | 'missing' | 'replaced' {
		const now = identityOf(this.path);
		if (!now) return 'missing';
		return this.identity && now.dev === this.identity.dev && now.ino === this.identity.ino
			? 'same'
			: 'replaced';
	}

	/**
	 * The store file was deleted while open: its content still lives in the open (deleted) file, so
	 * it is copied back to the path (VACUUM INTO, a consistent snapshot) before the store is opened
	 * again. Closing first checkpoints and removes the old `-wal`/`-shm` files, which must not be
	 * replayed into the restored one. When another process restored it first, that file is kept.
	 */
	restoreDeletedFile(): StateStore {
		const copy = `${this.path}.restore-${process.pid}-${Date.now()}`;
		try {
			this.db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
			this.close();
			if (!identityOf(this.path)) fs.renameSync(copy, this.path);
		} catch (error) {
			throw new StoreError(
				`The state store ${this.path} was deleted while n8n was running and could not be restored (${messageOf(error)}). Nothing was recorded.`,
				this.path,
				error,
			);
		} finally {
			fs.rmSync(copy, { force: true });
		}
		return StateStore.open(this.path);
	}

	private statement(sql: string): StatementSync {
		let statement = this.statements.get(sql);
		if (!statement) {
			statement = this.db.prepare(sql);
			this.statements.set(sql, statement);
		}
		return statement;
	}

	private migrate(): void {
		if (this.schemaVersion >= MIGRATIONS.length) return;
		this.transaction(() => {
			// Re-read inside the lock: another process may have migrated meanwhile.
			for (let version = this.schemaVersion; version < MIGRATIONS.length; version++) {
				this.db.exec(MIGRATIONS[version]);
				this.db.exec(`PRAGMA user_version = ${version + 1}`);
			}
		});
	}
}

const openStores = new Map<string, StateStore>();

/**
 * The process-wide store for a path (see resolveStorePath), opened and migrated on first use. Each
 * call checks that the path still names the open file: a store deleted meanwhile is restored from
 * the open copy, one replaced by another file is reopened, so no run writes into a file that is gone.
 */
export function getStateStore(option?: string): StateStore {
	const storePath = resolveStorePath(option);
	let store = openStores.get(storePath);
	if (store) {
		const status = store.fileStatus();
		if (status === 'missing') {
			openStores.delete(storePath);
			store = store.restoreDeletedFile();
			openStores.set(storePath, store);
		} else if (status === 'replaced') {
			openStores.delete(storePath);
			store.close();
			store = undefined;
		}
	}
	if (!store) {
		store = StateStore.open(storePath);
		openStores.set(storePath, store);
	}
	return store;
}

export function closeAllStateStores(): void {
	for (const store of openStores.values()) store.close();
	openStores.clear();
}

interface FileIdentity {
	dev: number;
	ino: number;
}

function identityOf(file: string): FileIdentity | null {
	const stats = statOrNull(file);
	return stats && { dev: stats.dev, ino: stats.ino };
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
