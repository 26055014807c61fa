/**
 * The package's promises on a real n8n queue-mode cluster: PostgreSQL, Redis, n8n main, two workers and a webhook
 * processor, each n8n process with its own user folder (what separate hosts look like). Published webhook
 * workflows, so every execution runs on a worker; each workflow's "Where" node records which one.
 * Set ODOO_MAINT_CLUSTER_TARBALL to run the proofs against another build of the package (e.g. an older commit).
 */
import fs from 'node:fs';
import type http from 'node:http';

import { startServer, type SimpleServer } from '../support/httpFixtures';
import { startHttpServer, type TestServer } from '../support/servers';
import {
	Cluster,
	nodeOutputs,
	postWebhook,
	ranOn,
	sleep,
	waitFor,
	waitForWebhook,
	webhookHead,
	WAIT_MS,
	WHERE,
	WorkerPinner,
	type Execution,
} from './cluster';

const RUN = Date.now().toString(36);
const PACKAGE = 'n8n-nodes-odoo-maintenance';
const MINUTE = 60_000;

let cluster: Cluster;
let pin: WorkerPinner;

beforeAll(async () => {
	cluster = await Cluster.start();
	pin = new WorkerPinner(cluster);
	await pin.start();
}, 20 * MINUTE);

afterAll(async () => {
	await pin?.stop().catch(() => undefined);
	await cluster?.stop();
}, 5 * MINUTE);

/** Webhook -> Where -> `nodes` (the first connected to Where, the others as `connections` say); published. */
async function publishWorkflow(
	name: string,
	nodes: Array<Record<string, any>>,
	connections: Record<string, any> = {},
): Promise<{
	id: string;
	path: string;
	call: (body: unknown, base?: string) => Promise<{ status: number; body: unknown }>;
}> {
	const path = `${name}-${RUN}`;
	const head = webhookHead(path);
	const positioned = nodes.map((node, index) => ({
		id: `n${index}`,
		typeVersion: 1,
		position: [400 + index * 200, 0],
		...node,
	}));
	const id = await cluster.createWorkflow({
		name: `cluster ${name} ${RUN}`,
		nodes: [...head.nodes, ...positioned],
		connections: {
			...head.connections,
			[WHERE]: { main: [[{ node: nodes[0].name, type: 'main', index: 0 }]] },
			...connections,
		},
	});
	await cluster.publish(id, path);
	return { id, path, call: (body, base = cluster.info.baseUrl) => postWebhook(base, path, body) };
}

/** Report Failures for `$json.equipment`, notifying `webhookUrl`. */
function reportFailuresNode(webhookUrl: string, options: Record<string, unknown> = {}) {
	return {
		name: 'Report',
		type: `${PACKAGE}.maintenanceRequest`,
		parameters: {
			backend: 'local',
			operation: 'reportFailures',
			equipment: '={{ $json.equipment }}',
			serviceName: '={{ $json.service }}',
			serviceUrl: '={{ $json.url }}',
			statusCode: '503',
			errorMessage: 'UNEXPECTED_STATUS: 503',
			failedAt: '={{ $now.toUTC().toISO() }}',
			sendNotification: true,
			webhookUrl,
			options: { notificationAttempts: 1, notificationTimeoutMs: 5000, ...options },
		},
	};
}

function retryPendingNode(webhookUrl: string) {
	return {
		name: 'Retry',
		type: `${PACKAGE}.maintenanceRequest`,
		parameters: {
			backend: 'local',
			operation: 'retryPending',
			webhookUrl,
			options: { notificationAttempts: 1, notificationTimeoutMs: 5000 },
		},
	};
}

function okReceiver(): Promise<SimpleServer> {
	return startServer((_req: http.IncomingMessage, res: http.ServerResponse) => {
		res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
	});
}

const notificationsFor = (receiver: SimpleServer, equipment: string) =>
	receiver.requests.filter(
		(request) =>
			request.method === 'POST' && JSON.parse(request.body || '{}').equipment === equipment,
	);

describe('a queue-mode cluster, two workers with their own user folders, one state', () => {
	it(
		'1. a maintenance window activated on one worker is honoured by Filter Items on the other',
		async () => {
			const equipment = `srv-window-${RUN}`;
			const activate = await publishWorkflow('activate', [
				{
					name: 'Activate',
					type: `${PACKAGE}.maintenanceMode`,
					parameters: {
						backend: 'local',
						operation: 'activate',
						equipment: '={{ $json.equipment }}',
						durationHours: 1,
					},
				},
			]);
			const filter = await publishWorkflow('filter', [
				{
					name: 'Filter',
					type: `${PACKAGE}.maintenanceMode`,
					parameters: {
						backend: 'local',
						operation: 'filterItems',
						equipment: '={{ $json.equipment }}',
					},
				},
			]);

			await pin.on('worker-1', () => activate.call({ equipment }));
			const [activation] = await cluster.finishedExecutions(activate.id, 1);
			expect(ranOn(activation)).toBe('worker-1');
			expect(nodeOutputs(activation, 'Activate')[0][0]).toMatchObject({ equipment, active: true });

			// Twelve reads, six on each worker, one at a time.
			for (const worker of ['worker-2', 'worker-1']) {
				await pin.on(worker, async () => {
					for (let i = 0; i < 6; i++) await filter.call({ equipment, service: `svc-${i}` });
				});
			}
			const reads = (await cluster.finishedExecutions(filter.id, 12)).map((execution) => {
				const [monitor, skip] = nodeOutputs(execution, 'Filter');
				return {
					worker: ranOn(execution),
					inMaintenance: skip.length === 1 && monitor.length === 0,
				};
			});
			const seen = (worker: string) => {
				const on = reads.filter((read) => read.worker === worker);
				return `${on.filter((read) => read.inMaintenance).length}/${on.length}`;
			};
			expect({
				windowSeenByReadsOn: { 'worker-1': seen('worker-1'), 'worker-2': seen('worker-2') },
			}).toEqual({
				windowSeenByReadsOn: { 'worker-1': '6/6', 'worker-2': '6/6' },
			});
		},
		15 * MINUTE,
	);

	it(
		'2. ten concurrent Report Failures for one equipment and day, on both workers: one request, one notification',
		async () => {
			const equipment = `srv-dedup-${RUN}`;
			const receiver = await okReceiver();
			try {
				const report = await publishWorkflow('dedup', [reportFailuresNode(`${receiver.url}/hook`)]);
				const answers = await Promise.all(
					Array.from({ length: 10 }, () =>
						report.call({ equipment, service: 'web', url: 'http://127.0.0.1:9/' }),
					),
				);
				expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(200));
				const executions = await cluster.finishedExecutions(report.id, 10);
				expect(executions.map((e) => e.status)).toEqual(Array(10).fill('success'));
				const requests = executions.map((execution) => nodeOutputs(execution, 'Report')[0][0]);
				const notifications = notificationsFor(receiver, equipment);
				expect({
					ranOn: [...new Set(executions.map(ranOn))].sort(),
					requestsCreated: requests.filter((request) => request.created).length,
					distinctRequestIds: new Set(requests.map((request) => request.id)).size,
					notifications: notifications.length,
					distinctIdempotencyKeys: new Set(
						notifications.map((request) => request.headers['idempotency-key']),
					).size,
				}).toEqual({
					ranOn: ['worker-1', 'worker-2'],
					requestsCreated: 1,
					distinctRequestIds: 1,
					notifications: 1,
					distinctIdempotencyKeys: 1,
				});
			} finally {
				await receiver.close();
			}
		},
		15 * MINUTE,
	);

	it(
		'3. Failure Threshold 3 and Success Threshold 3 count every run, whichever worker ran it',
		async () => {
			const service = await startHttpServer();
			try {
				const key = `threshold-${RUN}`;
				service.setFlipStatus(key, 503);
				const check = await publishWorkflow('threshold', [
					{
						name: 'Check',
						type: `${PACKAGE}.httpServiceCheck`,
						parameters: {
							url: '={{ $json.url }}',
							serviceName: '={{ $json.service }}',
							equipment: '={{ $json.equipment }}',
							options: {
								upgradeToHttps: false,
								retries: 0,
								timeout: 5000,
								failureThreshold: 3,
								successThreshold: 3,
							},
						},
					},
				]);
				const body = {
					equipment: `srv-threshold-${RUN}`,
					service: 'api',
					url: (service as TestServer).url(`/flip/${key}`),
				};
				const runs: Array<{
					worker: string;
					output: string;
					state: string;
					stateChanged: boolean;
				}> = [];
				const runOn = async (worker: string) => {
					await pin.on(worker, () => check.call(body));
					const executions = await cluster.finishedExecutions(check.id, runs.length + 1);
					const execution = executions[executions.length - 1] as Execution;
					const [up, down] = nodeOutputs(execution, 'Check');
					const item = up[0] ?? down[0];
					runs.push({
						worker: ranOn(execution),
						output: up.length ? 'up' : 'down',
						state: item.check.state,
						stateChanged: item.check.stateChanged,
					});
				};
				for (const worker of ['worker-1', 'worker-2', 'worker-1']) await runOn(worker);
				service.setFlipStatus(key, 200);
				for (const worker of ['worker-2', 'worker-1', 'worker-2']) await runOn(worker);

				// worker, output, state, stateChanged: Down from the third failing run, Up from the third success.
				expect(runs.map((run) => [run.worker, run.output, run.state, run.stateChanged])).toEqual([
					['worker-1', 'up', 'unknown', false],
					['worker-2', 'up', 'unknown', false],
					['worker-1', 'down', 'down', true],
					['worker-2', 'down', 'down', false],
					['worker-1', 'down', 'down', false],
					['worker-2', 'up', 'up', true],
				]);
			} finally {
				await service.close();
			}
		},
		15 * MINUTE,
	);

	it(
		'4. a notification queued on one worker while the receiver is down is delivered once by the next run on the other',
		async () => {
			const equipment = `srv-outbox-${RUN}`;
			const down = await okReceiver();
			const port = down.port;
			await down.close();
			const url = `http://127.0.0.1:${port}/hook`;
			const report = await publishWorkflow('outbox-report', [reportFailuresNode(url)]);
			const retry = await publishWorkflow('outbox-retry', [retryPendingNode(url)]);

			await pin.on('worker-1', () =>
				report.call({ equipment, service: 'web', url: 'http://127.0.0.1:9/' }),
			);
			const [reported] = await cluster.finishedExecutions(report.id, 1);
			expect(ranOn(reported)).toBe('worker-1');
			expect(nodeOutputs(reported, 'Report')[0][0]).toMatchObject({
				equipment,
				created: true,
				notification: { status: 'queued' },
			});

			const receiver = await startServer(
				(_req, res) => res.writeHead(200).end('{"ok":true}'),
				port,
			);
			try {
				await pin.on('worker-2', () => retry.call({}));
				const [first] = await cluster.finishedExecutions(retry.id, 1);
				expect(ranOn(first)).toBe('worker-2');
				const afterFirst = notificationsFor(receiver, equipment).length;
				await pin.on('worker-1', () => retry.call({}));
				const runs = await cluster.finishedExecutions(retry.id, 2);
				expect(ranOn(runs[1])).toBe('worker-1');
				expect({
					afterFirstRetryOnWorker2: afterFirst,
					afterBoth: notificationsFor(receiver, equipment).length,
				}).toEqual({
					afterFirstRetryOnWorker2: 1,
					afterBoth: 1,
				});
			} finally {
				await receiver.close();
			}
		},
		15 * MINUTE,
	);

	it(
		'6. the IP Change Trigger’s duplicate window holds across a webhook processor restart',
		async () => {
			const path = `ip-change-${RUN}`;
			const id = await cluster.createWorkflow({
				name: `cluster ip change ${RUN}`,
				nodes: [
					{
						id: 'ip',
						name: 'IP Change',
						type: `${PACKAGE}.ipChangeTrigger`,
						typeVersion: 1,
						position: [0, 0],
						webhookId: path,
						parameters: { path, duplicateWindowSeconds: 600, onDuplicate: 'emit' },
					},
					{
						id: 'where',
						name: WHERE,
						type: 'n8n-nodes-base.set',
						typeVersion: 3.4,
						position: [200, 0],
						parameters: {
							mode: 'raw',
							jsonOutput: `={{ JSON.stringify(Object.assign({ process: $env.ODOO_MAINT_CLUSTER_PROCESS }, $json)) }}`,
							options: {},
						},
					},
				],
				connections: { 'IP Change': { main: [[{ node: WHERE, type: 'main', index: 0 }]] } },
			});
			const webhook = () => cluster.process('webhook-1').url as string;
			await cluster.publish(id, path, [cluster.info.baseUrl, webhook()], { takesGet: true });
			const notify = async (base: string) => {
				const response = await fetch(`${base}/webhook/${path}?old=203.0.113.9&new=203.0.113.10`, {
					headers: { connection: 'close' },
				});
				return response.status;
			};

			expect(await notify(webhook())).toBe(200);
			// A webhook processor keeps nothing of its own in n8n's design: restarted, it is a new container here,
			// with a new, empty user folder.
			await cluster.stopProcess('webhook-1');
			await cluster.startProcess('webhook-1', { fresh: true });
			await waitForWebhook(webhook(), path, WAIT_MS, true);
			expect(await notify(webhook())).toBe(200);
			expect(await notify(cluster.info.baseUrl)).toBe(200);

			const executions = await cluster.finishedExecutions(id, 3);
			const flags = executions.map((execution) => nodeOutputs(execution, WHERE)[0][0].duplicate);
			expect(flags).toEqual([false, true, true]);
			await cluster.deactivate(id);
		},
		15 * MINUTE,
	);

	it('the workers and the webhook processor say in n8n’s log that their state store is n8n’s PostgreSQL database', () => {
		const stores = Object.fromEntries(
			['worker-1', 'worker-2', 'webhook-1'].map((name) => {
				const log = fs.readFileSync(cluster.process(name).logFile, 'utf8');
				return [name, [...new Set(log.match(/state store is \S+/g) ?? [])]];
			}),
		);
		expect(stores).toEqual({
			'worker-1': ['state store is PostgreSQL'],
			'worker-2': ['state store is PostgreSQL'],
			'webhook-1': ['state store is PostgreSQL'],
		});
	});

	it(
		'5. a worker killed by SIGKILL in the middle of Report Failures: the state stays whole and a later run finishes the work once',
		async () => {
			const equipment = `srv-kill-${RUN}`;
			let answer = false;
			const held: http.ServerResponse[] = [];
			const receiver = await startServer((_req, res) => {
				if (answer) res.writeHead(200).end('{"ok":true}');
				else held.push(res);
			});
			try {
				const url = `${receiver.url}/hook`;
				const report = await publishWorkflow('kill-report', [
					reportFailuresNode(url, { notificationTimeoutMs: 20_000 }),
				]);
				const retry = await publishWorkflow('kill-retry', [retryPendingNode(url)]);
				const body = { equipment, service: 'web', url: 'http://127.0.0.1:9/' };

				// worker-1 runs Report Failures; while its notification is in flight, worker-1 dies.
				await pin.on('worker-1', async () => {
					void report.call(body).catch(() => undefined);
					await waitFor('the notification in flight', async () => held.length === 1);
					await cluster.stopProcess('worker-1', 'SIGKILL');
				});
				const interrupted = notificationsFor(receiver, equipment);
				expect(interrupted).toHaveLength(1);
				const interruptedKey = interrupted[0].headers['idempotency-key'];
				const interruptedRequest = JSON.parse(interrupted[0].body);
				answer = true;

				// The next Report Failures (on worker-2, the one left) finds the request; it or a later Retry Pending
				// delivers the notification (at the latest once the dead worker's claim on it has run out). The call
				// can queue behind the killed worker's job, which the queue hands to worker-2 once its lock lapses.
				await postWebhook(cluster.info.baseUrl, report.path, body, 5 * MINUTE);
				const next = await waitFor('the next Report Failures', async () =>
					(await cluster.executions(report.id)).find((execution) => execution.status === 'success'),
				);
				expect(ranOn(next)).toBe('worker-2');
				expect(nodeOutputs(next, 'Report')[0][0]).toMatchObject({
					equipment,
					id: interruptedRequest.id,
					created: false,
				});

				const posts = () => notificationsFor(receiver, equipment);
				await waitFor(
					'the interrupted notification delivered by a later run',
					async () => {
						if (posts().length >= 2) return true;
						await retry.call({});
						await sleep(3000);
						return posts().length >= 2;
					},
					5 * MINUTE,
				);
				await retry.call({});
				// The interrupted attempt and one delivery, both of request #id with the same Idempotency-Key.
				expect(
					posts().map((request) => [
						request.headers['idempotency-key'],
						JSON.parse(request.body).id,
					]),
				).toEqual([
					[interruptedKey, interruptedRequest.id],
					[interruptedKey, interruptedRequest.id],
				]);
			} finally {
				answer = true;
				for (const res of held) res.writeHead(200).end('{"ok":true}');
				await receiver.close();
				await cluster.startProcess('worker-1').catch(() => undefined);
			}
		},
		20 * MINUTE,
	);
});
