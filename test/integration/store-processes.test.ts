import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { MIGRATIONS } from '../../nodes/shared/store/migrations';
import { getServiceStatus } from '../../nodes/shared/store/serviceStatus';
import { bundleForChild, tempDir } from '../support/bundle';
import { BACKENDS, countRows, freshStoreOption, openStoreAt } from '../support/stores';

describe.each(BACKENDS)('several processes on one %s store', (backend) => {
	const worker = bundleForChild(path.join(__dirname, '../support/storeWorker.ts'));

	function runWorker(
		args: string[],
	): Promise<{ code: number | null; stdout: string; stderr: string }> {
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
		const file = freshStoreOption(backend);
		await (await openStoreAt(file)).close();
		const perProcess = 300;
		const results = await Promise.all([
			runWorker(['fail-checks', file, String(perProcess)]),
			runWorker(['fail-checks', file, String(perProcess)]),
		]);
		for (const result of results) expect(result).toMatchObject({ code: 0, stdout: 'done\n' });
		const store = await openStoreAt(file);
		expect((await getServiceStatus(store, 'shared-service'))?.consecutiveFailures).toBe(
			2 * perProcess,
		);
		await store.close();
	}, 60_000);

	it('leaves no partial state when a process dies mid-transaction', async () => {
		const file = freshStoreOption(backend);
		const result = await runWorker(['crash-mid-transaction', file]);
		expect(result.stdout).toBe('written\n');
		expect(result.code).toBeNull();
		const store = await openStoreAt(file);
		expect(await countRows(store, 'ip_state')).toBe(0);
		await store.run("INSERT INTO ip_state (scope, current_ip) VALUES ('after', '10.0.0.3')");
		expect(await countRows(store, 'ip_state')).toBe(1);
		await store.close();
	}, 60_000);

	it('migrates once when several processes open a new store at the same moment', async () => {
		const file = freshStoreOption(backend);
		const results = await Promise.all(
			Array.from({ length: 4 }, () => runWorker(['fail-checks', file, '1'])),
		);
		for (const result of results) expect(result).toMatchObject({ code: 0, stdout: 'done\n' });
		const store = await openStoreAt(file);
		expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
		expect((await getServiceStatus(store, 'shared-service'))?.consecutiveFailures).toBe(4);
		await store.close();
	}, 60_000);
});

describe.each(BACKENDS)('recordIpChange across processes, %s store', (backend) => {
	it('lets exactly one of many concurrent identical notifications through', async () => {
		const dir = tempDir();
		const storePath = freshStoreOption(backend);
		await (await openStoreAt(storePath)).close();
		const script = path.join(dir, 'record.ts');
		fs.writeFileSync(
			script,
			`import { recordIpChange } from ${JSON.stringify(path.resolve(__dirname, '../../nodes/IpChangeTrigger/ipState'))};
import { getStateStore } from ${JSON.stringify(path.resolve(__dirname, '../../nodes/shared/store/stateStore'))};
getStateStore(process.argv[2]).then(async (store) => {
	const result = await recordIpChange(store, 'shared', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: new Date().toISOString() }, 60000);
	process.stdout.write(JSON.stringify(result));
	await store.close();
});
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
