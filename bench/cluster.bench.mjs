// The 1,000-service monitoring template (10% failing, 100 equipment, local backend) on a single n8n and on the
// queue-mode cluster of `npm run start:cluster` (main, two workers, PostgreSQL, Redis), one after the other in one
// run: a first run (it creates the requests), then RUNS more (they find them). Target: cluster <= 1.2x single.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { packPackage, startCluster } from '../scripts/lib/cluster.mjs';
import { loadAverage, readTemplate, runToEnd, startBenchN8n } from './lib.mjs';

const SERVICES = 1000;
const EQUIPMENT = 100;
const RUNS = 3;
const TARGET_RATIO = 1.2;

async function startServices() {
	const server = http.createServer((req, res) => {
		const status = req.url.startsWith('/status/503') ? 503 : 200;
		res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end('ok');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

function monitoringWorkflow(servicesUrl) {
	const workflow = readTemplate('http-service-monitoring.json');
	const items = Array.from({ length: SERVICES }, (_, index) => ({
		json: {
			name: `svc-${index}`,
			url: `${servicesUrl}${index % 10 === 0 ? '/status/503' : '/ok'}?i=${index}`,
			equipment: `bench-eq-${Math.floor(index / (SERVICES / EQUIPMENT))}`,
		},
	}));
	workflow.nodes.find((node) => node.name === 'Services').parameters.jsCode =
		`return ${JSON.stringify(items)};`;
	for (const node of workflow.nodes) {
		// The templates' HTTP Service Check is version 2: the HTTPS upgrade by the URL, retries in a group.
		if (node.type.endsWith('.httpServiceCheck')) {
			node.parameters.upgradeToHttps = false;
			node.parameters.options = { retry: { values: { retries: 0 } } };
		}
		if (node.type.endsWith('.maintenanceRequest')) node.parameters.sendNotification = false;
	}
	return {
		name: 'bench monitoring',
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	};
}

/** A first run and RUNS more of the template; the wall-clock seconds of each (manual runs, as the editor starts them). */
async function measure(label, n8n, servicesUrl) {
	const { id } = await n8n.api('POST', '/workflows', monitoringWorkflow(servicesUrl));
	const times = [];
	for (let i = 0; i <= RUNS; i++) {
		const { execution, wallMs } = await runToEnd(n8n, id, 'Every 15 minutes');
		if (execution.status !== 'success') {
			throw new Error(
				`${label}: run ${i + 1} ended ${execution.status}: ${execution.data?.resultData?.error?.message}`,
			);
		}
		const requests =
			execution.data.resultData.runData['Report failures']?.[0]?.data?.main?.[0] ?? [];
		if (requests.length !== EQUIPMENT)
			throw new Error(
				`${label}: run ${i + 1} reported ${requests.length} equipment, not ${EQUIPMENT}`,
			);
		times.push(wallMs / 1000);
	}
	const later = times.slice(1).sort((a, b) => a - b);
	return { first: times[0], median: later[Math.floor(later.length / 2)], all: times };
}

/** The cluster with the same api/rest helpers as startBenchN8n's n8n. */
async function benchCluster() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-bench-cluster-'));
	const cluster = await startCluster({
		work,
		tarball: await packPackage(work),
		webhookProcessor: false,
		log: () => {},
	});
	const call = async (method, url, body, headers) => {
		const response = await fetch(`${cluster.baseUrl}${url}`, {
			method,
			headers: { 'content-type': 'application/json', ...headers },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${url} -> ${response.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	};
	return {
		api: (method, url, body) =>
			call(method, `/api/v1${url}`, body, { 'X-N8N-API-KEY': cluster.apiKey }),
		rest: (method, url, body) => call(method, `/rest${url}`, body, { cookie: cluster.cookie }),
		stop: async () => {
			await cluster.stop();
			fs.rmSync(work, { recursive: true, force: true });
		},
	};
}

const format = (result) =>
	`first=${result.first.toFixed(2)} s  median of next ${RUNS}=${result.median.toFixed(2)} s  (all: ${result.all.map((t) => t.toFixed(2)).join(', ')})`;

const services = await startServices();
try {
	console.log(`${SERVICES} services, ${SERVICES / 10} failing, ${EQUIPMENT} equipment`);
	const single = await startBenchN8n('single');
	let singleResult;
	try {
		console.log(`single instance (SQLite store), load ${loadAverage()}`);
		singleResult = await measure('single', single, services.url);
		console.log(`  ${format(singleResult)}`);
	} finally {
		await single.stop();
	}
	const cluster = await benchCluster();
	try {
		console.log(
			`cluster (main + 2 workers, concurrency 1, PostgreSQL, Redis), load ${loadAverage()}`,
		);
		const clusterResult = await measure('cluster', cluster, services.url);
		console.log(`  ${format(clusterResult)}`);
		const ratio = clusterResult.median / singleResult.median;
		console.log(
			`cluster / single (median): ${ratio.toFixed(2)}x  target <= ${TARGET_RATIO}x: ${ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'}`,
		);
	} finally {
		await cluster.stop();
	}
} finally {
	services.close();
}
