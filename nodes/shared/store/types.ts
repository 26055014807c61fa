import type { Dialect } from './dialect';

export type Row = Record<string, unknown>;
export type SqlValue = string | number | null;

/**
 * A store failure that names where the state lives (a file, or PostgreSQL's host and database, never a
 * password) and what to do, so users know what to move, fix or free.
 */
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

/** A StoreError, also one thrown by the store code of another node bundle (another class object). */
export function isStoreError(error: unknown): error is StoreError {
	return error instanceof Error && error.name === 'StoreError' && 'storePath' in error;
}

/** Statements, in a transaction or each on its own. SQL is written once for both dialects (dialect.ts). */
export interface Queries {
	get(sql: string, ...params: SqlValue[]): Promise<Row | undefined>;
	all(sql: string, ...params: SqlValue[]): Promise<Row[]>;
	/** Returns the number of rows changed. */
	run(sql: string, ...params: SqlValue[]): Promise<number>;
	/**
	 * Serialises, until the end of the transaction, every transaction that takes the same `name`: for
	 * read-then-insert where no row exists yet to lock (PostgreSQL: a transaction-level advisory lock;
	 * SQLite: the write lock every transaction already holds).
	 */
	lock(name: string): Promise<void>;
}

/**
 * The state shared by every node, workflow and process that points at the same place: a SQLite file
 * (one host) or a PostgreSQL database (every host of a queue-mode cluster). Same schema, migrations and
 * guarantees: `transaction` commits everything `work` did when it resolves, nothing when it throws.
 */
export interface StateStore extends Queries {
	readonly dialect: Dialect;
	/** Where the state lives, for logs and errors: a file path, or `postgresql://user@host:port/db (schema s)`. */
	readonly location: string;
	transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
	schemaVersion(): Promise<number>;
	/** The store to use now: a SQLite file deleted or replaced meanwhile is restored or reopened. */
	current(): Promise<StateStore>;
	close(): Promise<void>;
}

/** What the nodes show and log about the store that answered. */
export interface StoreDescription {
	backend: 'SQLite' | 'PostgreSQL';
	location: string;
}

export function describeStore(store: StateStore): StoreDescription {
	return {
		backend: store.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite',
		location: store.location,
	};
}

export interface Logger {
	info(message: string): void;
	warn?(message: string): void;
}
