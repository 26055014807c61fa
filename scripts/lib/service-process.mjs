// What the PostgreSQL and Redis launchers share: a free loopback port, a background server process that is
// stopped when the parent exits, and a stop that waits until the process is really gone.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export async function freeLoopbackPort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Starts a server in its own process group (a Ctrl-C in a terminal reaches only our scripts, which stop the
 * servers in order) and returns { child, exited, stop(signal, killAfterMs) }. The server is killed if this
 * process exits without stopping it.
 */
export function spawnServer(bin, args, { logFile, uid, gid, env = process.env, name }) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(bin, args, { stdio: ['ignore', out, out], detached: true, env, uid, gid });
	fs.closeSync(out);
	let exitInfo = null;
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exitInfo = { code, signal };
			resolve(exitInfo);
		});
		child.on('error', (error) => {
			exitInfo = { code: null, signal: null, error };
			resolve(exitInfo);
		});
	});
	const killOnExit = () => signalGroup(child.pid, 'SIGKILL');
	process.once('exit', killOnExit);

	async function stop(signal, killAfterMs = 20_000) {
		process.removeListener('exit', killOnExit);
		if (exitInfo) return exitInfo;
		signalGroup(child.pid, signal);
		const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), killAfterMs);
		const info = await exited;
		clearTimeout(timer);
		return info;
	}
	return { child, exited, stop, hasExited: () => exitInfo, name };
}

function signalGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** Polls `probe` until it resolves true; fails early when the server exits, naming its log. */
export async function waitUntilReady(server, probe, { timeoutMs, logFile, what }) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const exit = server.hasExited();
		if (exit) {
			throw new Error(`${what} exited during start (${JSON.stringify(exit)}): ${tail(logFile)}`);
		}
		if (await probe().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	await server.stop('SIGKILL');
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s: ${tail(logFile)}`);
}

export function tail(file, chars = 2000) {
	try {
		return fs.readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '(no log)';
	}
}
