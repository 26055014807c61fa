import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { statusServer, type SimpleServer } from '../support/httpFixtures';
import { createWorkflow, e2eInfo, nodeOutputs, nodeType, PACKAGE, runWorkflow } from './harness';

const projectPackage = JSON.parse(
	fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'),
) as { n8n: { nodes: string[]; credentials: string[] } };

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : [full];
	});
}

describe('the packed package in a real n8n', () => {
	it('installs from the tarball without dependencies, scripts or native code', () => {
		const info = e2eInfo();
		const listing = execFileSync('tar', ['-tzf', info.tarball]).toString().trim().split('\n');
		expect(listing).toContain('package/package.json');
		expect(listing.filter((file) => !/^package\/(dist\/|package\.json|README\.md|LICENSE|index\.js)/.test(file))).toEqual([]);

		const installed = JSON.parse(fs.readFileSync(path.join(info.installedPath, 'package.json'), 'utf8'));
		expect(installed.dependencies ?? {}).toEqual({});
		expect(Object.keys(installed.scripts ?? {}).filter((s) => /install|prepare/.test(s))).toEqual([]);
		const files = walk(info.installedPath);
		expect(files.filter((file) => file.endsWith('.node') || file.includes('/build/Release/'))).toEqual([]);
		expect(fs.existsSync(path.join(info.installedPath, 'node_modules'))).toBe(false);
	});

	it('registers every node and credential listed in package.json', async () => {
		const info = e2eInfo();
		const headers = { cookie: info.cookie };
		const nodes = (await (await fetch(`${info.baseUrl}/types/nodes.json`, { headers })).json()) as Array<{
			name: string;
		}>;
		const credentials = (await (
			await fetch(`${info.baseUrl}/types/credentials.json`, { headers })
		).json()) as Array<{ name: string }>;
		const nodeNames = new Set(nodes.map((node) => node.name));
		const credentialNames = new Set(credentials.map((credential) => credential.name));
		for (const entry of projectPackage.n8n.nodes) {
			const className = path.basename(entry).split('.')[0];
			const name = className[0].toLowerCase() + className.slice(1);
			expect(nodeNames).toContain(`${PACKAGE}.${name}`);
		}
		for (const entry of projectPackage.n8n.credentials) {
			const className = path.basename(entry).split('.')[0];
			expect(credentialNames).toContain(className[0].toLowerCase() + className.slice(1));
		}
		// Loader problems are logged as "Error loading package ..." or "... could not be loaded".
		const loaderLines = fs
			.readFileSync(info.logFile, 'utf8')
			.split('\n')
			.filter((line) => /loading package|could not be loaded|Class could not be found/i.test(line))
			.filter((line) => line.includes(PACKAGE));
		expect(loaderLines).toEqual([]);
	}, 60_000);

	describe('a workflow using the package', () => {
		let server: SimpleServer;
		beforeAll(async () => {
			server = await statusServer();
		});
		afterAll(() => server.close());

		it('executes and routes services to Up and Down', async () => {
			const id = await createWorkflow({
				name: 'smoke: HTTP Service Check',
				nodes: [
					{ id: 'a1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{
						id: 'a2',
						name: 'Services',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [200, 0],
						parameters: {
							jsCode: `return [
								{ json: { name: 'web', equipment: 'smoke-srv', url: '${server.url}/status/200' } },
								{ json: { name: 'api', equipment: 'smoke-srv', url: '${server.url}/status/503' } },
							];`,
						},
					},
					{
						id: 'a3',
						name: 'Check',
						type: nodeType('httpServiceCheck'),
						typeVersion: 1,
						position: [400, 0],
						parameters: { options: { upgradeToHttps: false, retries: 0 } },
					},
				],
				connections: {
					'Manual Trigger': { main: [[{ node: 'Services', type: 'main', index: 0 }]] },
					Services: { main: [[{ node: 'Check', type: 'main', index: 0 }]] },
				},
			});
			const execution = await runWorkflow(id);
			expect(execution.status).toBe('success');
			const [up, down] = nodeOutputs(execution, 'Check');
			expect(up.map((item) => item.name)).toEqual(['web']);
			expect(down.map((item) => item.name)).toEqual(['api']);
			expect(up[0].check).toMatchObject({ ok: true, statusCode: 200, state: 'up' });
			expect(down[0].check).toMatchObject({
				ok: false,
				statusCode: 503,
				state: 'down',
				error: { code: 'UNEXPECTED_STATUS' },
			});
		});
	});
});
