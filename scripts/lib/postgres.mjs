// A throwaway PostgreSQL from Debian's packages for tests and the local cluster: its own data directory, a free
// loopback port, its unix socket inside the data directory, durability switched off for speed.
//
//   const pg = await startPostgres();   // installs postgresql with apt-get first when it is missing
//   pg.url                              // postgres://user:password@127.0.0.1:port/database
//   await pg.stop();                    // fast shutdown, waits for the server to exit, removes the temp dir
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { aptInstall } from './apt.mjs';
import { freeLoopbackPort, spawnServer, tail, waitUntilReady } from './service-process.mjs';

const execFileAsync = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';
const CREDENTIALS_FILE = 'odoo-maintenance-credentials.json';

/** The directory holding initdb/postgres/psql: POSTGRES_BIN_DIR, else the newest Debian install, else null. */
export function findPostgresBinDir() {
	const fromEnv = process.env.POSTGRES_BIN_DIR;
	if (fromEnv) {
		if (!fs.existsSync(path.join(fromEnv, 'postgres'))) {
			throw new Error(`POSTGRES_BIN_DIR=${fromEnv} has no postgres binary`);
		}
		return fromEnv;
	}
	const versions = fs.existsSync(DEBIAN_ROOT)
		? fs
				.readdirSync(DEBIAN_ROOT)
				.filter((v) => fs.existsSync(path.join(DEBIAN_ROOT, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return versions.length ? path.join(DEBIAN_ROOT, versions[0], 'bin') : null;
}

/** PostgreSQL's bin directory, installing Debian's `postgresql` package first when there is none. */
export async function ensurePostgres() {
	let binDir = findPostgresBinDir();
	if (binDir) return binDir;
	aptInstall(['postgresql'], { why: 'The tests need PostgreSQL and it is not installed' });
	binDir = findPostgresBinDir();
	if (!binDir)
		throw new Error(
			`apt-get installed postgresql, but no server binary is under ${DEBIAN_ROOT}/<version>/bin`,
		);
	return binDir;
}

/**
 * PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (created by Debian's package),
 * else `nobody`; as anyone else, as that user.
 */
function serverAccount() {
	if (process.getuid?.() !== 0) return {};
	const passwd = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.map((line) => line.split(':'));
	const entry = passwd.find((f) => f[0] === 'postgres') ?? passwd.find((f) => f[0] === 'nobody');
	if (!entry)
		throw new Error(
			'Running as root, and there is neither a postgres nor a nobody user to run PostgreSQL as',
		);
	return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * Starts a PostgreSQL server on 127.0.0.1 and a free port.
 * - `dataDir`: where the cluster lives; reused (with its saved credentials) when it already holds one, kept on stop.
 *   Without it, a temp directory that stop() removes.
 * - `user` is a superuser (the tests create roles, databases and schemas with it); `database` is created.
 * Returns { host, port, user, password, database, url, env, dataDir, socketDir, logFile, binDir, psql, createDatabase, stop }.
 */
export async function startPostgres({
	dataDir,
	user = 'odoo_maintenance',
	password,
	database = 'odoo_maintenance',
	port,
	startTimeoutMs = 120_000,
} = {}) {
	const binDir = await ensurePostgres();
	const account = serverAccount();
	const temporary = !dataDir;
	const baseDir = temporary
		? fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-pg-'))
		: path.dirname(path.resolve(dataDir));
	dataDir = temporary ? path.join(baseDir, 'data') : path.resolve(dataDir);
	const logFile = `${dataDir}.log`;
	const credentialsFile = path.join(dataDir, CREDENTIALS_FILE);
	const give = (target) =>
		account.uid !== undefined && fs.chownSync(target, account.uid, account.gid);
	if (temporary) give(baseDir);

	if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		const saved = JSON.parse(fs.readFileSync(credentialsFile, 'utf8'));
		({ user, password, database } = saved);
	} else {
		password ??= crypto.randomBytes(12).toString('hex');
		fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
		give(dataDir);
		const pwFile = path.join(baseDir, `.pw-${process.pid}`);
		fs.writeFileSync(pwFile, password, { mode: 0o600 });
		give(pwFile);
		try {
			await execFileAsync(
				path.join(binDir, 'initdb'),
				[
					'-D',
					dataDir,
					'-U',
					user,
					`--pwfile=${pwFile}`,
					'--auth-host=scram-sha-256',
					'--auth-local=trust',
					'-E',
					'UTF8',
					'--no-locale',
					'--no-sync',
				],
				{ ...account, cwd: baseDir, env: { ...process.env, LC_ALL: 'C' } },
			);
		} catch (error) {
			throw new Error(`initdb ${dataDir} failed: ${error.stderr || error.message}`);
		} finally {
			fs.rmSync(pwFile, { force: true });
		}
		fs.writeFileSync(credentialsFile, JSON.stringify({ user, password, database }), {
			mode: 0o600,
		});
	}

	const pgPort = port ?? (await freeLoopbackPort());
	fs.writeFileSync(logFile, '');
	give(logFile);
	const server = spawnServer(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(pgPort),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${dataDir}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'shared_buffers=32MB',
			'-c',
			'max_connections=200',
		],
		{ logFile, ...account, env: { ...process.env, LC_ALL: 'C' }, name: 'postgres' },
	);
	const env = { PGHOST: '127.0.0.1', PGPORT: String(pgPort), PGUSER: user, PGPASSWORD: password };
	const psql = async (sql, db = database) => {
		const { stdout } = await execFileAsync(
			path.join(binDir, 'psql'),
			['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, '-c', sql],
			{ env: { ...process.env, ...env } },
		);
		return stdout.trim();
	};
	await waitUntilReady(server, async () => (await psql('SELECT 1', 'postgres')) === '1', {
		timeoutMs: startTimeoutMs,
		logFile,
		what: `PostgreSQL (${dataDir}, port ${pgPort})`,
	});
	const createDatabase = async (name) => {
		const exists = await psql(
			`SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`,
			'postgres',
		);
		if (!exists) await psql(`CREATE DATABASE "${name.replace(/"/g, '""')}"`, 'postgres');
	};
	await createDatabase(database);

	let stopped;
	const stop = () =>
		(stopped ??= (async () => {
			// SIGINT is PostgreSQL's fast shutdown: it disconnects clients instead of waiting for them.
			const exit = await server.stop('SIGINT');
			if (temporary) fs.rmSync(baseDir, { recursive: true, force: true });
			return exit;
		})());
	return {
		host: '127.0.0.1',
		port: pgPort,
		user,
		password,
		database,
		url: `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${encodeURIComponent(database)}`,
		env: { ...env, PGDATABASE: database },
		dataDir,
		socketDir: dataDir,
		logFile,
		binDir,
		pid: server.child.pid,
		psql,
		createDatabase,
		log: () => tail(logFile, 20_000),
		stop,
	};
}
