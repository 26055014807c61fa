// A throwaway Redis from Debian's redis-server package for the queue-mode cluster: loopback only, a free port,
// its own directory, no persistence.
//
//   const redis = await startRedis();   // installs redis-server with apt-get first when it is missing
//   redis.port, redis.url               // redis://127.0.0.1:port
//   await redis.stop();
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { aptInstall } from './apt.mjs';
import { freeLoopbackPort, spawnServer, tail, waitUntilReady } from './service-process.mjs';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export function findRedisServer() {
	const fromEnv = process.env.REDIS_SERVER_BIN;
	if (fromEnv) {
		if (!fs.existsSync(fromEnv)) throw new Error(`REDIS_SERVER_BIN=${fromEnv} does not exist`);
		return fromEnv;
	}
	return CANDIDATES.find((bin) => fs.existsSync(bin)) ?? null;
}

/** The redis-server binary, installing Debian's `redis-server` package first when there is none. */
export async function ensureRedis() {
	let bin = findRedisServer();
	if (bin) return bin;
	aptInstall(['redis-server'], { why: 'The cluster needs Redis and it is not installed' });
	bin = findRedisServer();
	if (!bin) throw new Error('apt-get installed redis-server, but /usr/bin/redis-server is missing');
	return bin;
}

/** Sends one inline command and resolves with the first reply line. */
export function redisCommand(port, command, timeoutMs = 2_000) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		socket.setTimeout(timeoutMs, () =>
			socket.destroy(new Error(`redis ${command}: no answer in ${timeoutMs} ms`)),
		);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.slice(0, reply.indexOf('\r\n')));
			}
		});
		socket.on('error', reject);
	});
}

/**
 * Starts redis-server on 127.0.0.1 and a free port. `dataDir` is kept on stop; without it a temp directory is used
 * and removed. Returns { host, port, url, dataDir, logFile, stop }.
 */
export async function startRedis({ dataDir, port, startTimeoutMs = 60_000 } = {}) {
	const bin = await ensureRedis();
	const temporary = !dataDir;
	dataDir = temporary
		? fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-redis-'))
		: path.resolve(dataDir);
	fs.mkdirSync(dataDir, { recursive: true });
	const logFile = path.join(dataDir, 'redis.log');
	const redisPort = port ?? (await freeLoopbackPort());
	const server = spawnServer(
		bin,
		[
			'--port',
			String(redisPort),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--dir',
			dataDir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--logfile',
			'',
		],
		{ logFile, name: 'redis' },
	);
	await waitUntilReady(server, async () => (await redisCommand(redisPort, 'PING')) === '+PONG', {
		timeoutMs: startTimeoutMs,
		logFile,
		what: `Redis (port ${redisPort})`,
	});
	let stopped;
	const stop = () =>
		(stopped ??= (async () => {
			const exit = await server.stop('SIGTERM');
			if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
			return exit;
		})());
	return {
		host: '127.0.0.1',
		port: redisPort,
		url: `redis://127.0.0.1:${redisPort}`,
		dataDir,
		logFile,
		pid: server.child.pid,
		log: () => tail(logFile, 20_000),
		stop,
	};
}
