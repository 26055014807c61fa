// One real n8n per test run: build, pack, install the tarball the way Community Nodes does, start n8n.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { ensureRuntime } from '../../scripts/ensure-runtime.mjs';
import { createApiKey, freePort, installPackage, login, startN8n } from '../../scripts/lib/n8n.mjs';
import { N8N_MODULES, PROJECT_ROOT } from '../../scripts/lib/paths.mjs';
import { run } from '../../scripts/lib/run.mjs';

export const E2E_INFO_ENV = 'ODOO_MAINTENANCE_E2E_INFO';

export default async function globalSetup() {
	const started = Date.now();
	await ensureRuntime();
	ensureChromium();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-e2e-'));
	await run(process.execPath, [path.join(PROJECT_ROOT, 'scripts/build.mjs'), '--no-check'], {
		cwd: PROJECT_ROOT,
		quiet: true,
		label: 'build',
	});
	const packOutput = await run('npm', ['pack', '--json', '--pack-destination', work], {
		cwd: PROJECT_ROOT,
		quiet: true,
		label: 'npm pack',
	});
	const tarball = path.join(work, JSON.parse(packOutput.slice(packOutput.indexOf('[')))[0].filename);

	const userFolder = path.join(work, 'n8n');
	const installedPath = await installPackage(userFolder, { tarball });
	const port = await freePort();
	const logFile = path.join(work, 'n8n.log');
	const storePath = path.join(work, 'state.sqlite');
	const n8n = await startN8n({
		userFolder,
		port,
		logFile,
		extraEnv: { N8N_ODOO_MAINTENANCE_STORE: storePath, N8N_LOG_LEVEL: 'debug' },
	});
	const cookie = await login(n8n.baseUrl);
	const apiKey = await createApiKey(n8n.baseUrl, cookie);
	const info = {
		baseUrl: n8n.baseUrl,
		pid: n8n.pid,
		apiKey,
		cookie,
		owner: n8n.owner,
		userFolder,
		installedPath,
		tarball,
		logFile,
		storePath,
		work,
		n8nModules: N8N_MODULES,
	};
	const infoFile = path.join(work, 'info.json');
	fs.writeFileSync(infoFile, JSON.stringify(info, null, 2));
	process.env[E2E_INFO_ENV] = infoFile;
	globalThis.__ODOO_MAINT_E2E__ = info;
	console.error(`\n[e2e] n8n ready at ${n8n.baseUrl} in ${Math.round((Date.now() - started) / 1000)} s (log ${logFile})`);
}
