// Helpers for end-to-end tests against the n8n started by globalSetup.mjs (public API + a few REST calls).
import fs from 'node:fs';

export interface E2eInfo {
	baseUrl: string;
	pid: number;
	apiKey: string;
	cookie: string;
	owner: { email: string; password: string };
	userFolder: string;
	installedPath: string;
	tarball: string;
	logFile: string;
	storePath: string;
	work: string;
	/** node_modules of the pinned n8n, to load its own modules. */
	n8nModules: string;
}

export const PACKAGE = 'n8n-nodes-odoo-maintenance';

/** How long a poll waits for n8n to register, run or finish something: generous for a loaded 2-core machine. */
export const WAIT_MS = 60_000;

export function e2eInfo(): E2eInfo {
	const file = process.env.ODOO_MAINTENANCE_E2E_INFO;
	if (!file) throw new Error('ODOO_MAINTENANCE_E2E_INFO is not set: run the e2e project through jest');
	return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eInfo;
}

async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
	const info = e2eInfo();
	const response = await fetch(`${info.baseUrl}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text.slice(0, 2000)}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** n8n's public API (X-N8N-API-KEY). */
export function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return call<T>(method, `/api/v1${path}`, body, { 'X-N8N-API-KEY': e2eInfo().apiKey });
}

/** n8n's internal REST API, as the logged-in owner (used for what the public API does not offer). */
export function rest<T = any>(method: string, path: string, body?: unknown): Promise<T> {
	return call<T>(method, `/rest${path}`, body, { cookie: e2eInfo().cookie });
}

export interface WorkflowJson {
	name: string;
	nodes: Array<Record<string, any>>;
	connections: Record<string, any>;
	settings?: Record<string, any>;
}

/** Creates a workflow through the public API (which accepts no id/active fields) and returns its id. */
export async function createWorkflow(workflow: WorkflowJson): Promise<string> {
	const created = await api<{ id: string }>('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: { executionOrder: 'v1', ...(workflow.settings ?? {}) },
	});
	return created.id;
}

export async function activateWorkflow(id: string): Promise<void> {
	await api('POST', `/workflows/${id}/activate`);
}

export async function deactivateWorkflow(id: string): Promise<void> {
	await api('POST', `/workflows/${id}/deactivate`);
}

export async function createCredential(name: string, type: string, data: Record<string, unknown>) {
	return api<{ id: string; name: string }>('POST', '/credentials', { name, type, data });
}

/** Polls a production webhook URL until n8n has registered it (it answers 404 until then). */
export async function waitForWebhook(path: string, method = 'GET', timeoutMs = WAIT_MS): Promise<void> {
	const url = `${e2eInfo().baseUrl}/webhook/${path}`;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const response = await fetch(url, { method: method === 'GET' ? 'HEAD' : 'OPTIONS' }).catch(() => null);
		if (response && response.status !== 404) return;
		await sleep(200);
	}
	throw new Error(`webhook ${path} was not registered within ${timeoutMs} ms`);
}

/**
 * GETs a production webhook URL once n8n serves it from its workflow. Until the workflow is registered
 * n8n answers 404 with its own JSON, which has a `code`; a workflow's own answers here never do.
 */
export async function getFromWorkflow(
	url: string,
	timeoutMs = WAIT_MS,
): Promise<{ status: number; headers: Headers; text: string; json: () => any }> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await fetch(url).catch(() => null);
		const text = response ? await response.text() : '';
		const fromN8n = response?.status === 404 && /^\{"code":/.test(text);
		if (response && !fromN8n) return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
		if (Date.now() > deadline) throw new Error(`${url} was not served by its workflow within ${timeoutMs} ms`);
		await sleep(250);
	}
}

export interface Execution {
	id: string;
	status: string;
	/** manual, trigger, integrated (a sub-execution), ... */
	mode?: string;
	finished: boolean;
	workflowId: string;
	data?: { resultData: { runData: Record<string, any[]>; error?: { message: string } } };
}

/** Runs a workflow from its manual trigger on the running server and waits for the execution. */
export async function runWorkflow(id: string, triggerName = 'Manual Trigger', timeoutMs = WAIT_MS) {
	const workflow = await rest<{ data: Record<string, any> }>('GET', `/workflows/${id}`);
	const started = await rest<{ data: { executionId: string } }>('POST', `/workflows/${id}/run`, {
		workflowData: workflow.data,
		triggerToStartFrom: { name: triggerName },
	});
	return waitForExecution(started.data.executionId, timeoutMs);
}

export async function waitForExecution(executionId: string, timeoutMs = WAIT_MS): Promise<Execution> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const execution = await api<Execution>('GET', `/executions/${executionId}?includeData=true`).catch(
			() => null,
		);
		if (execution && !['new', 'running', 'waiting'].includes(execution.status)) return execution;
		await sleep(200);
	}
	throw new Error(`execution ${executionId} did not finish within ${timeoutMs} ms`);
}

export async function listExecutions(workflowId: string): Promise<Execution[]> {
	const result = await api<{ data: Execution[] }>(
		'GET',
		`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
	);
	return result.data;
}

/** The items a node emitted on each of its outputs in the execution's last run of that node. */
export function nodeOutputs(execution: Execution, nodeName: string): Array<Array<Record<string, any>>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.length) {
		throw new Error(
			`node "${nodeName}" did not run; ran: ${Object.keys(execution.data?.resultData.runData ?? {}).join(', ')}; error: ${execution.data?.resultData.error?.message}`,
		);
	}
	const main = (runs[runs.length - 1].data?.main ?? []) as Array<Array<{ json: Record<string, any> }> | null>;
	return main.map((items) => (items ?? []).map((item) => item.json));
}

export function nodeType(name: string): string {
	return `${PACKAGE}.${name}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
