/**
 * The two store backends for the contract tests: every store-dependent test runs on SQLite (a file in a
 * temp folder) and on PostgreSQL (a schema of its own on the server test/support/postgresGlobalSetup
 * started for the run). Without that server the PostgreSQL half fails, saying why: it never skips.
 */
import crypto from 'node:crypto';
import path from 'node:path';

import { openPostgresStore } from '../../nodes/shared/store/postgresStore';
import { SqliteStore } from '../../nodes/shared/store/sqliteStore';
import { postgresFromUrl } from '../../nodes/shared/store/storePath';
import { closeAllStateStores, type StateStore } from '../../nodes/shared/store/stateStore';
import { tempDir } from './bundle';

export type Backend = 'sqlite' | 'postgres';
/** Every table that holds state. */
export const STATE_TABLES = [
	'maintenance_windows',
	'maintenance_requests',
	'pending_failures',
	'notification_outbox',
	'service_status',
	'ip_state',
	'history_services',
	'history_raw',
	'history_hourly',
	'history_daily',
	'history_summary',
];
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export const TEST_PG_URL_ENV = 'ODOO_MAINT_TEST_PG_URL';
export const TEST_PG_ERROR_ENV = 'ODOO_MAINT_TEST_PG_ERROR';

/** The test server's URL (no schema), or a loud failure when it could not be started. */
export function testPostgresUrl(): string {
	const url = process.env[TEST_PG_URL_ENV];
	if (url) return url;
	throw new Error(
		`No PostgreSQL for the store tests: ${process.env[TEST_PG_ERROR_ENV] ?? 'the jest globalSetup (test/support/postgresGlobalSetup.mjs) did not run'}. ` +
			'The PostgreSQL half of the store tests cannot pass without it; see scripts/lib/postgres.mjs.',
	);
}

/** A URL naming a new, empty schema on the test server: a store of its own. */
export function freshPostgresUrl(): string {
	const url = new URL(testPostgresUrl());
	url.searchParams.set('schema', `t_${crypto.randomBytes(6).toString('hex')}`);
	return url.toString();
}

/** What to put in a node's State Store option (or N8N_ODOO_MAINTENANCE_STORE) for a fresh store. */
export function freshStoreOption(backend: Backend): string {
	return backend === 'sqlite' ? path.join(tempDir(), 'state.sqlite') : freshPostgresUrl();
}

const opened: StateStore[] = [];

/** Opens a store at an option made by freshStoreOption (same place, another connection). */
export async function openStoreAt(option: string): Promise<StateStore> {
	const store = /^postgres(ql)?:/.test(option)
		? await openPostgresStore(postgresFromUrl(option))
		: SqliteStore.open(option);
	opened.push(store);
	return store;
}

// Every test file that uses these stores closes them (and the stores its nodes opened) at its end, so
// no PostgreSQL pool outlives its file.
afterAll(async () => {
	await Promise.all(opened.splice(0).map((store) => store.close().catch(() => undefined)));
	await closeAllStateStores();
});

export async function openTestStore(backend: Backend): Promise<StateStore> {
	return openStoreAt(freshStoreOption(backend));
}

/** Counts rows with a query both dialects accept (PostgreSQL returns count(*) as text). */
export async function countRows(
	store: StateStore,
	table: string,
	where = '1 = 1',
): Promise<number> {
	return Number((await store.get(`SELECT count(*) AS n FROM ${table} WHERE ${where}`))?.n);
}
