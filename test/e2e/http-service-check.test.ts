import { AUTH_PASSWORD, AUTH_USER, startHttpServer, type TestServer } from '../support/servers';
import { createCredential, createWorkflow, nodeOutputs, nodeType, runWorkflow } from './harness';
import { codeReturning } from './templates';

function checkWorkflow(name: string, items: Array<Record<string, unknown>>, parameters: Record<string, unknown>) {
	return {
		name,
		nodes: [
			{ id: 'h1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'h2', name: 'Services', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: codeReturning(items) } },
			{ id: 'h3', name: 'Check', type: nodeType('httpServiceCheck'), typeVersion: 1, position: [400, 0], parameters },
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Services', type: 'main', index: 0 }]] },
			Services: { main: [[{ node: 'Check', type: 'main', index: 0 }]] },
		},
	};
}

describe('HTTP Service Check in n8n', () => {
	let server: TestServer;
	const run = Date.now().toString(36);
	beforeAll(async () => {
		server = await startHttpServer();
	});
	afterAll(() => server.close());

	it('sends bad URLs to Down with INVALID_URL without stopping the other checks', async () => {
		const id = await createWorkflow(
			checkWorkflow(
				`check invalid ${run}`,
				[
					{ name: 'missing', equipment: `eq-${run}` },
					{ name: 'garbage', url: 'not a url', equipment: `eq-${run}` },
					{ name: 'ftp', url: 'ftp://127.0.0.1/file', equipment: `eq-${run}` },
					{ name: 'good', url: server.url('/ok'), equipment: `eq-${run}` },
				],
				{ options: { upgradeToHttps: false, retries: 0 } },
			),
		);
		const execution = await runWorkflow(id);
		expect(execution.status).toBe('success');
		const [up, down] = nodeOutputs(execution, 'Check');
		expect(up.map((item) => item.name)).toEqual(['good']);
		expect(down.map((item) => [item.name, item.check.error.code, item.check.statusCode])).toEqual([
			['missing', 'INVALID_URL', -1],
			['garbage', 'INVALID_URL', -1],
			['ftp', 'INVALID_URL', -1],
		]);
		expect(down[0].check.error.message).toMatch(/url/i);
	}, 120_000);

	it('fails the node with a message naming an invalid option', async () => {
		const id = await createWorkflow(
			checkWorkflow(`check bad option ${run}`, [{ name: 'a', url: server.url('/ok'), equipment: 'x' }], {
				options: { timeout: -5 },
			}),
		);
		const execution = await runWorkflow(id);
		expect(execution.status).toBe('error');
		expect(execution.data?.resultData.error?.message).toMatch(/timeout/i);

		const statusId = await createWorkflow(
			checkWorkflow(`check bad codes ${run}`, [{ name: 'a', url: server.url('/ok'), equipment: 'x' }], {
				options: { acceptedStatusCodes: '300-200' },
			}),
		);
		const statusExecution = await runWorkflow(statusId);
		expect(statusExecution.status).toBe('error');
		expect(statusExecution.data?.resultData.error?.message).toMatch(/acceptedStatusCodes|status/i);
	}, 120_000);

	it('uses the Basic Auth credential for protected services', async () => {
		const credential = await createCredential(`basic ${run}`, 'odooMaintenanceBasicAuthApi', {
			user: AUTH_USER,
			password: AUTH_PASSWORD,
		});
		const workflow = checkWorkflow(
			`check auth ${run}`,
			[{ name: 'protected', url: server.url('/auth'), equipment: `auth-${run}` }],
			{ authentication: 'basicAuth', options: { upgradeToHttps: false, retries: 0 } },
		);
		(workflow.nodes[2] as Record<string, unknown>).credentials = {
			odooMaintenanceBasicAuthApi: { id: credential.id, name: credential.name },
		};
		const [up] = nodeOutputs(await runWorkflow(await createWorkflow(workflow)), 'Check');
		expect(up.map((item) => [item.name, item.check.statusCode])).toEqual([['protected', 200]]);

		const anonymous = checkWorkflow(
			`check no auth ${run}`,
			[{ name: 'protected', url: server.url('/auth'), equipment: `noauth-${run}` }],
			{ options: { upgradeToHttps: false, retries: 0 } },
		);
		const [, down] = nodeOutputs(await runWorkflow(await createWorkflow(anonymous)), 'Check');
		expect(down.map((item) => item.check.statusCode)).toEqual([401]);
	}, 120_000);

	it('reports a service down only after the failure threshold, across runs', async () => {
		server.setFlipStatus(`threshold-${run}`, 503);
		const id = await createWorkflow(
			checkWorkflow(
				`check threshold ${run}`,
				[{ name: 'flaky', url: server.url(`/flip/threshold-${run}`), equipment: `thr-${run}` }],
				{ options: { upgradeToHttps: false, retries: 0, failureThreshold: 2, successThreshold: 2 } },
			),
		);
		const routes = async () => {
			const [up, down] = nodeOutputs(await runWorkflow(id), 'Check');
			const item = up[0] ?? down[0];
			return { output: up.length ? 'up' : 'down', state: item.check.state, failures: item.check.consecutiveFailures };
		};
		expect(await routes()).toEqual({ output: 'up', state: 'unknown', failures: 1 });
		expect(await routes()).toEqual({ output: 'down', state: 'down', failures: 2 });
		server.setFlipStatus(`threshold-${run}`, 200);
		expect(await routes()).toEqual({ output: 'down', state: 'down', failures: 0 });
		expect(await routes()).toEqual({ output: 'up', state: 'up', failures: 0 });
	}, 120_000);
});
