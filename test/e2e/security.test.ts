// Issue 17 in a real n8n: what an attacker-minded test found, each point with its answer (status,
// body), the executions started, and for secrets their absence from outputs, store, log and answers.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { storePathProblem } from '../../nodes/shared/store/checkStorePath';
import { SqliteStore } from '../../nodes/shared/store/sqliteStore';
import { startServer, type SimpleServer } from '../support/httpFixtures';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { DATABASE_SECRET } from '../support/odoo-double/seed';
import { closedPort } from '../support/servers';
import {
	activateWorkflow,
	api,
	createCredential,
	createWorkflow,
	e2eInfo,
	listExecutions,
	nodeOutputs,
	nodeType,
	runWorkflow,
	sleep,
	WAIT_MS,
	type WorkflowJson,
} from './harness';
import {
	activated,
	deactivateAll,
	deploy,
	executionCount,
	expectAccepted,
	expectRefused,
	jsonHeaders,
	run,
	send,
	SETTLE_MS,
	triggerWorkflow,
} from './triggerCalls';
import {
	batchExecutions,
	batchOutputs,
	codeReturning,
	loadTemplate,
	node,
	nodesOfType,
	setCheckOptions,
} from './templates';

// Publishing and registering a trigger takes seconds on a busy machine: generous limits for hooks too.
jest.setTimeout(60_000);
afterAll(deactivateAll);

const odooTrigger = nodeType('odooWebhookTrigger');
const ipTrigger = nodeType('ipChangeTrigger');
const logText = () => fs.readFileSync(e2eInfo().logFile, 'utf8');
const post = (body: string) => ({ method: 'POST', headers: jsonHeaders, body });

/**
 * Publishes a workflow whose trigger must refuse to publish: waits for the reason in n8n's log (n8n
 * 2.41 publishes in the background), then checks that the URL is not served and nothing ran.
 */
async function expectPublishRefused(
	workflow: WorkflowJson,
	reason: RegExp,
	probe: { path: string; request: Parameters<typeof send>[1] },
): Promise<string> {
	const id = await createWorkflow(workflow);
	activated.push(id);
	const count = () =>
		logText()
			.split('\n')
			.filter((line) => /\| error +\| /.test(line) && reason.test(line)).length;
	const before = count();
	await activateWorkflow(id);
	const deadline = Date.now() + WAIT_MS;
	while (count() === before) {
		if (Date.now() > deadline) throw new Error(`publishing was not refused with ${reason}`);
		await sleep(300);
	}
	const answer = await send(probe.path, probe.request);
	expect(answer.status).toBe(404);
	await sleep(SETTLE_MS);
	expect(await executionCount(id)).toBe(0);
	return answer.text;
}

describe('0. State Store Path on a pseudo file system', () => {
	it('fails the run at once with an error naming the path, and n8n keeps serving', async () => {
		const storePath = `/proc/1/odoo-maint-${run}/store.sqlite`;
		// Guard for the shared n8n: without the check, this run would spin n8n's main thread forever
		// and freeze every other suite. The unit test proves the hang of the old code in a child.
		expect(storePathProblem(storePath)).toBe('it is under /proc, a system pseudo file system');
		const id = await createWorkflow({
			name: `security store path ${run}`,
			nodes: [
				{
					id: 'm1',
					name: 'Manual Trigger',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'm2',
					name: 'Maintenance Mode',
					type: nodeType('maintenanceMode'),
					typeVersion: 1,
					position: [220, 0],
					parameters: {
						backend: 'local',
						operation: 'activate',
						equipment: `proc-${run}`,
						options: { storePath },
					},
				},
			],
			connections: {
				'Manual Trigger': { main: [[{ node: 'Maintenance Mode', type: 'main', index: 0 }]] },
			},
		});
		const execution = await runWorkflow(id, 'Manual Trigger');
		expect({ status: execution.status, error: execution.data?.resultData.error?.message }).toEqual({
			status: 'error',
			error: `The state store path ${storePath} cannot be used: it is under /proc, a system pseudo file system. Choose a file in a regular folder.`,
		});
		const health = await fetch(`${e2eInfo().baseUrl}/healthz`, {
			signal: AbortSignal.timeout(60_000),
		});
		expect(health.status).toBe(200);
	}, 90_000);
});

describe('1, 3. Fetch Target Record against the Odoo double', () => {
	let odoo: OdooDouble;
	let credential: { id: string; name: string };
	beforeAll(async () => {
		odoo = await startOdooDouble();
		credential = await createCredential(`Security Odoo ${run}`, 'odooMaintenanceApi', {
			url: odoo.url,
			db: odoo.db,
			username: odoo.admin.login,
			password: odoo.admin.apiKey,
			api: 'auto',
		});
	});
	afterAll(() => odoo.close());

	const fetching = (
		name: string,
		parameters: Record<string, unknown>,
		odooCredential = credential,
	) =>
		triggerWorkflow(name, {
			type: odooTrigger,
			parameters: { fetchRecord: true, ...parameters },
			credentials: { odooMaintenanceApi: odooCredential },
		});
	const secretRequest = post('{"model":"ir.config_parameter","id":2}');

	it('refuses to publish without Allowed Models: database.secret cannot be read', async () => {
		const workflow = fetching('security fetch any model', {});
		const probe = `${workflow.nodes[0].webhookId}/odoo`;
		const answer = await expectPublishRefused(
			workflow,
			/Fetch Target Record needs Allowed Models/,
			{ path: probe, request: secretRequest },
		);
		expect(answer).not.toContain(DATABASE_SECRET);
		expect(logText()).not.toContain(DATABASE_SECRET);
	}, 60_000);

	it('refuses to publish with a sensitive model in Allowed Models', async () => {
		const workflow = fetching('security fetch sensitive', {
			allowedModels: 'sale.order, ir.config_parameter',
		});
		await expectPublishRefused(
			workflow,
			/Fetch Target Record never reads ir\.config_parameter: such models hold secrets/,
			{ path: `${workflow.nodes[0].webhookId}/odoo`, request: secretRequest },
		);
	}, 60_000);

	it('with Allowed Models, another model gets 400 and nothing is read', async () => {
		const workflow = fetching('security fetch allowed', { allowedModels: 'sale.order' });
		const fetchPath = `${workflow.nodes[0].webhookId}/odoo`;
		const id = await deploy(workflow, fetchPath);
		const answer = await expectRefused(
			id,
			fetchPath,
			secretRequest,
			400,
			'Model "ir.config_parameter" is not allowed; allowed: sale.order',
		);
		expect(answer.text).not.toContain(DATABASE_SECRET);
	}, 60_000);

	it('answers Odoo being unreachable with a generic 502; the detail is in the log only', async () => {
		const port = await closedPort();
		const unreachable = await createCredential(`Security Odoo down ${run}`, 'odooMaintenanceApi', {
			url: `http://127.0.0.1:${port}`,
			db: 'odoo',
			username: 'admin',
			password: 'admin-api-key-0123456789',
			api: 'jsonrpc',
		});
		const workflow = fetching('security fetch down', { allowedModels: 'sale.order' }, unreachable);
		const fetchPath = `${workflow.nodes[0].webhookId}/odoo`;
		const id = await deploy(workflow, fetchPath);
		const answer = await expectRefused(
			id,
			fetchPath,
			post('{"model":"sale.order","id":7}'),
			502,
			'Odoo could not read sale.order 7; see the n8n log',
		);
		expect(answer.text).not.toContain(String(port));
		expect(logText()).toMatch(
			new RegExp(`\\| error +\\| Trigger: Odoo could not read sale\\.order 7: .*${port}`),
		);
	}, 60_000);
});

describe('2. X-Forwarded-For behind one trusted proxy', () => {
	const refusedFor = (address: string) => `Forbidden: ${address} is not in the IP allowlist`;
	const unreadable =
		'Forbidden: the caller’s address cannot be read (an X-Forwarded-For entry is not an IP address)';

	it.each([
		['IP Change Trigger', 'ip'],
		['Odoo Webhook Trigger', 'odoo'],
	])(
		'%s reads ip:port and [ipv6]:port, and refuses what it cannot read',
		async (_label, kind) => {
			// The proxy (loopback) is in the allowlist: falling back to it would let anyone in.
			const ipPath = `security-${run}/xff-${kind}`;
			const workflow =
				kind === 'ip'
					? triggerWorkflow('security xff ip', {
							type: ipTrigger,
							parameters: { path: ipPath, allowedIps: '127.0.0.0/8', trustedProxyHops: 1 },
						})
					: triggerWorkflow('security xff odoo', {
							type: odooTrigger,
							parameters: {
								requiredFields: '',
								triggerOptions: { allowedIps: '127.0.0.0/8', trustedProxyHops: 1 },
							},
						});
			const base = kind === 'ip' ? ipPath : `${workflow.nodes[0].webhookId}/odoo`;
			const url = kind === 'ip' ? `${base}?new=203.0.113.70` : base;
			const id = await deploy(workflow, base);
			const request = (forwardedFor: string) => ({
				method: 'GET',
				headers: { 'x-forwarded-for': forwardedFor },
			});
			await expectRefused(id, url, request('203.0.113.9:4711'), 403, refusedFor('203.0.113.9'));
			await expectRefused(id, url, request('[2001:db8::9]:4711'), 403, refusedFor('2001:db8::9'));
			await expectRefused(id, url, request('unknown'), 403, unreadable);
			await expectRefused(id, url, request('127.0.0.9, _hidden'), 403, unreadable);
			const ok = kind === 'ip' ? 'ok' : { status: 'ok' };
			const item = await expectAccepted(id, url, request('127.0.0.9:5555'), ok);
			if (kind === 'ip') expect(item.sourceIp).toBe('127.0.0.9');
		},
		60_000,
	);
});

describe('3. Header Token as a credential', () => {
	it('protects the trigger, and the token appears in no workflow, execution or log', async () => {
		const token = `tok-${randomBytes(12).toString('hex')}`;
		const credential = await createCredential(
			`Security token ${run}`,
			'odooMaintenanceHeaderAuthApi',
			{ headerName: 'X-Odoo-Token', token },
		);
		const workflow = triggerWorkflow('security header token', {
			type: odooTrigger,
			parameters: { authentication: 'headerAuth', triggerOptions: { logCalls: true } },
			credentials: { odooMaintenanceHeaderAuthApi: { id: credential.id, name: credential.name } },
		});
		const tokenPath = `${workflow.nodes[0].webhookId}/odoo`;
		const id = await deploy(workflow, tokenPath);
		const body = '{"model":"a.b","id":1}';
		await expectRefused(id, tokenPath, post(body), 401, 'The X-Odoo-Token header is required');
		await expectRefused(
			id,
			tokenPath,
			{ ...post(body), headers: { ...jsonHeaders, 'x-odoo-token': `${token}x` } },
			403,
			'Authorization data is wrong',
		);
		await expectAccepted(id, tokenPath, {
			...post(body),
			headers: { ...jsonHeaders, 'x-odoo-token': token },
		});
		expect(JSON.stringify(await api('GET', `/workflows/${id}`))).not.toContain(token);
		expect(JSON.stringify(await listExecutions(id))).not.toContain(token);
		expect(logText()).not.toContain(token);
	}, 60_000);
});

describe('3, 4, 6. Monitoring with secrets and HTML in the service list, and a deleted store', () => {
	const password = `pw-${randomBytes(8).toString('hex')}`;
	const equipment = `<b>srv-${run}</b>`;
	let receiver: SimpleServer;
	let storePath: string;
	let workflowId: string;
	const hooks = () => receiver.requests.filter((request) => request.url === '/hook');

	beforeAll(async () => {
		receiver = await startServer((_req, res) => res.writeHead(200).end('{}'));
		storePath = path.join(e2eInfo().work, `security-store-${run}.sqlite`);
		const port = await closedPort();
		const workflow = loadTemplate('http-service-monitoring.json');
		workflow.name = `security monitoring ${run}`;
		node(workflow, 'Services').parameters.jsCode = codeReturning([
			{
				name: '<script>alert(1)</script>',
				url: `http://monitor:${password}@127.0.0.1:${port}/health`,
				equipment,
			},
		]);
		node(workflow, 'Skip equipment in maintenance').parameters.options = { storePath };
		setCheckOptions(node(workflow, 'HTTP Service Check'), {
			upgradeToHttps: false,
			timeout: 1500,
			retries: 0,
			storePath,
		});
		for (const requestNode of nodesOfType(workflow, nodeType('maintenanceRequest'))) {
			if (requestNode.parameters.operation === 'reportFailures') requestNode.parameters.sendNotification = true;
			requestNode.parameters.webhookUrl = `${receiver.url}/hook`;
			requestNode.parameters.options = {
				notificationAttempts: 2,
				notificationRetryDelayMs: 50,
				notificationTimeoutMs: 2000,
				storePath,
			};
		}
		workflowId = await createWorkflow(workflow);
	});
	afterAll(() => receiver.close());

	it('strips URL user-info and escapes names in outputs, descriptions, notifications, store and log', async () => {
		const execution = await runWorkflow(workflowId, 'Every 15 minutes');
		expect(execution.status).toBe('success');
		const batches = await batchExecutions(execution);
		const [, down] = batchOutputs(batches, 'HTTP Service Check');
		expect(down).toHaveLength(1);
		expect(down[0].check.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/health$/);
		expect(JSON.stringify(down[0].check)).not.toContain(password);
		const [reported] = batchOutputs(batches, 'Report failures');
		expect(reported[0]).toMatchObject({ created: true, equipment });
		expect(JSON.stringify(reported)).not.toContain(password);
		expect(reported[0].description).toMatch(
			/^Service KO: &lt;script&gt;alert\(1\)&lt;\/script&gt; http:\/\/127\.0\.0\.1:\d+\/health - ECONNREFUSED/,
		);

		expect(hooks()).toHaveLength(1);
		const notified = JSON.parse(hooks()[0].body);
		expect(notified.description).toBe(reported[0].description);
		expect(notified.description).not.toMatch(/[<>]/);
		expect(hooks()[0].body).not.toContain(password);

		for (const suffix of ['', '-wal']) {
			if (fs.existsSync(storePath + suffix)) {
				expect(fs.readFileSync(storePath + suffix).includes(password)).toBe(false);
			}
		}
		expect(logText()).not.toContain(password);
	}, 60_000);

	it('a store file deleted between runs is restored: no second request or notification, also after a restart', async () => {
		for (const suffix of ['', '-wal', '-shm']) fs.rmSync(storePath + suffix, { force: true });
		const execution = await runWorkflow(workflowId, 'Every 15 minutes');
		expect(execution.status).toBe('success');
		const [reported] = batchOutputs(await batchExecutions(execution), 'Report failures');
		expect(reported[0]).toMatchObject({ created: false, equipment });
		await sleep(SETTLE_MS);
		expect(hooks()).toHaveLength(1);
		// What a restarted n8n would read: the file at the path holds the request and its notification.
		expect(fs.existsSync(storePath)).toBe(true);
		const store = SqliteStore.open(storePath);
		try {
			const requests = await store.all('SELECT name FROM maintenance_requests');
			expect(requests.map((row) => row.name)).toEqual([`[HTTP KO] ${equipment}`]);
			expect(await store.all('SELECT id FROM notification_outbox')).toHaveLength(1);
		} finally {
			await store.close();
		}
	}, 60_000);
});

describe('5, 8 and the 413 wording: bodies', () => {
	const deep = (levels: number) =>
		`{"model":"a.b","id":1,"new":"203.0.113.1","deep":${'['.repeat(levels)}${']'.repeat(levels)}}`;

	it('Odoo Webhook Trigger: 400 for 10,000 levels of nesting, 413 quoted in KiB; nothing runs', async () => {
		const workflow = triggerWorkflow('security odoo bodies', { type: odooTrigger, parameters: {} });
		const odooPath = `${workflow.nodes[0].webhookId}/odoo`;
		const id = await deploy(workflow, odooPath);
		await expectRefused(
			id,
			odooPath,
			post(deep(10_000)),
			400,
			'The request body is nested deeper than 64 levels',
		);
		await expectRefused(
			id,
			odooPath,
			post('{"model":"a.b","id":1,"id":2}'),
			400,
			'Key "id" is given more than once',
		);
		await expectRefused(
			id,
			odooPath,
			post(JSON.stringify({ model: 'a.b', id: 1, pad: 'x'.repeat(1024 * 1024) })),
			413,
			'The request body is larger than 1024 KiB',
		);
	}, 60_000);

	it('IP Change Trigger: 400 for deep nesting and a repeated "new"; mapped IPv4 is in order', async () => {
		const ipPath = `security-${run}/bodies`;
		const id = await deploy(
			triggerWorkflow('security ip bodies', { type: ipTrigger, parameters: { path: ipPath } }),
			ipPath,
		);
		await expectRefused(
			id,
			ipPath,
			post(deep(5000)),
			400,
			'The request body is nested deeper than 64 levels',
		);
		await expectRefused(
			id,
			ipPath,
			post('{"new":"203.0.113.7","new":"203.0.113.8"}'),
			400,
			'Key "new" is given more than once',
		);
		await expectAccepted(id, `${ipPath}?new=203.0.113.5`, { method: 'GET' }, 'ok');
		const mapped = await expectAccepted(
			id,
			`${ipPath}?old=::ffff:203.0.113.5&new=203.0.113.6`,
			{ method: 'GET' },
			'ok',
		);
		expect(mapped).toMatchObject({ previousKnownIp: '203.0.113.5', outOfOrder: false });
	}, 60_000);
});

describe('7. Basic Auth user with ":"', () => {
	it('refuses to publish: such a user can never match', async () => {
		const credential = await createCredential(
			`Security colon ${run}`,
			'odooMaintenanceBasicAuthApi',
			{
				user: 'odoo:caller',
				password: 'caller-password-2026',
			},
		);
		const workflow = triggerWorkflow('security colon user', {
			type: odooTrigger,
			parameters: { authentication: 'basicAuth' },
			credentials: { odooMaintenanceBasicAuthApi: { id: credential.id, name: credential.name } },
		});
		await expectPublishRefused(
			workflow,
			/The Basic Auth credential’s user contains ":", which Basic Auth cannot carry/,
			{ path: `${workflow.nodes[0].webhookId}/odoo`, request: post('{"model":"a.b","id":1}') },
		);
	}, 60_000);
});

describe('9. HTTP Service Check error codes', () => {
	it('reports a redirect to file: as INVALID_REDIRECT and a header overflow as INVALID_RESPONSE', async () => {
		const server = await startServer((req, res) => {
			if (req.url === '/to-file') res.writeHead(302, { location: 'file:///etc/passwd' }).end();
			else res.writeHead(200, { 'x-big': 'x'.repeat(100_000) }).end('ok');
		});
		try {
			const id = await createWorkflow({
				name: `security check codes ${run}`,
				nodes: [
					{
						id: 'c1',
						name: 'Manual Trigger',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'c2',
						name: 'Services',
						type: 'n8n-nodes-base.code',
						typeVersion: 2,
						position: [200, 0],
						parameters: {
							jsCode: codeReturning([
								{ name: 'file', url: `${server.url}/to-file`, equipment: `codes-${run}` },
								{ name: 'header', url: `${server.url}/huge-header`, equipment: `codes-${run}` },
							]),
						},
					},
					{
						id: 'c3',
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
			const [, down] = nodeOutputs(execution, 'Check');
			expect(down.map((item) => [item.name, item.check.error.code])).toEqual([
				['file', 'INVALID_REDIRECT'],
				['header', 'INVALID_RESPONSE'],
			]);
		} finally {
			await server.close();
		}
	}, 60_000);
});

describe('Documented n8n behaviour', () => {
	it('TRACE is answered 500 by n8n itself and starts nothing', async () => {
		const workflow = triggerWorkflow('security trace', { type: odooTrigger, parameters: {} });
		const tracePath = `${workflow.nodes[0].webhookId}/odoo`;
		const id = await deploy(workflow, tracePath);
		const answer = await send(tracePath, { method: 'TRACE' });
		expect(answer.status).toBe(500);
		await sleep(SETTLE_MS);
		expect(await executionCount(id)).toBe(0);
	}, 60_000);

	it('a call to a URL that is not published is logged by n8n with the secret, at error level', async () => {
		const secret = randomBytes(16).toString('hex');
		const answer = await send(`${randomUUID()}/odoo/${secret}`, post('{}'));
		expect(answer.status).toBe(404);
		const deadline = Date.now() + WAIT_MS;
		const pattern = new RegExp(
			`\\| error +\\| Received request for unknown webhook: The requested webhook "POST [0-9a-f-]+/odoo/${secret}" is not registered`,
		);
		while (!pattern.test(logText())) {
			if (Date.now() > deadline) throw new Error('n8n did not log the unknown webhook');
			await sleep(200);
		}
	}, 120_000);
});
