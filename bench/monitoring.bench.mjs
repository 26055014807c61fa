// A monitoring run through the monitoring templates in a real n8n, start to finish, at several inventory
// sizes in the same run: with the local backend, and against the Odoo test double. Loopback only.
//
//   node bench/monitoring.bench.mjs [--sizes 1000,10000] [--failing 0.1] [--per-equipment 10] [--backends local,odoo]
//                                   [--batch-size 500]
//
// or BENCH_SIZES, BENCH_FAILING, BENCH_PER_EQUIPMENT, BENCH_BACKENDS, BENCH_BATCH_SIZE (default: the templates' own)
// (and BENCH_N8N_NODE_OPTIONS, below). Reports wall time, time per 1,000
// services, the peak RSS of the n8n process above its idle RSS after start (sampled from /proc every 100 ms), the time
// of each node, and PASS/FAIL against the targets of issue 15.
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

import { importTs, loadAverage, readTemplate, runToEnd, startBenchN8n } from './lib.mjs';

const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '1000,10000' },
		failing: { type: 'string', default: process.env.BENCH_FAILING ?? '0.1' },
		'per-equipment': { type: 'string', default: process.env.BENCH_PER_EQUIPMENT ?? '10' },
		backends: { type: 'string', default: process.env.BENCH_BACKENDS ?? 'local,odoo' },
		'batch-size': { type: 'string', default: process.env.BENCH_BATCH_SIZE ?? '' },
	},
});
const SIZES = args.sizes.split(',').map(Number);
const FAILING = Number(args.failing);
const PER_EQUIPMENT = Number(args['per-equipment']);
const BACKENDS = args.backends.split(',');
const BATCH_SIZE = args['batch-size'] ? Number(args['batch-size']) : undefined;
if (SIZES.some((size) => !Number.isInteger(size) || size < 1))
	throw new Error('--sizes: whole numbers');
if (!(FAILING >= 0 && FAILING <= 1)) throw new Error('--failing: a share between 0 and 1');
if (!Number.isInteger(PER_EQUIPMENT) || PER_EQUIPMENT < 1) throw new Error('--per-equipment: >= 1');
if (BACKENDS.some((backend) => !['local', 'odoo'].includes(backend)))
	throw new Error('--backends: local,odoo');
if (BATCH_SIZE !== undefined && !(Number.isInteger(BATCH_SIZE) && BATCH_SIZE >= 1))
	throw new Error('--batch-size: a whole number >= 1');

// Targets (issue 15): 10,000 services in < 30 s (3 s per 1,000 at the largest size), per-1,000 time at
// the largest size within 1.3x of the smallest, peak RSS < 400 MB above idle, Odoo within 1.5x of local.
const TARGET_MS_PER_1000 = 3_000;
const TARGET_SCALING = 1.3;
const TARGET_RSS_MB = 400;
const TARGET_ODOO_RATIO = 1.5;
const RUN_TIMEOUT_MS = 1_200_000;

/** The inventory of one run: names unique to the run, `FAILING` of the services failing, spread evenly. */
function serviceList(size, prefix) {
	return Array.from({ length: size }, (_, index) => ({
		name: `${prefix}-svc-${index}`,
		path:
			Math.floor((index + 1) * FAILING) > Math.floor(index * FAILING)
				? `/status/503?i=${index}`
				: `/ok?i=${index}`,
		equipmentIndex: Math.floor(index / PER_EQUIPMENT),
	}));
}

async function startServices() {
	const server = http.createServer((req, res) => {
		const status = req.url.startsWith('/status/503') ? 503 : 200;
		res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end('ok');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

const rssKb = (pid) => {
	try {
		const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
};

/** Samples the RSS of a process every 100 ms until stopped; returns the peak in MB. */
function sampleRss(pid) {
	let peak = rssKb(pid);
	const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid))), 100);
	return () => {
		clearInterval(timer);
		return Math.max(peak, rssKb(pid)) / 1024;
	};
}

/** The RSS of the idle process: the median of ten samples over a second. */
async function idleRssMb(pid) {
	const samples = [];
	for (let index = 0; index < 10; index++) {
		samples.push(rssKb(pid));
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return samples.sort((a, b) => a - b)[5] / 1024;
}

/**
 * Template nodes found by type, so the bench keeps working whatever the templates' layout. The loopback
 * services speak plain HTTP: a template that reads the HTTPS upgrade from each item gets it from the items
 * (so its per-item cost is measured as a user has it), the others get it off in the node.
 */
function configureChecks(workflow) {
	for (const node of workflow.nodes) {
		if (node.type.endsWith('.httpServiceCheck')) {
			if (!String(node.parameters.upgradeToHttps ?? '').startsWith('='))
				node.parameters.upgradeToHttps = false;
			node.parameters.options = { ...node.parameters.options, retry: { values: { retries: 0 } } };
		}
		if (node.type.endsWith('.maintenanceRequest')) node.parameters.sendNotification = false;
		if (node.name === 'Batch size' && BATCH_SIZE !== undefined) {
			node.parameters.assignments.assignments.find((field) => field.name === 'batchSize').value =
				BATCH_SIZE;
		}
	}
}

/** The batch size the run used (the template's unless --batch-size). */
function batchSizeOf(workflow) {
	const field = workflow.nodes
		.find((node) => node.name === 'Batch size')
		?.parameters.assignments.assignments.find((candidate) => candidate.name === 'batchSize');
	return field?.value ?? 'none';
}

async function createWorkflow(n8n, name, workflow) {
	const { id } = await n8n.api('POST', '/workflows', {
		name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	return id;
}

async function localRun(n8n, services, size) {
	const prefix = `local-${size}`;
	const workflow = readTemplate('http-service-monitoring.json');
	const items = serviceList(size, prefix).map(({ name, path, equipmentIndex }) => ({
		json: {
			name,
			url: services.url + path,
			equipment: `${prefix}-eq-${equipmentIndex}`,
			upgradeToHttps: false,
		},
	}));
	const code = workflow.nodes.find(
		(node) => node.type === 'n8n-nodes-base.code' && node.name === 'Services',
	);
	code.parameters.jsCode = `return ${JSON.stringify(items)};`;
	configureChecks(workflow);
	const id = await createWorkflow(n8n, `bench local ${size}`, workflow);
	const result = await measured(n8n, () =>
		runToEnd(n8n, id, 'Every 15 minutes', { timeoutMs: RUN_TIMEOUT_MS }),
	);
	return { ...result, batchSize: batchSizeOf(workflow) };
}

async function odooRun(n8n, services, size) {
	const { startOdooDouble } = await importTs('test/support/odoo-double/index.ts');
	const odoo = await startOdooDouble();
	try {
		// Seeding is not measured: records are created in the double's database directly, as the admin
		// (over RPC, each create would copy the growing table for its rollback).
		const admin = { db: odoo.state, uid: odoo.admin.uid, context: {} };
		const create = (model, values) => odoo.state.create(admin, model, values);
		const list = serviceList(size, `odoo-${size}`);
		const equipmentIds = [];
		for (let index = 0; index <= list.at(-1).equipmentIndex; index++) {
			equipmentIds.push(create('maintenance.equipment', { name: `odoo-${size}-eq-${index}` }));
		}
		// maintenance_server_data: an instance has no name, its service_id names it; every equipment runs
		// the same PER_EQUIPMENT services (the URL tells the instances apart).
		const serviceIds = [];
		for (let index = 0; index < Math.min(PER_EQUIPMENT, size); index++) {
			serviceIds.push(create('service', { name: `odoo-${size}-svc-${index}` }));
		}
		for (const [position, service] of list.entries()) {
			create('service.instance', {
				service_id: serviceIds[position % PER_EQUIPMENT],
				service_url: services.url + service.path,
				equipment_id: equipmentIds[service.equipmentIndex],
			});
		}
		const odooApi = await n8n.api('POST', '/credentials', {
			name: `bench odoo ${size}`,
			type: 'odooApi',
			data: { url: odoo.url, username: 'admin', password: odoo.admin.password, db: odoo.db },
		});
		const maintenance = await n8n.api('POST', '/credentials', {
			name: `bench odoo maintenance ${size}`,
			type: 'odooMaintenanceApi',
			data: {
				url: odoo.url,
				db: odoo.db,
				username: 'admin',
				password: odoo.admin.password,
				api: 'jsonrpc',
			},
		});
		const workflow = readTemplate('http-service-monitoring-odoo.json');
		configureChecks(workflow);
		// Templates carry no credentials: n8n's Odoo node reads with odooApi, the package's Odoo nodes use odooMaintenanceApi.
		for (const node of workflow.nodes) {
			if (node.type === 'n8n-nodes-base.odoo')
				node.credentials = { odooApi: { id: odooApi.id, name: odooApi.name } };
			if (
				node.type.startsWith('n8n-nodes-odoo-maintenance.') &&
				node.parameters.backend === 'odoo'
			) {
				node.credentials = { odooMaintenanceApi: { id: maintenance.id, name: maintenance.name } };
			}
		}
		const id = await createWorkflow(n8n, `bench odoo ${size}`, workflow);
		const callsBefore = odoo.requests.length;
		const result = await measured(n8n, () =>
			runToEnd(n8n, id, 'Every 15 minutes', { timeoutMs: RUN_TIMEOUT_MS }),
		);
		const created = odoo.state
			.rows('maintenance.request')
			.filter((row) => String(row.name).startsWith('[HTTP KO]'));
		return {
			...result,
			batchSize: batchSizeOf(workflow),
			created: created.length,
			odooRequests: odoo.requests.length - callsBefore,
		};
	} finally {
		await odoo.close();
	}
}

/**
 * Runs with the RSS of the n8n process sampled, relative to its idle RSS after start (n8n keeps the heap
 * an earlier run grew, so an idle RSS measured later would hide what the runs needed).
 */
let startIdleMb;
async function measured(n8n, run) {
	const idleMb = (startIdleMb ??= await idleRssMb(n8n.pid));
	const stop = sampleRss(n8n.pid);
	const result = await run();
	return { ...result, idleMb, peakMb: stop() - idleMb };
}

/** Per node: time summed over its runs, and items out (every output). */
function nodeTimes(execution) {
	const runData = execution.data?.resultData?.runData ?? {};
	return Object.entries(runData).map(([name, runs]) => ({
		name,
		ms: runs.reduce((sum, run) => sum + (run.executionTime ?? 0), 0),
		items: runs.reduce(
			(sum, run) =>
				sum + (run.data?.main ?? []).reduce((total, output) => total + (output?.length ?? 0), 0),
			0,
		),
	}));
}

function summarize(backend, size, result) {
	const { execution, wallMs, created, idleMb, peakMb, odooRequests, batchSize } = result;
	const perThousand = wallMs / (size / 1000);
	const failingEquipment = new Set(
		serviceList(size, 'x')
			.filter((s) => s.path.startsWith('/status'))
			.map((s) => s.equipmentIndex),
	).size;
	// The checks and reports run in the batches' own executions; the run totals their counts.
	const cycle =
		execution.data?.resultData?.runData?.['Cycle summary']?.[0]?.data?.main?.[0]?.[0]?.json ?? {};
	const requests = created ?? cycle.requestsCreated ?? 'n/a';
	console.log(
		`${backend.padEnd(5)} ${String(size).padStart(6)} services: status=${execution.status} wall=${(wallMs / 1000).toFixed(1)} s` +
			` per 1,000=${(perThousand / 1000).toFixed(2)} s peak RSS=+${peakMb.toFixed(0)} MB (idle ${idleMb.toFixed(0)} MB)` +
			` requests=${requests}/${failingEquipment} batches=${cycle.batches ?? 'n/a'} (batch size ${batchSize}) down=${cycle.down ?? 'n/a'}` +
			`${odooRequests === undefined ? '' : ` odoo calls=${odooRequests}`}`,
	);
	const error = execution.data?.resultData?.error;
	if (error) console.log(`      error: ${error.message} ${error.description ?? ''}`);
	for (const node of nodeTimes(execution)) {
		console.log(
			`      ${node.name.padEnd(42)} ${String(node.ms).padStart(7)} ms  ${String(node.items).padStart(6)} items out  ${((node.ms * 1000) / size).toFixed(0).padStart(5)} µs/service`,
		);
	}
	// One request per failing equipment, or the run did not do its job however fast it was.
	const ok = execution.status === 'success' && requests === failingEquipment;
	return { backend, size, wallMs, perThousand, peakMb, ok };
}

function verdicts(results) {
	const line = (label, pass) => console.log(`${pass ? 'PASS' : 'FAIL'}  ${label}`);
	const smallest = Math.min(...SIZES);
	const largest = Math.max(...SIZES);
	const find = (backend, size) => results.find((r) => r.backend === backend && r.size === size);
	for (const result of results)
		line(
			`${result.backend} ${result.size}: succeeded with one request per failing equipment`,
			result.ok,
		);
	const local = find('local', largest);
	if (local) {
		const target = (TARGET_MS_PER_1000 * largest) / 1000;
		line(
			`local ${largest}: ${(local.wallMs / 1000).toFixed(1)} s < ${target / 1000} s`,
			local.wallMs < target,
		);
		line(
			`local ${largest}: peak RSS +${local.peakMb.toFixed(0)} MB < ${TARGET_RSS_MB} MB`,
			local.peakMb < TARGET_RSS_MB,
		);
		const small = find('local', smallest);
		if (small && largest !== smallest) {
			const ratio = local.perThousand / small.perThousand;
			line(
				`local per 1,000 at ${largest} / at ${smallest}: ${ratio.toFixed(2)}x <= ${TARGET_SCALING}x`,
				ratio <= TARGET_SCALING,
			);
		}
	}
	for (const size of SIZES) {
		const [l, o] = [find('local', size), find('odoo', size)];
		if (!l || !o) continue;
		const ratio = o.wallMs / l.wallMs;
		line(
			`odoo/local at ${size}: ${ratio.toFixed(2)}x <= ${TARGET_ODOO_RATIO}x`,
			ratio <= TARGET_ODOO_RATIO,
		);
	}
}

// BENCH_N8N_NODE_OPTIONS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`, profiles the n8n process.
const nodeOptions = process.env.BENCH_N8N_NODE_OPTIONS;
const n8n = await startBenchN8n('monitoring', {
	extraEnv: nodeOptions ? { NODE_OPTIONS: nodeOptions } : {},
});
const services = await startServices();
try {
	console.log(
		`sizes ${SIZES.join(', ')}; ${FAILING * 100}% failing; ${PER_EQUIPMENT} services per equipment; backends ${BACKENDS.join(', ')} (load ${loadAverage()})`,
	);
	const results = [];
	for (const size of SIZES) {
		if (BACKENDS.includes('local'))
			results.push(summarize('local', size, await localRun(n8n, services, size)));
		if (BACKENDS.includes('odoo'))
			results.push(summarize('odoo', size, await odooRun(n8n, services, size)));
	}
	console.log(`(load ${loadAverage()})`);
	verdicts(results);
} finally {
	services.close();
	await n8n.stop();
}
