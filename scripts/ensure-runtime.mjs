// Installs the pinned n8n into a cache folder outside the work tree (reused when present).
// `npm install n8n` with scripts fails here (the Kafka node's native build downloads sources), so scripts are
// skipped and only sqlite3 (n8n's own database driver) is rebuilt for Node 24's ABI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, N8N_INSTALL_DIR, N8N_BIN, N8N_VERSION, NODE_BIN, NODE_DIR } from './lib/paths.mjs';
import { run } from './lib/run.mjs';

const READY_MARKER = path.join(N8N_INSTALL_DIR, '.ready');

// The marker names the Node ABI sqlite3 was built for: a cache built by another Node is rebuilt, not reused.
const NODE_ABI = execFileSync(NODE_BIN, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
const READY_TEXT = `node-abi=${NODE_ABI}\n`;
const isReady = () => fs.existsSync(N8N_BIN) && readOr(READY_MARKER, '') === READY_TEXT;

export async function ensureRuntime({ quiet = false } = {}) {
	if (isReady()) return N8N_INSTALL_DIR;
	fs.mkdirSync(CACHE_DIR, { recursive: true });
	const lock = path.join(CACHE_DIR, `n8n-${N8N_VERSION}.lock`);
	await acquireLock(lock);
	try {
		if (isReady()) return N8N_INSTALL_DIR;
		if (fs.existsSync(READY_MARKER) && fs.existsSync(N8N_BIN)) {
			log(quiet, `Rebuilding n8n's sqlite3 for Node ABI ${NODE_ABI} (the cache was built by another Node)...`);
			await rebuildSqlite(N8N_INSTALL_DIR);
			fs.writeFileSync(READY_MARKER, READY_TEXT);
			return N8N_INSTALL_DIR;
		}
		const staging = `${N8N_INSTALL_DIR}.staging`;
		fs.rmSync(staging, { recursive: true, force: true });
		fs.mkdirSync(staging, { recursive: true });
		fs.writeFileSync(
			path.join(staging, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, version: '0.0.0' }, null, 2),
		);
		const started = Date.now();
		log(quiet, `Installing n8n@${N8N_VERSION} into ${N8N_INSTALL_DIR} (first run only, about 5 minutes)...`);
		await run('npm', ['install', '--ignore-scripts', '--no-save', '--loglevel=error', `n8n@${N8N_VERSION}`], {
			cwd: staging,
			env: npmEnv(),
			quiet: true,
			label: 'npm install n8n',
		});
		await rebuildSqlite(staging);
		fs.writeFileSync(path.join(staging, '.ready'), READY_TEXT);
		fs.rmSync(N8N_INSTALL_DIR, { recursive: true, force: true });
		fs.renameSync(staging, N8N_INSTALL_DIR);
		log(quiet, `n8n@${N8N_VERSION} ready in ${Math.round((Date.now() - started) / 1000)} s.`);
		return N8N_INSTALL_DIR;
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/** npm run with the project's Node 24 first on PATH and its headers for native builds. */
function npmEnv() {
	return {
		...process.env,
		PATH: `${path.dirname(NODE_BIN)}:${process.env.PATH}`,
		npm_config_nodedir: NODE_DIR,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	};
}

async function rebuildSqlite(dir) {
	await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: dir,
		env: npmEnv(),
		quiet: true,
		label: 'npm rebuild sqlite3',
	});
}

async function acquireLock(lock) {
	const deadline = Date.now() + 20 * 60_000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			return;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = Number(readOr(path.join(lock, 'pid'), '0'));
			if (owner && !isAlive(owner)) {
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}`);
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
}

function readOr(file, fallback) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function log(quiet, message) {
	if (!quiet) console.error(`[runtime] ${message}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	ensureRuntime().catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
}
