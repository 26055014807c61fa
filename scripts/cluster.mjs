// `npm run start:cluster`: the package on a real n8n queue-mode cluster (PostgreSQL, Redis, main, two workers and
// a webhook processor, each n8n process with its own user folder), the templates imported; Ctrl-C stops it all.
//
// `node scripts/cluster.mjs --control [--tarball <file>]` is the same cluster for the tests: it prints the
// cluster's settings as one JSON line, then takes one JSON command a line on stdin
// ({"id":1,"op":"stop","name":"worker-1","signal":"SIGKILL"}, {"id":2,"op":"start","name":"webhook-1","fresh":true})
// and answers each with a JSON line; it stops everything when stdin closes or on SIGTERM.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

import { startCluster, packPackage } from './lib/cluster.mjs';
import { DEFAULT_OWNER } from './lib/n8n.mjs';
import { PROJECT_ROOT } from './lib/paths.mjs';
import { importTemplates } from './lib/templates.mjs';

const args = process.argv.slice(2);
const control = args.includes('--control');
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

let cluster;
let stopping = false;
async function stop(code = 0) {
	if (stopping) return;
	stopping = true;
	console.error('\n[cluster] Stopping...');
	// Before the cluster is up, exiting kills what was started (see the exit handlers of lib/).
	if (cluster) await cluster.stop();
	if (control && cluster) fs.rmSync(cluster.work, { recursive: true, force: true });
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main() {
	const work = control
		? fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-cluster-'))
		: path.resolve(process.env.N8N_CLUSTER_DIR || path.join(PROJECT_ROOT, '.n8n-cluster'));
	fs.mkdirSync(work, { recursive: true });
	const tarball = option('--tarball') ? path.resolve(option('--tarball')) : await packPackage(work);
	cluster = await startCluster({
		work,
		tarball,
		mainPort: control ? undefined : Number(process.env.N8N_PORT || 5678),
		postgresDataDir: control ? undefined : path.join(work, 'postgres'),
	});

	if (control) {
		console.log(JSON.stringify(cluster.describe()));
		const lines = readline.createInterface({ input: process.stdin });
		lines.on('line', async (line) => {
			let command;
			try {
				command = JSON.parse(line);
				if (command.op === 'stop') await cluster.stopProcess(command.name, command.signal);
				else if (command.op === 'start')
					await cluster.startProcess(command.name, { fresh: command.fresh === true });
				else throw new Error(`unknown op ${command.op}`);
				console.log(JSON.stringify({ id: command.id, ok: true, cluster: cluster.describe() }));
			} catch (error) {
				console.log(JSON.stringify({ id: command?.id, ok: false, error: error.message }));
			}
		});
		lines.on('close', () => stop(0));
		return;
	}

	const imported = await importTemplates({
		baseUrl: cluster.baseUrl,
		apiKey: cluster.apiKey,
		userFolder: cluster.processes.get('main').userFolder,
	});
	const described = cluster.describe();
	console.log(`
n8n runs in queue mode with n8n-nodes-odoo-maintenance installed in every process.

  Editor:    ${cluster.baseUrl}/
  Login:     ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}
  Webhooks:  ${cluster.webhookBase}/webhook/... (the webhook processor; the main answers them too)
  Processes: ${described.processes.map((p) => `${p.name} (log ${p.logFile})`).join('\n             ')}
  Shared:    PostgreSQL ${cluster.postgres.url.replace(/:[^:@/]*@/, ':***@')} (n8n's database and the package's state)
             Redis ${cluster.redis.url}
  Templates:
${imported.map((t) => `    - ${t.name} (${t.status})`).join('\n') || '    (none)'}

Press Ctrl-C to stop everything.`);
}

main().catch((error) => {
	console.error(`[cluster] ${error.message}`);
	process.exit(1);
});
