// Throughput and latency of the two triggers in a real n8n, beside n8n's built-in Webhook node on the
// same instance in the same run.
//
//   node bench/triggers.bench.mjs      (N8N_ODOO_MAINTENANCE_BENCH_COUNT: requests per endpoint;
//                                       N8N_EXPRESSION_ENGINE=vm|legacy: measure one engine only)
//
// Builds the package, then per expression engine (see main) starts its own loopback n8n with the
// package linked in, publishes three workflows whose trigger answers at once and feeds a No Op (the
// Odoo Webhook Trigger, the IP Change Trigger, n8n's Webhook node with GET and POST), and sends a
// fixed number of requests per endpoint at a fixed concurrency over keep-alive connections. Rounds
// alternate between the endpoints so that drift (database growth, JIT, CPU frequency) spreads
// evenly. Every request starts an execution. Exits non-zero only on errors, not on missed targets.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import { N8N_VERSION, PACKAGE_NAME } from '../scripts/lib/paths.mjs';
import { buildPackage, startBenchN8n } from './lib.mjs';

const COUNT = Number(process.env.N8N_ODOO_MAINTENANCE_BENCH_COUNT || 2_000);
const CONCURRENCY = 16;
const ROUNDS = 4;
const WARMUP = 100;
const TARGET_RATIO = 0.9;

async function main() {
	await buildPackage();
	// n8n's default expression engine ("vm") gives every webhook call of a community trigger its own
	// V8 isolate, which n8n skips for its own Webhook node only; "legacy" has no isolates. Both are
	// measured unless N8N_EXPRESSION_ENGINE picks one.
	const engines = process.env.N8N_EXPRESSION_ENGINE
		? [process.env.N8N_EXPRESSION_ENGINE]
		: ['vm', 'legacy'];
	for (const engine of engines) await benchmarkInstance(engine);
}

async function benchmarkInstance(engine) {
	const n8n = await startBenchN8n('triggers', {
		build: false,
		extraEnv: { N8N_LOG_LEVEL: 'warn', N8N_EXPRESSION_ENGINE: engine },
	});
	try {
		const endpoints = await createEndpoints(n8n);
		const results = await measure(endpoints);
		report(results, engine);
	} finally {
		await n8n.stop();
	}
}

// ---------------------------------------------------------------- workflows

function workflow(name, trigger) {
	return {
		name,
		nodes: [
			{
				id: 't',
				name: 'Trigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				...trigger,
			},
			{
				id: 'n',
				name: 'Done',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [220, 0],
				parameters: {},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

async function publish(n8n, definition) {
	const { id } = await n8n.api('POST', '/workflows', definition);
	await n8n.api('POST', `/workflows/${id}/activate`);
}

async function createEndpoints(n8n) {
	const secret = randomBytes(16).toString('hex');
	const odoo = workflow('bench: Odoo Webhook Trigger', {
		type: `${PACKAGE_NAME}.odooWebhookTrigger`,
		parameters: { secret },
	});
	const ip = workflow('bench: IP Change Trigger', {
		type: `${PACKAGE_NAME}.ipChangeTrigger`,
		parameters: { path: 'bench/_odoo.sh/ip-change' },
	});
	const builtin = workflow('bench: built-in Webhook', {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2.1,
		parameters: {
			multipleMethods: true,
			httpMethod: ['GET', 'POST'],
			path: 'bench/builtin',
			responseMode: 'onReceived',
			options: {},
		},
	});
	for (const definition of [odoo, ip, builtin]) await publish(n8n, definition);
	const { baseUrl } = n8n;

	const body = (i) => JSON.stringify({ model: 'sale.order', id: i + 1 });
	// Each request reports a different change (old = the previous new), so none is a duplicate.
	const address = (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
	const endpoints = [
		{ name: 'built-in Webhook, POST JSON', method: 'POST', path: 'bench/builtin', body },
		{
			name: 'Odoo Webhook Trigger, POST JSON',
			method: 'POST',
			path: `${odoo.nodes[0].webhookId}/odoo/${secret}`,
			body,
			baseline: 'built-in Webhook, POST JSON',
		},
		{
			name: 'built-in Webhook, GET query',
			method: 'GET',
			path: (i) => `bench/builtin?new=${address(i + 1)}&old=${address(i)}`,
		},
		{
			name: 'IP Change Trigger, GET query',
			method: 'GET',
			path: (i) => `bench/_odoo.sh/ip-change?new=${address(i + 1)}&old=${address(i)}`,
			baseline: 'built-in Webhook, GET query',
		},
	];
	for (const endpoint of endpoints)
		endpoint.url = (i) =>
			`${baseUrl}/webhook/${typeof endpoint.path === 'function' ? endpoint.path(i) : endpoint.path}`;
	await waitUntilServed(endpoints);
	return endpoints;
}

/** Real requests until each endpoint stops answering 404 (publication is asynchronous in n8n 2.x). */
async function waitUntilServed(endpoints) {
	const deadline = Date.now() + 30_000;
	for (const endpoint of endpoints) {
		for (;;) {
			const response = await fetch(endpoint.url(1_000_000), {
				method: endpoint.method,
				headers: { 'content-type': 'application/json' },
				body: endpoint.method === 'POST' ? endpoint.body(0) : undefined,
			}).catch(() => null);
			if (response && response.status !== 404) break;
			if (Date.now() > deadline) throw new Error(`${endpoint.name} was not published within 30 s`);
			await sleep(200);
		}
	}
}

// ---------------------------------------------------------------- load

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function request(endpoint, i) {
	const url = new URL(endpoint.url(i));
	const payload = endpoint.method === 'POST' ? endpoint.body(i) : undefined;
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: endpoint.method,
				agent,
				headers: payload
					? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
					: {},
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => {
					if (res.statusCode !== 200) {
						reject(new Error(`${endpoint.name}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
					} else resolve(performance.now() - started);
				});
			},
		);
		req.setTimeout(30_000, () => req.destroy(new Error(`${endpoint.name}: no answer within 30 s`)));
		req.on('error', reject);
		if (payload) req.write(payload);
		req.end();
	});
}

/** `count` requests starting at index `offset`, CONCURRENCY at a time; returns latencies and time. */
async function batch(endpoint, offset, count) {
	const latencies = [];
	let next = 0;
	const lane = async () => {
		while (next < count) {
			const index = offset + next++;
			latencies.push(await request(endpoint, index));
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: CONCURRENCY }, lane));
	return { latencies, elapsedMs: performance.now() - started };
}

async function measure(endpoints) {
	const results = new Map(
		endpoints.map((endpoint) => [endpoint.name, { latencies: [], elapsedMs: 0 }]),
	);
	const offsets = new Map(endpoints.map((endpoint) => [endpoint.name, 0]));
	const take = async (endpoint, count, record) => {
		const offset = offsets.get(endpoint.name);
		offsets.set(endpoint.name, offset + count);
		const done = await batch(endpoint, offset, count);
		if (record) {
			const total = results.get(endpoint.name);
			total.latencies.push(...done.latencies);
			total.elapsedMs += done.elapsedMs;
		}
	};
	for (const endpoint of endpoints) await take(endpoint, WARMUP, false);
	const perRound = Math.ceil(COUNT / ROUNDS);
	for (let round = 0; round < ROUNDS; round++) {
		const order = round % 2 === 0 ? endpoints : [...endpoints].reverse();
		for (const endpoint of order)
			await take(endpoint, Math.min(perRound, COUNT - round * perRound), true);
		process.stderr.write(`[bench] round ${round + 1}/${ROUNDS} done\n`);
	}
	return endpoints.map((endpoint) => ({ endpoint, ...summarize(results.get(endpoint.name)) }));
}

function summarize({ latencies, elapsedMs }) {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
	return {
		count: sorted.length,
		perSecond: (sorted.length / elapsedMs) * 1000,
		p50: at(0.5),
		p99: at(0.99),
	};
}

// ---------------------------------------------------------------- report

function report(rows, engine) {
	const byName = new Map(rows.map((row) => [row.endpoint.name, row]));
	const lines = [
		'',
		`n8n ${N8N_VERSION}, N8N_EXPRESSION_ENGINE=${engine}, loopback; ${COUNT} requests per endpoint after ${WARMUP} warm-up,`,
		`concurrency ${CONCURRENCY}, keep-alive, ${ROUNDS} interleaved rounds; each request starts one execution.`,
		'',
		`${'endpoint'.padEnd(34)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}  vs built-in (req/s, target >= ${TARGET_RATIO}x)`,
	];
	for (const row of rows) {
		const baseline = row.endpoint.baseline ? byName.get(row.endpoint.baseline) : undefined;
		const ratio = baseline ? row.perSecond / baseline.perSecond : undefined;
		const verdict =
			ratio === undefined
				? ''
				: `${ratio.toFixed(2)}x ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW TARGET'}`;
		lines.push(
			`${row.endpoint.name.padEnd(34)}${row.perSecond.toFixed(0).padStart(9)}${row.p50.toFixed(1).padStart(9)}${row.p99.toFixed(1).padStart(9)}  ${verdict}`,
		);
	}
	lines.push(
		'',
		`Machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	);
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exitCode = 1;
});
