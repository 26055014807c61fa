// Check history at scale. (1) The SQLite store after a simulated year of 10,000 services checked every
// 15 minutes: the rows the tiered retention leaves (48 h raw, 30 days hourly, a year of daily figures),
// written directly, then the file size. Target < 1 GB. (2) The status page (template service-status-page)
// in a real n8n for those 10,000 services, with 30 days of history and then with the year: p50/p99 over
// repeated requests. Target < 1 s. (3) The 1,000-service local monitoring run with Record History on and
// off, alternated, in the same n8n. Target: history adds at most 10 %.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { importTs, loadAverage, readTemplate, runToEnd, startBenchN8n } from './lib.mjs';

const SERVICES = 10_000;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const QUARTER = 15 * 60_000;
const PAGE_REQUESTS = 30;
const MONITORING_SERVICES = 1000;
const MONITORING_ROUNDS = 3;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-bench-history-'));
const storeFile = path.join(work, 'state.sqlite');
const now = Date.now();

/** Deterministic pseudo-random numbers, so every run writes the same data. */
let seed = 42;
const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;

async function createStore() {
	const { openSqliteStore } = await importTs('nodes/shared/store/sqliteStore.ts');
	const { sketchBucket, encodeSketch } = await importTs('nodes/shared/history/stats.ts');
	const store = openSqliteStore(storeFile);
	await store.close();
	return { sketchBucket, encodeSketch };
}

function insertMany(db, table, columns, rows) {
	const perStatement = Math.floor(30_000 / columns.length);
	const row = `(${columns.map(() => '?').join(',')})`;
	const full = db.prepare(
		`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(perStatement).fill(row).join(',')}`,
	);
	let batch = [];
	let count = 0;
	const flush = (statement) => {
		statement.run(...batch);
		batch = [];
	};
	for (const values of rows) {
		batch.push(...values);
		if (++count % perStatement === 0) flush(full);
	}
	const rest = count % perStatement;
	if (rest)
		flush(
			db.prepare(
				`INSERT INTO ${table} (${columns.join(',')}) VALUES ${Array(rest).fill(row).join(',')}`,
			),
		);
	return count;
}

/** One service's response time around its own typical value; 1 % of checks fail. */
function check(service) {
	const ok = random() > 0.01;
	return { ok, ms: Math.round(40 + (service % 50) * 4 + random() * 60) };
}

function* serviceStatusRows() {
	for (let service = 0; service < SERVICES; service++) {
		const equipment = `eq-${Math.floor(service / 10)}`;
		yield [
			`${equipment}|svc-${service}|https://svc-${service}.example.test/`,
			equipment,
			`svc-${service}`,
			`https://svc-${service}.example.test/`,
			200,
			new Date(now).toISOString(),
			1,
			'up',
		];
	}
}

function* rawRows(from) {
	for (let at = Math.ceil(from / QUARTER) * QUARTER; at <= now; at += QUARTER) {
		for (let service = 1; service <= SERVICES; service++) {
			const { ok, ms } = check(service);
			yield [service, at, ok ? 1 : 0, 0, ok ? 200 : 503, ms, ok ? null : 'UNEXPECTED_STATUS'];
		}
	}
}

/** Hourly rows from 256 precomputed hours of 4 checks (computing each would make the bench CPU-bound). */
function* hourlyRows(from, helpers) {
	const variants = Array.from({ length: 256 }, (_, variant) => {
		const sketch = new Map();
		let failures = 0,
			sum = 0,
			min = Infinity,
			max = 0;
		for (let index = 0; index < 4; index++) {
			const { ok, ms } = check(variant);
			if (!ok) failures++;
			sum += ms;
			min = Math.min(min, ms);
			max = Math.max(max, ms);
			const key = helpers.sketchBucket(ms);
			sketch.set(key, (sketch.get(key) ?? 0) + 1);
		}
		return [4, failures, 0, sum, 4, min, max, helpers.encodeSketch(sketch)];
	});
	for (let bucket = Math.floor(from / HOUR) * HOUR; bucket <= now; bucket += HOUR) {
		for (let service = 1; service <= SERVICES; service++) {
			yield [service, bucket, ...variants[(service * 31 + bucket / HOUR) & 255]];
		}
	}
}

function* dailyRows(fromDay, toDay) {
	for (let bucket = fromDay; bucket <= toDay; bucket += DAY) {
		for (let service = 1; service <= SERVICES; service++) {
			const failures = random() < 0.2 ? Math.ceil(random() * 3) : 0;
			const base = 40 + (service % 50) * 4;
			yield [service, bucket, 96, failures, 0, 96 * (base + 30), 96, base, base + 60];
		}
	}
}

function fileSize() {
	return ['', '-wal'].reduce(
		(total, suffix) =>
			total + (fs.existsSync(storeFile + suffix) ? fs.statSync(storeFile + suffix).size : 0),
		0,
	);
}

function writeDaily(db, fromDay, toDay) {
	const started = performance.now();
	db.exec('BEGIN');
	const rows = insertMany(
		db,
		'history_daily',
		[
			'service_id',
			'bucket',
			'checks',
			'failures',
			'maintenance',
			'rt_sum',
			'rt_count',
			'rt_min',
			'rt_max',
		],
		dailyRows(fromDay, toDay),
	);
	db.exec('COMMIT');
	return { rows, seconds: (performance.now() - started) / 1000 };
}

function percentile(values, p) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Waits (polling, 120 s at most) until n8n has registered the page's production webhook. */
async function waitForPage(n8n) {
	const deadline = Date.now() + 120_000;
	while ((await fetch(`${n8n.baseUrl}/webhook/status?format=json`)).status === 404) {
		if (Date.now() > deadline)
			throw new Error('the status page webhook was not registered within 120 s');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

async function measurePage(n8n, label) {
	const times = [];
	let bytes = 0;
	for (let index = 0; index < PAGE_REQUESTS; index++) {
		const started = performance.now();
		const response = await fetch(`${n8n.baseUrl}/webhook/status`);
		const body = await response.text();
		times.push(performance.now() - started);
		if (response.status !== 200 || !body.includes('svc-9999'))
			throw new Error(`status page answered ${response.status}: ${body.slice(0, 200)}`);
		bytes = body.length;
	}
	const p50 = percentile(times, 50);
	const p99 = percentile(times, 99);
	console.log(
		`status page, ${SERVICES} services, ${label}: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${PAGE_REQUESTS} requests (${(bytes / 1e6).toFixed(1)} MB of HTML)  target < 1000 ms: ${p99 < 1000 ? 'PASS' : 'FAIL'}`,
	);
}

async function startServices() {
	const server = http.createServer((req, res) => {
		const status = req.url.startsWith('/status/503') ? 503 : 200;
		res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end('ok');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** The 1,000-service local monitoring run, with history on and off alternately; median wall times. */
async function measureMonitoring(n8n) {
	const services = await startServices();
	try {
		const items = Array.from({ length: MONITORING_SERVICES }, (_, index) => ({
			json: {
				name: `mon-${index}`,
				url: `${services.url}${index % 10 === 0 ? '/status/503' : '/ok'}?i=${index}`,
				equipment: `mon-eq-${Math.floor(index / 10)}`,
			},
		}));
		const ids = {};
		for (const history of [true, false]) {
			const workflow = readTemplate('http-service-monitoring.json');
			workflow.nodes.find((node) => node.name === 'Services').parameters.jsCode =
				`return ${JSON.stringify(items)};`;
			for (const node of workflow.nodes) {
				// Version 2 of HTTP Service Check: the HTTPS upgrade by the URL, options in groups.
				if (node.type.endsWith('.httpServiceCheck')) {
					node.parameters.upgradeToHttps = false;
					node.parameters.options = {
						retry: { values: { retries: 0 } },
						history: { values: { recordHistory: history } },
					};
				}
				if (node.type.endsWith('.maintenanceRequest')) node.parameters.sendNotification = false;
			}
			ids[history] = (
				await n8n.api('POST', '/workflows', {
					name: `history ${history}`,
					nodes: workflow.nodes,
					connections: workflow.connections,
					settings: workflow.settings,
				})
			).id;
		}
		const engine = { true: [], false: [] };
		// A first run of each warms n8n and creates the rows of every service.
		await runToEnd(n8n, ids.true, 'Every 15 minutes');
		await runToEnd(n8n, ids.false, 'Every 15 minutes');
		for (let round = 0; round < MONITORING_ROUNDS; round++) {
			for (const history of round % 2 ? [false, true] : [true, false]) {
				const { execution } = await runToEnd(n8n, ids[history], 'Every 15 minutes');
				if (execution.status !== 'success')
					throw new Error(`monitoring run failed: ${execution.status}`);
				const runData = execution.data.resultData.runData['HTTP Service Check'][0];
				engine[history].push(runData.executionTime);
			}
		}
		const median = (values) => percentile(values, 50);
		const on = median(engine.true);
		const off = median(engine.false);
		const overhead = ((on - off) / off) * 100;
		console.log(
			`monitoring run, ${MONITORING_SERVICES} services, HTTP Service Check node time (median of ${MONITORING_ROUNDS}): history on ${on} ms, off ${off} ms, +${overhead.toFixed(1)} %  target <= 10 %: ${overhead <= 10 ? 'PASS' : 'FAIL'}`,
		);
		console.log(`  on: ${engine.true.join(', ')} ms; off: ${engine.false.join(', ')} ms`);
	} finally {
		services.close();
	}
}

try {
	console.log(`load ${loadAverage()}`);
	const helpers = await createStore();
	const db = new DatabaseSync(storeFile);
	db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
	let started = performance.now();
	db.exec('BEGIN');
	insertMany(
		db,
		'service_status',
		[
			'service_key',
			'equipment',
			'service_name',
			'url',
			'last_status_code',
			'last_check_at',
			'last_ok',
			'reported_state',
		],
		serviceStatusRows(),
	);
	insertMany(
		db,
		'history_services',
		['id', 'service_key', 'last_response_ms'],
		(function* () {
			for (let service = 1; service <= SERVICES; service++) {
				const equipment = `eq-${Math.floor((service - 1) / 10)}`;
				yield [
					service,
					`${equipment}|svc-${service - 1}|https://svc-${service - 1}.example.test/`,
					100,
				];
			}
		})(),
	);
	const raw = insertMany(
		db,
		'history_raw',
		['service_id', 'at', 'ok', 'maintenance', 'status_code', 'response_ms', 'error_code'],
		rawRows(now - 48 * HOUR),
	);
	const hourly = insertMany(
		db,
		'history_hourly',
		[
			'service_id',
			'bucket',
			'checks',
			'failures',
			'maintenance',
			'rt_sum',
			'rt_count',
			'rt_min',
			'rt_max',
			'sketch',
		],
		hourlyRows(now - 30 * DAY, helpers),
	);
	db.exec('COMMIT');
	const today = Math.floor(now / DAY) * DAY;
	const month = writeDaily(db, today - 29 * DAY, today);
	db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
	console.log(
		`30 days written: ${raw} raw, ${hourly} hourly, ${month.rows} daily rows in ${((performance.now() - started) / 1000).toFixed(0)} s; store ${(fileSize() / 1e6).toFixed(0)} MB`,
	);

	const n8n = await startBenchN8n('history', {
		extraEnv: { N8N_ODOO_MAINTENANCE_STORE: storeFile },
	});
	try {
		const template = readTemplate('service-status-page.json');
		const { id } = await n8n.api('POST', '/workflows', {
			name: template.name,
			nodes: template.nodes,
			connections: template.connections,
			settings: template.settings,
		});
		await n8n.api('POST', `/workflows/${id}/activate`);
		await waitForPage(n8n);
		await measurePage(n8n, '30 days of history');

		started = performance.now();
		const year = writeDaily(db, today - 364 * DAY, today - 30 * DAY);
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
		const size = fileSize();
		console.log(
			`a year: +${year.rows} daily rows (365 days in all) in ${((performance.now() - started) / 1000).toFixed(0)} s; SQLite store ${(size / 1e6).toFixed(0)} MB  target < 1000 MB: ${size < 1e9 ? 'PASS' : 'FAIL'}`,
		);
		await measurePage(n8n, 'a year of history');
		await measureMonitoring(n8n);
	} finally {
		await n8n.stop();
	}
	db.close();
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
