import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { getServiceStatus } from '../../nodes/shared/store/serviceStatus';
import { StateStore } from '../../nodes/shared/store/stateStore';
import { bundleForChild, tempDir } from '../support/bundle';

describe('several processes', () => {
	const worker = bundleForChild(path.join(__dirname, '../support/storeWorker.ts'));

	function runWorker(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
		return new Promise((resolve) => {
			const child = spawn(process.execPath, [worker, ...args]);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('close', (code) => resolve({ code, stdout, stderr }));
		});
	}

	it('loses no update when two processes write the same row at once', async () => {
		const file = path.join(tempDir(), 'state.sqlite');
		StateStore.open(file).close();
		const perProcess = 300;
		const results = await Promise.all([
			runWorker(['fail-checks', file, String(perProcess)]),
			runWorker(['fail-checks', file, String(perProcess)]),
		]);
		for (const result of results) expect(result).toMatchObject({ code: 0, stdout: 'done\n' });
		const store = StateStore.open(file);
		expect(getServiceStatus(store, 'shared-service')?.consecutiveFailures).toBe(2 * perProcess);
		store.close();
	}, 60_000);

	it('leaves no partial state when a process dies mid-transaction', async () => {
		const file = path.join(tempDir(), 'state.sqlite');
		const result = await runWorker(['crash-mid-transaction', file]);
		expect(result.stdout).toBe('written\n');
		expect(result.code).toBeNull();
		const store = StateStore.open(file);
		expect(store.get('SELECT count(*) AS n FROM ip_state')?.n).toBe(0);
		store.run("INSERT INTO ip_state (scope, current_ip) VALUES ('after', '10.0.0.3')");
		expect(store.get('SELECT count(*) AS n FROM ip_state')?.n).toBe(1);
		store.close();
	}, 60_000);

	it('runs as a separate process on the same file without a migration race', () => {
		const file = path.join(tempDir(), 'state.sqlite');
		const out = execFileSync(process.execPath, [worker, 'fail-checks', file, '1']).toString();
		expect(out).toBe('done\n');
		const store = StateStore.open(file);
		expect(store.schemaVersion).toBe(MIGRATIONS.length);
		store.close();
	});
});

describe('recordIpChange across processes', () => {
	it('lets exactly one of many concurrent identical notifications through', async () => {
		const dir = tempDir();
		const storePath = path.join(dir, 'state.sqlite');
		StateStore.open(storePath).close();
		const script = path.join(dir, 'record.ts');
		fs.writeFileSync(
			script,
			`import { recordIpChange } from ${JSON.stringify(path.resolve(__dirname, '../../nodes/IpChangeTrigger/ipState'))};
import { StateStore } from ${JSON.stringify(path.resolve(__dirname, '../../nodes/shared/store/stateStore'))};
const store = StateStore.open(process.argv[2]);
const result = recordIpChange(store, 'shared', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: new Date().toISOString() }, 60000);
process.stdout.write(JSON.stringify(result));
store.close();
`,
		);
		const bundle = bundleForChild(script);
		const run = () =>
			new Promise<{ duplicate: boolean }>((resolve, reject) => {
				const child = spawn(process.execPath, [bundle, storePath], {
					stdio: ['ignore', 'pipe', 'inherit'],
				});
				let out = '';
				child.stdout.on('data', (chunk) => (out += chunk));
				child.on('error', reject);
				child.on('exit', (code) =>
					code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`exit ${code}`)),
				);
			});
		const results = await Promise.all(Array.from({ length: 6 }, run));
		expect(results.filter((result) => !result.duplicate)).toHaveLength(1);
		fs.rmSync(dir, { recursive: true, force: true });
	}, 60_000);
});
