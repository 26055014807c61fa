import type http from 'node:http';

import { startServer, type SimpleServer } from '../support/httpFixtures';
import { createTlsFixtures, startHttpServer, startHttpsServer, type TestServer, type TlsFixtures } from '../support/servers';
import {
	activateWorkflow,
	createCredential,
	createWorkflow,
	deactivateWorkflow,
	listExecutions,
	nodeOutputs,
	nodeType,
	runWorkflow,
	sleep,
	WAIT_MS,
	type Execution,
} from './harness';
import {
	batchExecutions,
	batchOutputs,
	codeReturning,
	loadTemplate,
	node,
	nodesOfType,
	setBatchSize,
	setCheckOptions,
	useCredential,
} from './templates';

const RECEIVER_USER = 'hook-user';
const RECEIVER_PASSWORD = 'hook-secret:with colon';

function expectedAuthorization() {
	return `Basic ${Buffer.from(`${RECEIVER_USER}:${RECEIVER_PASSWORD}`).toString('base64')}`;
}

function receiverHandler(req: http.IncomingMessage, res: http.ServerResponse) {
	if (req.headers.authorization !== expectedAuthorization()) {
		res.writeHead(401).end('{"error":"unauthorized"}');
		return;
	}
	res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}

describe('template http-service-monitoring.json (local backend)', () => {
	let http1: TestServer;
	let https1: TestServer;
	let tls: TlsFixtures;
	let receiver: SimpleServer;
	let basicAuthId: string;
	const run = Date.now().toString(36);
	const eq = (name: string) => `${name}-${run}`;

	beforeAll(async () => {
		tls = createTlsFixtures();
		http1 = await startHttpServer();
		https1 = await startHttpsServer({ key: tls.key, cert: tls.expired });
		receiver = await startServer(receiverHandler);
		basicAuthId = (
			await createCredential('Receiver', 'odooMaintenanceBasicAuthApi', {
				user: RECEIVER_USER,
				password: RECEIVER_PASSWORD,
			})
		).id;
	});
	afterAll(async () => {
		await Promise.all([http1.close(), https1.close(), receiver.close()]);
		tls.cleanup();
	});

	// Smaller than the service lists of the tests: the services are checked in several batches.
	function workflowFor(services: Array<Record<string, unknown>>, receiverUrl: string, batchSize = 2) {
		const workflow = loadTemplate('http-service-monitoring.json');
		workflow.name = `monitoring ${run} ${Math.random().toString(36).slice(2, 6)}`;
		node(workflow, 'Services').parameters.jsCode = codeReturning(services);
		setBatchSize(workflow, batchSize);
		setCheckOptions(node(workflow, 'HTTP Service Check'), { upgradeToHttps: false, timeout: 1500, retries: 0 });
		const requestNodes = nodesOfType(workflow, nodeType('maintenanceRequest'));
		for (const requestNode of requestNodes) {
			// Notifications ship off: the user turns them on in Report failures and sets the URL.
			if (requestNode.parameters.operation === 'reportFailures') requestNode.parameters.sendNotification = true;
			requestNode.parameters.webhookUrl = receiverUrl;
			requestNode.parameters.notificationAuthentication = 'basicAuth';
			requestNode.parameters.options = { notificationAttempts: 2, notificationRetryDelayMs: 50, notificationTimeoutMs: 2000 };
		}
		useCredential(requestNodes, 'odooMaintenanceBasicAuthApi', { id: basicAuthId, name: 'Receiver' });
		return workflow;
	}

	it('reports one request per failing equipment, dedups the second run and closes on recovery', async () => {
		http1.setFlipStatus(`api-${run}`, 503);
		const services = [
			{ name: 'web', url: http1.url('/ok'), equipment: eq('alpha') },
			{ name: 'api', url: http1.url(`/flip/api-${run}`), equipment: eq('alpha') },
			{ name: 'slow', url: http1.url('/hang'), equipment: eq('beta') },
			{ name: 'tls', url: https1.url('/ok'), equipment: eq('beta') },
			{ name: 'ok', url: http1.url('/ok'), equipment: eq('gamma') },
		];
		const id = await createWorkflow(workflowFor(services, receiver.url + '/hook'));

		const first = await runWorkflow(id, 'Every 15 minutes');
		expect(first.status).toBe('success');
		// Batch size 2: each equipment's services together, each batch checked in an execution of its own, which
		// returns only its counts; the run itself checks nothing.
		const batches = await batchExecutions(first);
		expect(batches.map((batch) => batch.status)).toEqual(['success', 'success', 'success']);
		expect(batches.map((batch) => nodeOutputs(batch, 'Services of the batch')[0].map((item) => item.name))).toEqual([
			['web', 'api'],
			['slow', 'tls'],
			['ok'],
		]);
		expect(first.data?.resultData.runData['HTTP Service Check']).toBeUndefined();
		expect(nodeOutputs(batches[1], 'Batch summary')[0]).toEqual([
			{ services: 2, inMaintenance: 0, up: 0, down: 2, requestsReported: 1, requestsCreated: 1, requestsClosed: 0 },
		]);
		expect(nodeOutputs(first, 'Cycle summary')[0]).toEqual([
			{ batches: 3, services: 5, inMaintenance: 0, up: 2, down: 3, requestsReported: 2, requestsCreated: 2, requestsClosed: 0 },
		]);
		const [up, down] = batchOutputs(batches, 'HTTP Service Check');
		expect(up.map((item) => item.name).sort()).toEqual(['ok', 'web']);
		expect(down.map((item) => [item.name, item.check.statusCode, item.check.error?.code]).sort()).toEqual([
			['api', 503, 'UNEXPECTED_STATUS'],
			['slow', -1, 'ETIMEDOUT'],
			['tls', -1, 'CERT_EXPIRED'],
		]);
		const [reported] = batchOutputs(batches, 'Report failures');
		expect(reported.map((item) => item.equipment).sort()).toEqual([eq('alpha'), eq('beta')]);
		const beta = reported.find((item) => item.equipment === eq('beta'));
		expect(beta).toMatchObject({ name: `[HTTP KO] ${eq('beta')}`, priority: '2', created: true });
		expect(beta?.services.map((service: any) => service.service).sort()).toEqual(['slow', 'tls']);
		expect(beta?.description).toContain(https1.url('/ok'));
		expect(beta?.description).toContain('CERT_EXPIRED');
		expect(beta?.notification).toMatchObject({ status: 'sent' });

		const hooks = receiver.requests.filter((request) => request.url === '/hook');
		expect(hooks).toHaveLength(2);
		for (const hook of hooks) {
			expect(hook.method).toBe('POST');
			expect(hook.headers.authorization).toBe(expectedAuthorization());
			expect(hook.headers['content-type']).toBe('application/json');
			expect(hook.headers['idempotency-key']).toBeTruthy();
			const payload = JSON.parse(hook.body);
			expect(Object.keys(payload).sort()).toEqual(['description', 'equipment', 'id', 'link', 'name', 'priority']);
		}
		const betaHook = hooks.map((hook) => JSON.parse(hook.body)).find((payload) => payload.equipment === eq('beta'));
		expect(betaHook).toEqual({
			id: beta?.id,
			name: `[HTTP KO] ${eq('beta')}`,
			priority: '2',
			description: beta?.description,
			equipment: eq('beta'),
			link: null,
		});

		const second = await runWorkflow(id, 'Every 15 minutes');
		expect(second.status).toBe('success');
		const [again] = batchOutputs(await batchExecutions(second), 'Report failures');
		expect(again.map((item) => [item.equipment, item.created]).sort()).toEqual([
			[eq('alpha'), false],
			[eq('beta'), false],
		]);
		expect(receiver.requests.filter((request) => request.url === '/hook')).toHaveLength(2);

		http1.setFlipStatus(`api-${run}`, 200);
		const third = await runWorkflow(id, 'Every 15 minutes');
		expect(third.status).toBe('success');
		const [resolved] = batchOutputs(await batchExecutions(third), 'Resolve recovered');
		expect(resolved.map((item) => [item.equipment, item.closed])).toEqual([[eq('alpha'), true]]);
	}, 120_000);

	it('skips equipment in maintenance mode', async () => {
		const control = loadTemplate('maintenance-mode-control.json');
		const activate = node(control, 'Activate maintenance');
		const workflow = {
			name: `activate ${run}`,
			nodes: [
				{ id: 'm1', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ ...activate, parameters: { ...activate.parameters, equipment: eq('delta'), durationHours: 1 } },
			],
			connections: { 'Manual Trigger': { main: [[{ node: activate.name, type: 'main', index: 0 }]] } },
		};
		const activation = await runWorkflow(await createWorkflow(workflow));
		expect(nodeOutputs(activation, activate.name)[0][0]).toMatchObject({ equipment: eq('delta'), active: true });

		const id = await createWorkflow(
			workflowFor([{ name: 'down', url: http1.url('/status/500'), equipment: eq('delta') }], receiver.url + '/hook'),
		);
		const execution = await runWorkflow(id, 'Every 15 minutes');
		expect(execution.status).toBe('success');
		const batches = await batchExecutions(execution);
		const [notInMaintenance, inMaintenance] = batchOutputs(batches, 'Skip equipment in maintenance');
		expect(notInMaintenance).toEqual([]);
		expect(inMaintenance.map((item) => item.equipment)).toEqual([eq('delta')]);
		expect(batches.map((batch) => batch.data?.resultData.runData['Report failures'])).toEqual([undefined]);
		expect(nodeOutputs(execution, 'Cycle summary')[0]).toEqual([
			{ batches: 1, services: 1, inMaintenance: 1, up: 0, down: 0, requestsReported: 0, requestsCreated: 0, requestsClosed: 0 },
		]);
	}, 120_000);

	it('delivers a notification once after the receiver comes back', async () => {
		const flaky = await startServer(receiverHandler);
		const port = flaky.port;
		await flaky.close();
		const id = await createWorkflow(
			workflowFor([{ name: 'down', url: http1.url('/status/502'), equipment: eq('epsilon') }], `http://127.0.0.1:${port}/hook`),
		);
		const first = await runWorkflow(id, 'Every 15 minutes');
		const [reported] = batchOutputs(await batchExecutions(first), 'Report failures');
		expect(reported[0]).toMatchObject({ equipment: eq('epsilon'), created: true, notification: { status: 'queued' } });
		expect(reported[0].notification.reason).toMatch(/ECONNREFUSED/);

		const back = await startServer(receiverHandler, port);
		try {
			const second = await runWorkflow(id, 'Every 15 minutes');
			expect(second.status).toBe('success');
			const third = await runWorkflow(id, 'Every 15 minutes');
			expect(third.status).toBe('success');
			const delivered = back.requests.filter((request) => JSON.parse(request.body).equipment === eq('epsilon'));
			expect(delivered).toHaveLength(1);
			expect(delivered[0].headers.authorization).toBe(expectedAuthorization());
		} finally {
			await back.close();
		}
	}, 180_000);

	it('published, it checks its batches on schedule with the published version', async () => {
		const services = [
			{ name: 'up', url: http1.url('/ok'), equipment: eq('zeta') },
			{ name: 'down', url: http1.url('/status/500'), equipment: eq('eta') },
		];
		const workflow = workflowFor(services, receiver.url + '/hook', 1);
		node(workflow, 'Every 15 minutes').parameters.rule = { interval: [{ field: 'seconds', secondsInterval: 3 }] };
		const id = await createWorkflow(workflow);
		await activateWorkflow(id);
		let scheduled: Execution | undefined;
		try {
			const deadline = Date.now() + WAIT_MS;
			while (!scheduled && Date.now() < deadline) {
				scheduled = (await listExecutions(id)).find(
					(execution) => execution.data?.resultData.runData['Cycle summary'] && execution.finished,
				);
				if (!scheduled) await sleep(500);
			}
		} finally {
			await deactivateWorkflow(id);
		}
		if (!scheduled) throw new Error(`no scheduled run of ${id} finished within ${WAIT_MS} ms`);
		expect([scheduled.mode, scheduled.status]).toEqual(['trigger', 'success']);
		const batches = await batchExecutions(scheduled);
		expect(batches.map((batch) => [batch.mode, batch.status])).toEqual([
			['integrated', 'success'],
			['integrated', 'success'],
		]);
		expect(nodeOutputs(scheduled, 'Cycle summary')[0]).toEqual([
			expect.objectContaining({ batches: 2, services: 2, up: 1, down: 1, requestsReported: 1 }),
		]);
	}, 180_000);
});
