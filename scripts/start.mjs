// `npm start`: the main job. Builds the package, installs the pinned n8n if needed, starts it on
// http://localhost:5678 with this package loaded and the templates of workflows/ imported, and stops
// everything on Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';

import { ensureRuntime } from './ensure-runtime.mjs';
import { DEFAULT_OWNER, createApiKey, installPackage, login, startN8n, stopN8n } from './lib/n8n.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { run } from './lib/run.mjs';
import { importTemplates, runOnce } from './lib/templates.mjs';

const port = Number(process.env.N8N_PORT || 5678);
const userFolder = path.resolve(process.env.N8N_USER_FOLDER || path.join(PROJECT_ROOT, '.n8n-dev'));
const reimport = process.argv.includes('--reimport');

async function main() {
	await run(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs')], { cwd: PROJECT_ROOT, label: 'build' });
	await ensureRuntime();
	await installPackage(userFolder, { link: PROJECT_ROOT });
	fs.mkdirSync(userFolder, { recursive: true });
	const logFile = path.join(userFolder, 'n8n.log');
	console.error(`[start] Starting n8n on http://localhost:${port} (log: ${logFile})...`);
	const n8n = await startN8n({ userFolder, port, logFile });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.error('\n[start] Stopping n8n...');
		await stopN8n(n8n.pid);
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	n8n.child.on('exit', (code) => {
		if (stopping) return;
		console.error(`[start] n8n exited (${code}); see ${logFile}`);
		process.exit(code ?? 1);
	});

	const cookie = await login(n8n.baseUrl);
	const apiKey = await readOrCreateApiKey(n8n.baseUrl, cookie);
	const imported = await importTemplates({ baseUrl: n8n.baseUrl, apiKey, userFolder, reimport });
	const firstRun = await runMonitoringOnce(n8n.baseUrl, cookie, apiKey, imported);

	console.log(`
n8n is running with n8n-nodes-odoo-maintenance loaded.

  Editor:   http://localhost:${port}/
  Login:    ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}
  Status:   http://localhost:${port}/webhook/status (${firstRun})
  State:    ${path.join(userFolder, '.n8n', 'odoo-maintenance.sqlite')}
  Templates:
${imported.map((t) => `    - ${t.name} (${t.status})`).join('\n') || '    (none)'}

Press Ctrl-C to stop.`);
}

/**
 * The local monitoring template runs every 15 minutes; run it once now so that the status page shows its
 * demo services (n8n itself, up; a closed port, down) at once.
 */
async function runMonitoringOnce(baseUrl, cookie, apiKey, imported) {
	const monitoring = imported.find((template) => template.file === 'http-service-monitoring.json');
	if (!monitoring) return 'no monitoring template';
	try {
		const status = await runOnce({ baseUrl, cookie, apiKey, workflowId: monitoring.id, trigger: 'Every 15 minutes' });
		return `monitoring ran once: ${status}`;
	} catch (error) {
		return `the first monitoring run failed: ${error.message}`;
	}
}

async function readOrCreateApiKey(baseUrl, cookie) {
	const file = path.join(userFolder, 'api-key.txt');
	if (fs.existsSync(file)) {
		const key = fs.readFileSync(file, 'utf8').trim();
		const probe = await fetch(`${baseUrl}/api/v1/workflows?limit=1`, { headers: { 'X-N8N-API-KEY': key } });
		if (probe.ok) return key;
	}
	const key = await createApiKey(baseUrl, cookie, 'npm-start');
	fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
	return key;
}

main().catch((error) => {
	console.error(`[start] ${error.message}`);
	process.exit(1);
});
