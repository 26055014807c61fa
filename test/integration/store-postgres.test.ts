// The PostgreSQL store's bad inputs, each a clear error saying what to do, and nothing half-done:
// unreachable server, wrong password, no right to create the schema, a migration that fails midway,
// a connection lost mid-transaction; plus one pool per process shared by every node bundle.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { openPostgresStore } from '../../nodes/shared/store/postgresStore';
import { StoreError } from '../../nodes/shared/store/stateStore';
import { postgresFromUrl } from '../../nodes/shared/store/storePath';
import { bundleForChild, tempDir } from '../support/bundle';
import { countRows, freshPostgresUrl, testPostgresUrl } from '../support/stores';

async function admin<T = Record<string, unknown>>(
	sql: string,
	params: unknown[] = [],
): Promise<T[]> {
	const client = new Client({ connectionString: testPostgresUrl() });
	await client.connect();
	try {
		return (await client.query(sql, params)).rows as T[];
	} finally {
		await client.end();
	}
}

function withUrl(change: (url: URL) => void): string {
	const url = new URL(testPostgresUrl());
	change(url);
	return url.toString();
}

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

async function openError(url: string): Promise<StoreError> {
	const error = await openPostgresStore(postgresFromUrl(url)).then(
		async (store) => {
			await store.close();
			throw new Error('the store opened');
		},
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(StoreError);
	return error as StoreError;
}

const random = () => crypto.randomBytes(5).toString('hex');

describe('PostgreSQL store: bad input gives a clear error', () => {
	it('an unreachable server: names host, port and database, and what to check', async () => {
		const port = await closedPort();
		const error = await openError(
			withUrl((url) => {
				url.port = String(port);
				url.password = 'never-shown';
			}),
		);
		expect(error.message).toMatch(
			new RegExp(
				`cannot reach PostgreSQL at 127\\.0\\.0\\.1:${port} \\(database \\w+\\).*Check that the server runs`,
			),
		);
		expect(error.message).not.toContain('never-shown');
		expect(error.storePath).not.toContain('never-shown');
	});

	it('a wrong password: names the user and says to check the password', async () => {
		const error = await openError(withUrl((url) => (url.password = 'wrong-password-x')));
		const user = new URL(testPostgresUrl()).username;
		expect(error.message).toContain(`refused the login of user "${user}"`);
		expect(error.message).toMatch(/Check the password/);
		expect(error.message).not.toContain('wrong-password-x');
	});

	it('no right to create the schema: gives the statement that grants it, creates nothing; works once granted', async () => {
		const role = `limited_${random()}`;
		const database = `db_${random()}`;
		await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'limited-pw'`);
		await admin(`CREATE DATABASE ${database}`);
		const url = withUrl((u) => {
			u.username = role;
			u.password = 'limited-pw';
			u.pathname = `/${database}`;
		});
		const error = await openError(url);
		expect(error.message).toContain(`may not create the state store's schema "odoo_maintenance"`);
		expect(error.message).toContain(`CREATE SCHEMA odoo_maintenance AUTHORIZATION ${role};`);
		const schemas = await admin<{ n: string }>(
			`SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'odoo_maintenance'`,
		);
		expect(Number(schemas[0].n)).toBe(0);

		// The fix the message gives, run by the database owner, is enough.
		const owner = new Client({ connectionString: withUrl((u) => (u.pathname = `/${database}`)) });
		await owner.connect();
		await owner.query(`CREATE SCHEMA odoo_maintenance AUTHORIZATION ${role}`);
		await owner.end();
		const store = await openPostgresStore(postgresFromUrl(url));
		expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
		await store.close();
	});

	it('a migration failing midway leaves nothing of it behind, and the next open completes it', async () => {
		const url = freshPostgresUrl();
		const schema = new URL(url).searchParams.get('schema');
		// An object in the way of the last table the first migration creates.
		await admin(`CREATE SCHEMA ${schema}`);
		await admin(`CREATE VIEW ${schema}.ip_state AS SELECT 1 AS x`);
		const error = await openError(url);
		expect(error.message).toMatch(/ip_state/);
		const tables = await admin<{ table_name: string }>(
			'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
			[schema],
		);
		expect(tables.map((row) => row.table_name)).toEqual(['ip_state']);

		await admin(`DROP VIEW ${schema}.ip_state`);
		const store = await openPostgresStore(postgresFromUrl(url));
		expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
		await store.close();
	});

	it('a connection lost mid-transaction: names host and database, commits nothing, and the store goes on', async () => {
		const store = await openPostgresStore(postgresFromUrl(freshPostgresUrl()));
		const failing = store.transaction(async (tx) => {
			await tx.run("INSERT INTO ip_state (scope, current_ip) VALUES ('lost', '10.0.0.1')");
			const { pid } = (await tx.get('SELECT pg_backend_pid() AS pid')) as { pid: number };
			await admin('SELECT pg_terminate_backend($1)', [pid]);
			await tx.run("INSERT INTO ip_state (scope, current_ip) VALUES ('lost-2', '10.0.0.2')");
		});
		await expect(failing).rejects.toThrow(StoreError);
		await expect(failing).rejects.toThrow(
			/connection to PostgreSQL at 127\.0\.0\.1:\d+ \(database \w+\) was lost.*Nothing of the change in progress was committed/,
		);
		expect(await countRows(store, 'ip_state')).toBe(0);
		await store.run("INSERT INTO ip_state (scope, current_ip) VALUES ('after', '10.0.0.3')");
		expect(await countRows(store, 'ip_state')).toBe(1);
		await store.close();
	});
});

describe('PostgreSQL store: one pool per process', () => {
	it('is shared by every node bundle of the process, needs no pg-native, and does not keep the process from exiting', async () => {
		const dir = tempDir();
		const entry = path.join(dir, 'entry.ts');
		fs.writeFileSync(
			entry,
			`export { getStateStore } from ${JSON.stringify(path.resolve(__dirname, '../../nodes/shared/store/stateStore'))};\n`,
		);
		// Two bundles of the same code, as n8n loads one per node.
		const first = bundleForChild(entry);
		const second = bundleForChild(entry);
		const main = path.join(dir, 'main.js');
		fs.writeFileSync(
			main,
			`// node-postgres is bundled; its native binding and Workers socket must never be loaded.
const Module = require('module');
const load = Module._load;
Module._load = function (request, ...rest) {
	if (request === 'pg-native' || request === 'pg-cloudflare') throw new Error('required ' + request);
	return load.call(this, request, ...rest);
};
const a = require(${JSON.stringify(first)});
const b = require(${JSON.stringify(second)});
(async () => {
	const url = process.argv[2];
	const [one, two] = await Promise.all([a.getStateStore(url), b.getStateStore(url)]);
	await one.run("INSERT INTO ip_state (scope) VALUES ('x')");
	process.stdout.write(JSON.stringify({ same: one === two }));
})().catch((error) => { process.stderr.write(error.message); process.exitCode = 1; });
`,
		);
		let doneAt = 0;
		const result = await new Promise<{ code: number | null; out: string; err: string }>(
			(resolve) => {
				const child = spawn(process.execPath, [main, freshPostgresUrl()]);
				let out = '';
				let err = '';
				child.stdout.on('data', (chunk) => {
					out += chunk;
					doneAt = Date.now();
				});
				child.stderr.on('data', (chunk) => (err += chunk));
				child.on('close', (code) => resolve({ code, out, err }));
			},
		);
		expect(result).toMatchObject({ code: 0, err: '' });
		expect(JSON.parse(result.out)).toEqual({ same: true });
		// Exited on its own once its work was done, well before the pool's 10 s idle timeout.
		expect(Date.now() - doneAt).toBeLessThan(5_000);
	});
});
