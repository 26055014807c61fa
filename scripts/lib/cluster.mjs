// A real n8n queue-mode cluster on loopback, the way n8n scales out over several hosts: PostgreSQL and Redis
// shared by a main process, workers and an optional webhook processor. Each n8n process has its own user
// folder (its own "host"), with the package installed there from the tarball as a community install does.
import fs from 'node:fs';
import path from 'node:path';

import { ensureRuntime } from '../ensure-runtime.mjs';
import { createApiKey, freePort, login, startN8n, stopN8n } from './n8n.mjs';
import { PACKAGE_NAME, PROJECT_ROOT } from './paths.mjs';
import { startPostgres } from './postgres.mjs';
import { startRedis } from './redis.mjs';
import { run } from './run.mjs';

/** Set in every n8n process of the cluster to its name (main, worker-1, ...): what a workflow reads to say where it ran. */
export const PROCESS_NAME_ENV = 'ODOO_MAINT_CLUSTER_PROCESS';
const ENCRYPTION_KEY = 'odoo-maintenance-cluster-encryption-key';

/** Builds dist/ and packs the package; resolves with the tarball's path. */
export async function packPackage(dir) {
	await run(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs'), '--no-check'], {
		cwd: PROJECT_ROOT,
		quiet: true,
		label: 'build',
	});
	const output = await run('npm', ['pack', '--json', '--pack-destination', dir], {
		cwd: PROJECT_ROOT,
		quiet: true,
		label: 'npm pack',
	});
	return path.join(dir, JSON.parse(output.slice(output.indexOf('[')))[0].filename);
}

/**
 * Installs the tarball into a user folder the way n8n 2.41's community package installer does
 * (CommunityPackagesService.downloadPackage): unpacked into .n8n/nodes/node_modules/<name>, its dev, peer and
 * optional dependencies dropped, `npm install` of the rest there, and the package recorded in .n8n/nodes/package.json.
 */
export async function installCommunityPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		quiet: true,
		label: 'tar',
	});
	const packageJsonFile = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		fs.readFileSync(packageJsonFile, 'utf8'),
	);
	fs.writeFileSync(packageJsonFile, JSON.stringify(packageJson, null, 2));
	await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: packageDir, quiet: true, label: `npm install in ${packageDir}` },
	);
	const nodesPackageFile = path.join(nodesDir, 'package.json');
	const nodesPackage = fs.existsSync(nodesPackageFile)
		? JSON.parse(fs.readFileSync(nodesPackageFile, 'utf8'))
		: { name: 'installed-nodes', private: true };
	nodesPackage.dependencies = { ...nodesPackage.dependencies, [PACKAGE_NAME]: packageJson.version };
	fs.writeFileSync(nodesPackageFile, JSON.stringify(nodesPackage, null, 2));
	return packageDir;
}

/** n8n process groups of every cluster of this process, killed if it exits without stopping them. */
const running = new Set();
process.once('exit', () => {
	for (const pid of running) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

/**
 * Starts Redis, PostgreSQL, n8n main, `workers` workers (`n8n worker --concurrency=<workerConcurrency>`) and,
 * with `webhookProcessor`, one `n8n webhook`. Returns the cluster: URLs, API key, its processes, and
 * stopProcess/startProcess (a worker or webhook processor can be killed and brought back) and stop().
 * - `work`: directory for the user folders and logs; `tarball`: the package to install in every user folder.
 * - `postgresDataDir`: keep n8n's database there (reused by the next start); default a temp dir.
 * - `env`: more environment for every n8n process.
 */
export async function startCluster({
	work,
	tarball,
	workers = 2,
	workerConcurrency = 1,
	webhookProcessor = true,
	mainPort,
	postgresDataDir,
	env = {},
	log = (message) => console.error(`[cluster] ${message}`),
}) {
	fs.mkdirSync(work, { recursive: true });
	const started = [];
	const processes = new Map();
	let stopped = false;

	async function stop() {
		if (stopped) return;
		stopped = true;
		const n8nProcesses = [...processes.values()];
		await Promise.all(n8nProcesses.filter((p) => p.role !== 'main').map((p) => stopN8n(p.pid)));
		await Promise.all(n8nProcesses.filter((p) => p.role === 'main').map((p) => stopN8n(p.pid)));
		for (const service of started.reverse()) await service.stop();
	}

	try {
		await ensureRuntime();
		log('Starting PostgreSQL and Redis...');
		const [postgres, redis] = await Promise.all([
			startPostgres({ dataDir: postgresDataDir, database: 'n8n' }),
			startRedis(),
		]);
		started.push(postgres, redis);

		const names = [
			['main', 'main'],
			...Array.from({ length: workers }, (_, i) => [`worker-${i + 1}`, 'worker']),
			...(webhookProcessor ? [['webhook-1', 'webhook']] : []),
		];
		for (const [name, role] of names) {
			processes.set(name, {
				name,
				role,
				userFolder: path.join(work, name),
				logFile: path.join(work, `${name}.log`),
				port:
					role === 'worker' ? undefined : name === 'main' && mainPort ? mainPort : await freePort(),
				healthPort: role === 'worker' ? await freePort() : undefined,
				pid: undefined,
				child: undefined,
			});
		}
		const baseUrl = `http://localhost:${processes.get('main').port}`;
		const webhookBase = webhookProcessor
			? `http://localhost:${processes.get('webhook-1').port}`
			: baseUrl;
		const sharedEnv = {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			WEBHOOK_URL: `${webhookBase}/`,
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			// The cluster's state must come from the cluster's settings, not from the shell that started it.
			N8N_ODOO_MAINTENANCE_STORE: undefined,
			...env,
		};

		async function prepare(proc, { fresh = false } = {}) {
			if (fresh) fs.rmSync(proc.userFolder, { recursive: true, force: true });
			await installCommunityPackage(proc.userFolder, tarball);
		}

		async function launch(proc) {
			const role = proc.role;
			const n8n = await startN8n({
				userFolder: proc.userFolder,
				port: proc.port ?? (await freePort()),
				logFile: proc.logFile,
				args:
					role === 'main'
						? ['start']
						: role === 'worker'
							? ['worker', `--concurrency=${workerConcurrency}`]
							: ['webhook'],
				readinessUrl:
					role === 'worker' ? `http://127.0.0.1:${proc.healthPort}/healthz/readiness` : undefined,
				extraEnv: {
					...sharedEnv,
					[PROCESS_NAME_ENV]: proc.name,
					...(role === 'worker'
						? {
								QUEUE_HEALTH_CHECK_ACTIVE: 'true',
								QUEUE_HEALTH_CHECK_PORT: String(proc.healthPort),
								N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
							}
						: {}),
				},
			});
			proc.pid = n8n.pid;
			proc.child = n8n.child;
			running.add(n8n.pid);
			n8n.child.once('exit', () => running.delete(n8n.pid));
			return proc;
		}

		log(`Installing the package into ${names.length} user folders...`);
		await Promise.all([...processes.values()].map((proc) => prepare(proc)));
		// The main runs n8n's migrations: the others start once the schema is there.
		log(`Starting n8n main on ${baseUrl} ...`);
		await launch(processes.get('main'));
		log(`Starting ${names.length - 1} more n8n processes...`);
		await Promise.all([...processes.values()].filter((p) => p.role !== 'main').map(launch));
		const cookie = await login(baseUrl);
		const apiKey = await createApiKey(baseUrl, cookie, 'cluster');

		return {
			baseUrl,
			webhookBase,
			apiKey,
			cookie,
			postgres,
			redis,
			work,
			processes,
			/** The cluster's settings without handles (JSON for a test or a person). */
			describe() {
				return {
					baseUrl,
					webhookBase,
					apiKey,
					cookie,
					work,
					postgres: {
						host: postgres.host,
						port: postgres.port,
						database: postgres.database,
						user: postgres.user,
						password: postgres.password,
						url: postgres.url,
						logFile: postgres.logFile,
					},
					redis: { host: redis.host, port: redis.port, url: redis.url },
					processes: [...processes.values()].map(
						({ name, role, userFolder, logFile, port, healthPort, pid }) => ({
							name,
							role,
							userFolder,
							logFile,
							port,
							healthPort,
							pid,
							url: port ? `http://localhost:${port}` : undefined,
						}),
					),
				};
			},
			/** Stops one n8n process: SIGTERM (graceful), or SIGKILL for a crash. */
			async stopProcess(name, signal = 'SIGTERM') {
				const proc = processes.get(name);
				if (!proc) throw new Error(`No cluster process ${name}`);
				if (signal === 'SIGKILL') {
					const exited = new Promise((resolve) =>
						proc.child.exitCode !== null || proc.child.signalCode
							? resolve()
							: proc.child.once('exit', resolve),
					);
					try {
						process.kill(-proc.pid, 'SIGKILL');
					} catch {
						// already gone
					}
					await exited;
				} else {
					await stopN8n(proc.pid);
				}
				return proc;
			},
			/** Starts a stopped process again; `fresh`: with a new, empty user folder (a replaced container). */
			async startProcess(name, { fresh = false } = {}) {
				const proc = processes.get(name);
				if (!proc) throw new Error(`No cluster process ${name}`);
				await prepare(proc, { fresh });
				return launch(proc);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
