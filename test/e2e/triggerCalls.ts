// Calling the triggers in the e2e n8n the way clients (and attackers) do, and counting executions:
// shared by the hostile-input and security suites.
import { randomUUID } from 'node:crypto';
import http from 'node:http';

import {
	activateWorkflow,
	createWorkflow,
	deactivateWorkflow,
	e2eInfo,
	listExecutions,
	nodeOutputs,
	sleep,
	WAIT_MS,
	type WorkflowJson,
} from './harness';

/** Enough for an execution to show up had the call started one (n8n records it before answering). */
export const SETTLE_MS = 300;
export const run = Date.now().toString(36);

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	json?: any;
}

/**
 * A raw HTTP request (node:http, not fetch): lets the tests send what clients must not, such as
 * invalid UTF-8, chunked bodies, HEAD, or several X-Forwarded-For lines.
 */
export function send(
	path: string,
	{
		method = 'GET',
		headers = {},
		body,
	}: { method?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer | string } = {},
): Promise<Answer> {
	const url = new URL(`${e2eInfo().baseUrl}/webhook/${path}`);
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => {
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

export const jsonHeaders = { 'content-type': 'application/json' };
export const basicHeader = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export async function executionCount(workflowId: string): Promise<number> {
	return (await listExecutions(workflowId)).length;
}

/** Sends a request that must be refused: checks the answer and that no execution started. */
export async function expectRefused(
	workflowId: string,
	path: string,
	request: Parameters<typeof send>[1],
	status: number,
	message: string | RegExp | undefined,
): Promise<Answer> {
	const before = await executionCount(workflowId);
	const answer = await send(path, request);
	expect(answer.status).toBe(status);
	if (message !== undefined && request?.method !== 'HEAD') {
		expect(answer.headers['content-type']).toMatch(/^application\/json/);
		expect(answer.json).toEqual({
			status: 'error',
			message: typeof message === 'string' ? message : expect.stringMatching(message),
		});
	}
	await sleep(SETTLE_MS);
	expect(await executionCount(workflowId)).toBe(before);
	return answer;
}

/** Sends a request that must be accepted and returns the trigger's output of the new execution. */
export async function expectAccepted(
	workflowId: string,
	path: string,
	request: Parameters<typeof send>[1],
	body: unknown = { status: 'ok' },
): Promise<Record<string, any>> {
	const before = await executionCount(workflowId);
	const answer = await send(path, request);
	expect({ status: answer.status, body: answer.json ?? answer.text }).toEqual({
		status: 200,
		body,
	});
	const deadline = Date.now() + WAIT_MS;
	for (;;) {
		const executions = await listExecutions(workflowId);
		const done = executions.filter((execution) => execution.status === 'success');
		if (executions.length === before + 1 && done.length === executions.length) {
			const newest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
			const triggerName = Object.keys(newest.data!.resultData.runData).find((name) =>
				name.startsWith('Trigger'),
			)!;
			return nodeOutputs(newest, triggerName)[0][0];
		}
		if (executions.length > before + 1) throw new Error('one call started several executions');
		if (Date.now() > deadline) throw new Error('the accepted call started no execution');
		await sleep(100);
	}
}

export function triggerWorkflow(
	name: string,
	trigger: Record<string, any>,
	next?: Record<string, any>,
): WorkflowJson {
	const second = next ?? {
		id: 'n2',
		name: 'Done',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return {
		name: `${name} ${run}`,
		nodes: [
			{
				id: 'n1',
				name: 'Trigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				...trigger,
			},
			second,
		],
		connections: { Trigger: { main: [[{ node: second.name, type: 'main', index: 0 }]] } },
	};
}

/**
 * n8n registers a trigger's methods one at a time, so each one used is probed with a request both
 * triggers refuse before anything runs (405; 415 for a compressed POST; 400 for a repeated query
 * parameter), or with 401/403/404 from checks that come earlier.
 */
export async function waitForAllMethods(path: string): Promise<void> {
	const separator = path.includes('?') ? '&' : '?';
	const probes: Array<[string, Parameters<typeof send>[1]]> = [
		[path, { method: 'PUT' }],
		[path, { method: 'POST', headers: { 'content-encoding': 'x-probe' }, body: '' }],
		[`${path}${separator}probe=1&probe=2`, { method: 'GET' }],
	];
	const deadline = Date.now() + WAIT_MS;
	for (const [probePath, request] of probes) {
		while ((await send(probePath, request)).status === 404) {
			if (Date.now() > deadline) throw new Error(`${path} was not served within ${WAIT_MS} ms`);
			await sleep(200);
		}
	}
}

/** Workflows published by this test file; deactivate them with deactivateAll in afterAll. */
export const activated: string[] = [];
export async function deploy(workflow: WorkflowJson, probePath: string): Promise<string> {
	const id = await createWorkflow(workflow);
	await activateWorkflow(id);
	activated.push(id);
	await waitForAllMethods(probePath);
	return id;
}

export async function deactivateAll(): Promise<void> {
	await Promise.all(activated.map((id) => deactivateWorkflow(id).catch(() => undefined)));
}
