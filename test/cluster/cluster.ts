// Driving the queue-mode cluster of scripts/cluster.mjs from a test: start it (one JSON line of settings), stop or
// start one of its n8n processes, call n8n's API, and place an execution on a chosen worker.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');
/** The env var each n8n process of the cluster carries its name in (scripts/lib/cluster.mjs PROCESS_NAME_ENV). */
export const PROCESS_ENV = 'ODOO_MAINT_CLUSTER_PROCESS';
/** How long a poll waits for n8n to register, run or finish something on a loaded 2-core machine. */
export const WAIT_MS = 120_000;

export interface ClusterProcess {
	name: string;
	role: 'main' | 'worker' | 'webhook';
	userFolder: string;
	logFile: string;
	port?: number;
	healthPort?: number;
	pid: number;
	url?: string;
}

export interface ClusterInfo {
	baseUrl: string;
	webhookBase: string;
	apiKey: string;
	cookie: string;
	work: string;
	postgres: {
		host: string;
		port: number;
		database: string;
		user: string;
		password: string;
		url: string;
	};
	redis: { host: string; port: number; url: string };
	processes: ClusterProcess[];
}

export interface Execution {
	id: string;
	status: string;
	finished: boolean;
	workflowId: string;
	startedAt: string;
	stoppedAt?: string;
	data?: { resultData: { runData: Record<string, any[]>; error?: { message: string } } };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value other than undefined/false. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined | false>,
	timeoutMs = WAIT_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined && value !== false) return value as T;
		} catch (error) {
			lastError = error;
		}
		await sleep(250);
	}
	throw new Error(
		`${what}: not within ${timeoutMs} ms${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
	);
}

export class Cluster {
	private nextId = 1;
	private pending = new Map<
		number,
		{ resolve: (value: any) => void; reject: (error: Error) => void }
	>();

	private constructor(
		private readonly child: ChildProcess,
		public info: ClusterInfo,
		lines: readline.Interface,
		private readonly stderr: () => string,
	) {
		lines.on('line', (line) => {
			const reply = JSON.parse(line);
			const waiter = this.pending.get(reply.id);
			if (!waiter) return;
			this.pending.delete(reply.id);
			if (reply.ok) {
				this.info = reply.cluster;
				waiter.resolve(reply.cluster);
			} else waiter.reject(new Error(reply.error));
		});
	}

	/** Starts the cluster (building and packing the package, or installing ODOO_MAINT_CLUSTER_TARBALL when set). */
	static async start(timeoutMs = 900_000): Promise<Cluster> {
		const tarball = process.env.ODOO_MAINT_CLUSTER_TARBALL;
		const child = spawn(
			process.execPath,
			[
				path.join(ROOT, 'scripts/cluster.mjs'),
				'--control',
				...(tarball ? ['--tarball', tarball] : []),
			],
			{
				stdio: ['pipe', 'pipe', 'pipe'],
			},
		);
		let stderr = '';
		child.stderr!.on('data', (chunk) => {
			stderr += chunk;
			if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
		});
		const lines = readline.createInterface({ input: child.stdout! });
		const info = await new Promise<ClusterInfo>((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(`the cluster did not start within ${timeoutMs} ms: ${stderr.slice(-3000)}`),
					),
				timeoutMs,
			);
			lines.once('line', (line) => {
				clearTimeout(timer);
				resolve(JSON.parse(line));
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`scripts/cluster.mjs exited with ${code}: ${stderr.slice(-3000)}`));
			});
		});
		return new Cluster(child, info, lines, () => stderr);
	}

	/** Closes the control channel: the cluster stops every process it started; resolves once it has. */
	async stop(timeoutMs = 120_000): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.stdin!.end();
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		await exited;
		clearTimeout(timer);
	}

	private command(
		op: string,
		name: string,
		extra: Record<string, unknown> = {},
		timeoutMs = 600_000,
	): Promise<ClusterInfo> {
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() =>
					reject(
						new Error(
							`${op} ${name}: no answer within ${timeoutMs} ms: ${this.stderr().slice(-2000)}`,
						),
					),
				timeoutMs,
			);
			this.pending.set(id, {
				resolve: (value) => {
					clearTimeout(timer);
					resolve(value);
				},
				reject: (error) => {
					clearTimeout(timer);
					reject(error);
				},
			});
			this.child.stdin!.write(`${JSON.stringify({ id, op, name, ...extra })}\n`);
		});
	}

	stopProcess(name: string, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
		return this.command('stop', name, { signal });
	}

	startProcess(name: string, options: { fresh?: boolean } = {}) {
		return this.command('start', name, options);
	}

	process(name: string): ClusterProcess {
		const found = this.info.processes.find((candidate) => candidate.name === name);
		if (!found) throw new Error(`no cluster process ${name}`);
		return found;
	}

	get workers(): string[] {
		return this.info.processes.filter((p) => p.role === 'worker').map((p) => p.name);
	}

	private async call<T>(
		base: string,
		method: string,
		urlPath: string,
		body: unknown,
		headers: Record<string, string>,
	) {
		const response = await fetch(`${base}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', connection: 'close', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${urlPath} -> ${response.status}: ${text.slice(0, 2000)}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/** n8n's public API on the main. */
	api<T = any>(method: string, urlPath: string, body?: unknown): Promise<T> {
		return this.call<T>(this.info.baseUrl, method, `/api/v1${urlPath}`, body, {
			'X-N8N-API-KEY': this.info.apiKey,
		});
	}

	async createWorkflow(workflow: {
		name: string;
		nodes: any[];
		connections: any;
		settings?: any;
	}): Promise<string> {
		const created = await this.api<{ id: string }>('POST', '/workflows', {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: { executionOrder: 'v1', ...(workflow.settings ?? {}) },
		});
		return created.id;
	}

	/** Publishes a workflow and waits until `webhookPath` is registered on every given base URL. */
	async publish(
		id: string,
		webhookPath: string,
		bases = [this.info.baseUrl],
		{ takesGet = false } = {},
	): Promise<void> {
		await this.api('POST', `/workflows/${id}/activate`);
		for (const base of bases) await waitForWebhook(base, webhookPath, WAIT_MS, takesGet);
	}

	async deactivate(id: string): Promise<void> {
		await this.api('POST', `/workflows/${id}/deactivate`);
	}

	/** Every execution of a workflow, oldest first, with its data. */
	async executions(workflowId: string): Promise<Execution[]> {
		const result = await this.api<{ data: Execution[] }>(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		return result.data.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Waits until a workflow has `count` executions, all finished, and returns them oldest first. */
	finishedExecutions(workflowId: string, count: number, timeoutMs = WAIT_MS): Promise<Execution[]> {
		return waitFor(
			`${count} finished executions of workflow ${workflowId}`,
			async () => {
				const executions = await this.executions(workflowId);
				const done = executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
				return executions.length >= count && done.length === executions.length
					? executions
					: undefined;
			},
			timeoutMs,
		);
	}
}

/**
 * Waits until n8n at `base` serves `webhookPath`. A GET probe starts nothing: for a POST-only webhook n8n answers
 * 404 "not registered for GET requests" once the path is registered, and "is not registered" before; a trigger that
 * takes GET (`takesGet`) answers with its own (non-404) refusal of a call without parameters, and only that counts
 * for it: n8n stores its methods one by one, so "not registered for GET" can mean DELETE is stored and GET not yet.
 * (OPTIONS answers 204 either way.)
 */
export async function waitForWebhook(
	base: string,
	webhookPath: string,
	timeoutMs = WAIT_MS,
	takesGet = false,
): Promise<void> {
	await waitFor(
		`webhook ${webhookPath} registered on ${base}`,
		async () => {
			const response = await fetch(`${base}/webhook/${webhookPath}`, {
				headers: { connection: 'close' },
			});
			const text = await response.text();
			return response.status !== 404 || (!takesGet && /not registered for GET/.test(text));
		},
		timeoutMs,
	);
}

/** A POST of a JSON body to a production webhook; resolves with the status and parsed body. */
export async function postWebhook(
	base: string,
	webhookPath: string,
	body: unknown,
	timeoutMs = WAIT_MS,
) {
	const response = await fetch(`${base}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', connection: 'close' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// text answer
	}
	return { status: response.status, body: parsed };
}

/** The items a node emitted on each output in an execution's last run of that node. */
export function nodeOutputs(
	execution: Execution,
	nodeName: string,
): Array<Array<Record<string, any>>> {
	const runs = execution.data?.resultData.runData[nodeName];
	if (!runs?.length) {
		throw new Error(
			`execution ${execution.id}: node "${nodeName}" did not run; ran: ${Object.keys(execution.data?.resultData.runData ?? {}).join(', ')}; error: ${execution.data?.resultData.error?.message}`,
		);
	}
	const main = (runs[runs.length - 1].data?.main ?? []) as Array<Array<{
		json: Record<string, any>;
	}> | null>;
	return main.map((items) => (items ?? []).map((item) => item.json));
}

/** Which cluster process ran an execution: what its "Where" node read from the process's environment. */
export function ranOn(execution: Execution): string {
	return nodeOutputs(execution, WHERE)[0][0].process;
}

export const WHERE = 'Where';

/** Webhook (POST, answers when the run is over) -> "Where" (the body, plus the process that runs the execution). */
export function webhookHead(webhookPath: string) {
	return {
		nodes: [
			{
				id: 'hook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: webhookPath,
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					options: {},
				},
			},
			{
				id: 'where',
				name: WHERE,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [200, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: `={{ JSON.stringify(Object.assign({ process: $env.${PROCESS_ENV} }, $json.body)) }}`,
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: WHERE, type: 'main', index: 0 }]] } },
	};
}

/**
 * Places executions on chosen workers. Workers run one job at a time (--concurrency=1), so while every other
 * worker is busy with a "hold" execution (an HTTP request this server answers only when released), the next
 * job goes to the one left free.
 */
export class WorkerPinner {
	private server!: http.Server;
	private holds = new Map<string, { worker: string; res: http.ServerResponse }>();
	private arrived: Array<() => void> = [];
	private workflowId = '';
	private readonly path = `hold-${Date.now().toString(36)}`;
	private seq = 0;

	constructor(private readonly cluster: Cluster) {}

	async start(): Promise<void> {
		this.server = http.createServer((req, res) => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const token = url.pathname.split('/').pop() ?? '';
			this.holds.set(token, { worker: url.searchParams.get('worker') ?? '?', res });
			for (const notify of this.arrived.splice(0)) notify();
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		const port = (this.server.address() as { port: number }).port;
		this.workflowId = await this.cluster.createWorkflow({
			name: `cluster hold ${this.path}`,
			nodes: [
				{
					id: 'hook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: this.path,
					parameters: {
						httpMethod: 'POST',
						path: this.path,
						responseMode: 'onReceived',
						options: {},
					},
				},
				{
					id: 'hold',
					name: 'Hold',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						url: `={{ 'http://127.0.0.1:${port}/hold/' + $json.body.token + '?worker=' + $env.${PROCESS_ENV} }}`,
						options: { timeout: 600_000 },
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Hold', type: 'main', index: 0 }]] } },
		});
		await this.cluster.publish(this.workflowId, this.path);
	}

	/** Starts one hold execution and resolves with the worker that runs it. */
	private async hold(): Promise<string> {
		const token = `t${++this.seq}`;
		const answer = await postWebhook(this.cluster.info.baseUrl, this.path, { token });
		if (answer.status !== 200) throw new Error(`hold webhook answered ${answer.status}`);
		return waitFor(`hold ${token} to reach a worker`, async () => this.holds.get(token)?.worker);
	}

	private release(token: string): void {
		const hold = this.holds.get(token);
		if (!hold) return;
		this.holds.delete(token);
		hold.res.writeHead(200, { 'content-type': 'application/json' }).end('{"released":true}');
	}

	releaseAll(): void {
		for (const token of [...this.holds.keys()]) this.release(token);
	}

	/**
	 * Runs `action` (which starts one execution and waits for it) while every worker but `worker` is held, so the
	 * execution runs on `worker`. Holds landing on `worker` itself are released once the others are busy.
	 */
	async on<T>(worker: string, action: () => Promise<T>): Promise<T> {
		const others = this.cluster.workers.filter((name) => name !== worker);
		const held = () => new Set([...this.holds.values()].map((hold) => hold.worker));
		try {
			while (!others.every((name) => held().has(name))) await this.hold();
			for (const [token, hold] of [...this.holds]) if (hold.worker === worker) this.release(token);
			return await action();
		} finally {
			this.releaseAll();
		}
	}

	async stop(): Promise<void> {
		this.releaseAll();
		if (this.workflowId) await this.cluster.deactivate(this.workflowId).catch(() => undefined);
		await new Promise((resolve) => this.server?.close(resolve));
	}
}
