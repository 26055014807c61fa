/**
 * Moves a SQLite state store into PostgreSQL, once (shipped as dist/move-store.js):
 *   node move-store.js <sqlite file> [postgres URL] [--keep-file]
 * Without a URL, the PostgreSQL the nodes would select from the environment (N8N_ODOO_MAINTENANCE_STORE,
 * else n8n's own database with DB_TYPE=postgresdb). The file is renamed afterwards unless --keep-file.
 */
import fs from 'node:fs';

import { describeMove, moveSqliteStore } from './moveSqliteStore';
import { openPostgresStore } from './postgresStore';
import { isPostgresUrl, postgresFromUrl, redactPassword, resolveStoreTarget } from './storePath';

async function main(args: string[]): Promise<void> {
	const keepFile = args.includes('--keep-file');
	const [file, url] = args.filter((arg) => arg !== '--keep-file');
	if (!file || !fs.existsSync(file)) {
		throw new Error(
			`Usage: move-store.js <sqlite file> [postgresql:// URL] [--keep-file]${file ? `\nNo file ${file}` : ''}`,
		);
	}
	const target = url ? postgresTarget(url) : resolveStoreTarget();
	if (target.kind !== 'postgres') {
		throw new Error(
			'No PostgreSQL selected: give its postgresql:// URL, or set N8N_ODOO_MAINTENANCE_STORE to it, or DB_TYPE=postgresdb with the DB_POSTGRESDB_* settings n8n uses.',
		);
	}
	const store = await openPostgresStore(target.postgres);
	try {
		const result = await moveSqliteStore(file, store, { keepFile });
		const said = result
			? describeMove(result, store.location)
			: `${file} was already moved into ${store.location}; nothing copied.`;
		process.stdout.write(`${said}\n`);
	} finally {
		await store.close();
	}
}

function postgresTarget(url: string) {
	if (!isPostgresUrl(url)) throw new Error(`Not a postgresql:// URL: ${redactPassword(url)}`);
	const postgres = postgresFromUrl(url);
	return { kind: 'postgres' as const, postgres };
}

main(process.argv.slice(2)).catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exitCode = 1;
});
