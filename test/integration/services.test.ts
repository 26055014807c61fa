/**
 * scripts/services.mjs (and through it scripts/lib/postgres.mjs and redis.mjs): real PostgreSQL and Redis servers
 * on loopback, installed from Debian's packages when missing, and really gone after a stop.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../..');
const execFileAsync = promisify(execFile);
// A first run may install postgresql and redis-server with apt-get.
const START_MS = 600_000;

interface Started {
	postgres: {
		host: string;
		port: number;
		user: string;
		password: string;
		database: string;
		url: string;
		dataDir: string;
		binDir: string;
		pid: number;
	};
	redis: { host: string; port: number; url: string; dataDir: string; pid: number };
}

function startServices(): Promise<{ child: ChildProcess; started: Started; stderr: () => string }> {
	const child = spawn(process.execPath, [path.join(ROOT, 'scripts/services.mjs')], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	return new Promise((resolve, reject) => {
		child.stdout!.on('data', (chunk) => {
			stdout += chunk;
			if (stdout.includes('\n'))
				resolve({ child, started: JSON.parse(stdout.split('\n')[0]), stderr: () => stderr });
		});
		child.on('exit', (code) => reject(new Error(`services.mjs exited with ${code}: ${stderr}`)));
	});
}

function psql(pg: Started['postgres'], sql: string, password = pg.password) {
	return execFileAsync(path.join(pg.binDir, 'psql'), ['-X', '-A', '-t', '-c', sql], {
		env: {
			...process.env,
			PGHOST: pg.host,
			PGPORT: String(pg.port),
			PGUSER: pg.user,
			PGPASSWORD: password,
			PGDATABASE: pg.database,
		},
	}).then(({ stdout }) => stdout.trim());
}

function redisReply(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${command}\r\n`));
		let reply = '';
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.endsWith('\r\n')) {
				socket.end();
				resolve(reply);
			}
		});
		socket.on('error', reject);
	});
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

const refused = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.on('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('error', () => resolve(true));
	});

describe('scripts/services.mjs', () => {
	let child: ChildProcess | undefined;
	afterAll(() => {
		if (child && child.exitCode === null) child.kill('SIGKILL');
	});

	test(
		'starts PostgreSQL and Redis on loopback with their own data directories and stops them for good',
		async () => {
			const services = await startServices();
			child = services.child;
			const { postgres: pg, redis } = services.started;

			expect(pg.host).toBe('127.0.0.1');
			expect(pg.url).toBe(
				`postgres://${pg.user}:${pg.password}@127.0.0.1:${pg.port}/${pg.database}`,
			);
			expect(await psql(pg, 'SELECT current_database()')).toBe(pg.database);
			expect(await psql(pg, 'SHOW listen_addresses')).toBe('127.0.0.1');
			expect(await psql(pg, 'SHOW unix_socket_directories')).toBe(pg.dataDir);
			expect(await psql(pg, 'SHOW fsync')).toBe('off');
			expect(await psql(pg, 'SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).toBe(
				't',
			);
			// Over TCP the password is checked: tests of a wrong password need that.
			await expect(psql(pg, 'SELECT 1', 'wrong-password')).rejects.toThrow(
				/password authentication failed/,
			);

			expect(await redisReply(redis.port, 'PING')).toBe('+PONG\r\n');
			expect(await redisReply(redis.port, 'CONFIG GET bind')).toContain('127.0.0.1');
			expect(fs.existsSync(redis.dataDir)).toBe(true);

			const exited = new Promise((resolve) => services.child.once('exit', resolve));
			services.child.kill('SIGTERM');
			expect(await exited).toBe(0);
			expect(alive(pg.pid)).toBe(false);
			expect(alive(redis.pid)).toBe(false);
			expect(await refused(pg.port)).toBe(true);
			expect(await refused(redis.port)).toBe(true);
			expect(fs.existsSync(path.dirname(pg.dataDir))).toBe(false);
			expect(fs.existsSync(redis.dataDir)).toBe(false);
		},
		START_MS,
	);
});
