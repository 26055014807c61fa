// Starting, driving and stopping a real, headless n8n (the pinned version from the runtime cache).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

import { N8N_BIN, N8N_MODULES, NODE_BIN, PACKAGE_NAME } from './paths.mjs';
import { run } from './run.mjs';
import { freeLoopbackPort as freePort } from './service-process.mjs';

export const DEFAULT_OWNER = {
	email: 'admin@example.com',
	password: 'OdooMaint-2026',
	firstName: 'Ops',
	lastName: 'Admin',
};

/** Environment for a loopback-only n8n that makes no outbound connections. */
export function n8nEnv({ userFolder, port, brokerPort, owner = DEFAULT_OWNER, extra = {} }) {
	const env = {
		...process.env,
		PATH: `${path.dirname(NODE_BIN)}:${process.env.PATH}`,
		// Jest sets NODE_ENV=test, with which n8n exits at start without a word.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://localhost:${port}/`,
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_ENCRYPTION_KEY: process.env.N8N_ENCRYPTION_KEY || 'odoo-maintenance-local-encryption-key',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_WORKFLOW_PUBLICATION_OUTBOX_POLL_INTERVAL_MS: '500',
		GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE || 'UTC',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: passwordHash(owner.password),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_RESTRICT_FILE_ACCESS_TO: '',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		...extra,
	};
	return env;
}

let bcrypt;
function passwordHash(password) {
	bcrypt ??= createRequire(path.join(N8N_MODULES, 'n8n', 'package.json'))('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

export { freePort };

/**
 * Makes the package visible to n8n the way a community install does: under .n8n/nodes/node_modules.
 * `link` points at the work tree (development); `tarball` runs `npm install <tarball>` like n8n's installer.
 */
export async function installPackage(userFolder, { link, tarball }) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const packageJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(packageJson)) {
		fs.writeFileSync(packageJson, JSON.stringify({ name: 'installed-nodes', private: true }, null, 2));
	}
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (link) {
		fs.rmSync(target, { recursive: true, force: true });
		fs.symlinkSync(link, target, 'dir');
		return target;
	}
	await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
		cwd: nodesDir,
		quiet: true,
		label: `npm install ${path.basename(tarball)}`,
	});
	return target;
}

/** Runs an n8n CLI command (server stopped) against the user folder. */
export async function n8nCli(args, envOptions) {
	const brokerPort = await freePort();
	return run(NODE_BIN, [N8N_BIN, ...args], {
		env: n8nEnv({ ...envOptions, brokerPort, port: envOptions.port ?? (await freePort()) }),
		quiet: true,
		label: `n8n ${args[0]}`,
	});
}

/**
 * Starts `n8n start` (or another n8n command: `args`, e.g. ['worker']) in the background; resolves when
 * `readinessUrl` (default: the server's /healthz/readiness) answers 200.
 */
export async function startN8n({
	userFolder,
	port,
	owner = DEFAULT_OWNER,
	extraEnv = {},
	logFile,
	timeoutMs = 180_000,
	args = ['start'],
	readinessUrl,
}) {
	const brokerPort = await freePort();
	const env = n8nEnv({ userFolder, port, brokerPort, owner, extra: extraEnv });
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	const child = spawn(NODE_BIN, [N8N_BIN, ...args], {
		env,
		stdio: ['ignore', out, out],
		detached: true,
	});
	const baseUrl = `http://localhost:${port}`;
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited) {
			throw new Error(`n8n ${args[0]} exited during start (${JSON.stringify(exited)})${logFile ? `; log: ${logFile}` : ''}`);
		}
		try {
			const response = await fetch(readinessUrl ?? `${baseUrl}/healthz/readiness`);
			if (response.status === 200) break;
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	if (Date.now() >= deadline) {
		stopProcess(child.pid);
		throw new Error(`n8n did not become ready within ${timeoutMs / 1000} s${logFile ? `; log: ${logFile}` : ''}`);
	}
	return { pid: child.pid, baseUrl, port, child, owner };
}

/** Stops a process group started by startN8n (SIGTERM, then SIGKILL after a grace period). */
export async function stopN8n(pid, graceMs = 15_000) {
	if (!pid || !isAlive(pid)) return;
	stopProcess(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (Date.now() < deadline && isAlive(pid)) await sleep(100);
	if (isAlive(pid)) stopProcess(pid, 'SIGKILL');
}

function stopProcess(pid, signal = 'SIGTERM') {
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

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Logs in as the owner and returns the session cookie. */
export async function login(baseUrl, owner = DEFAULT_OWNER) {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!response.ok) throw new Error(`n8n login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('n8n login returned no n8n-auth cookie');
	return cookie;
}

/** Creates a public-API key with every scope (there is no env or CLI for it). */
export async function createApiKey(baseUrl, cookie, label = 'odoo-maintenance') {
	const headers = { cookie, 'content-type': 'application/json' };
	const scopesResponse = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers });
	const scopes = (await scopesResponse.json()).data;
	const response = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ label: `${label}-${Date.now()}`, scopes, expiresAt: null }),
	});
	const body = await response.json();
	if (!response.ok || !body.data?.rawApiKey) {
		throw new Error(`Creating an n8n API key failed: ${response.status} ${JSON.stringify(body)}`);
	}
	return body.data.rawApiKey;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
