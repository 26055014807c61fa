import fs from 'node:fs';
import os from 'node:os';

import { SqliteStore } from './sqliteStore';
import { defaultSqlitePath } from './storePath';
import type { Logger, SqlValue, StateStore } from './types';

/** Every table with state, and how a row that already exists in the target is treated (kept). */
const TABLES = [
	'maintenance_windows',
	'maintenance_requests',
	'pending_failures',
	'notification_outbox',
	'service_status',
	'ip_state',
] as const;

export type MoveCounts = Record<(typeof TABLES)[number], number>;

export interface MoveResult {
	source: string;
	/** Rows copied per table (rows whose key the target already had are kept as they are there). */
	counts: MoveCounts;
	/** Where the SQLite file was renamed to, so it is never moved again (null when it was kept). */
	renamedTo: string | null;
}

/**
 * Copies the state of a SQLite store (windows, requests, pending failures, outbox, statuses, IP state)
 * into `target`, in one transaction, once per file: a file already moved (recorded in store_imports by
 * host and path) is not copied again. Rows keep their content but get the target's ids; a row whose key
 * (request of the day, outbox idempotency key, service, IP scope) the target already has is left as the
 * target has it. The file is then renamed to `<file>.moved-to-postgresql` unless `keepFile`.
 */
export async function moveSqliteStore(
	sqlitePath: string,
	target: StateStore,
	options: { keepFile?: boolean } = {},
): Promise<MoveResult | null> {
	const source = `${os.hostname()}:${fs.realpathSync(sqlitePath)}`;
	const sqlite = SqliteStore.open(sqlitePath);
	let counts: MoveCounts | null;
	try {
		const rows = new Map<string, Record<string, unknown>[]>();
		for (const table of TABLES)
			rows.set(table, await sqlite.all(`SELECT * FROM ${table} ORDER BY 1`));
		counts = await target.transaction(async (tx) => {
			await tx.lock('n8n-nodes-odoo-maintenance:move-sqlite');
			if (await tx.get('SELECT source FROM store_imports WHERE source = ?', source)) return null;
			const copied = {} as MoveCounts;
			for (const table of TABLES) {
				copied[table] = 0;
				for (const row of rows.get(table) ?? []) {
					const columns = Object.keys(row).filter((column) => column !== 'id');
					copied[table] += await tx.run(
						`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
						ON CONFLICT DO NOTHING`,
						...columns.map((column) => row[column] as SqlValue),
					);
				}
			}
			await tx.run(
				'INSERT INTO store_imports (source, imported_at, counts) VALUES (?, ?, ?)',
				source,
				new Date().toISOString(),
				JSON.stringify(copied),
			);
			return copied;
		});
	} finally {
		await sqlite.close();
	}
	if (!counts) return null;
	let renamedTo: string | null = null;
	if (!options.keepFile) {
		renamedTo = `${sqlitePath}.moved-to-postgresql`;
		if (fs.existsSync(renamedTo)) renamedTo = `${renamedTo}-${Date.now()}`;
		fs.renameSync(sqlitePath, renamedTo);
	}
	return { source, counts, renamedTo };
}

/**
 * When PostgreSQL is selected and this host still has a SQLite store in the n8n user folder (the
 * default before), its state moves into PostgreSQL once, logged, so switching orphans nothing.
 */
export async function moveDefaultSqliteStore(
	target: StateStore,
	env: Record<string, string | undefined>,
	logger?: Logger,
): Promise<MoveResult | null> {
	const file = defaultSqlitePath(env);
	if (!fs.existsSync(file)) return null;
	const result = await moveSqliteStore(file, target);
	if (result) logger?.info(describeMove(result, target.location));
	return result;
}

export function describeMove(result: MoveResult, location: string): string {
	const copied = Object.entries(result.counts)
		.map(([table, count]) => `${count} ${table}`)
		.join(', ');
	return (
		`Odoo maintenance nodes: moved the SQLite state store ${result.source} into ${location} (${copied})` +
		(result.renamedTo ? `; the file is kept as ${result.renamedTo}` : '')
	);
}
