// A monitoring run of 1,000 services (10% failing, over 100 equipment) through the monitoring templates in a
// real n8n, start to finish: once with the local backend, once against the Odoo test double. Target: < 10 s.
import http from 'node:http';

import { importTs, loadAverage, readTemplate, runToEnd, startBenchN8n } from './lib.mjs';

const SERVICES = 1000;
const EQUIPMENT = 100;
const TARGET_MS = 10_000;

const equipmentIndex = (serviceIndex) => Math.floor(serviceIndex / (SERVICES / EQUIPMENT));

function serviceList() {
	return Array.from({ length: SERVICES }, (_, index) => ({
		name: `svc-${index}`,
		// Ten services per equipment, the first of each failing.
		path: index % 10 === 0 ? `/status/503?i=${index}` : `/ok?i=${index}`,
		equipment: `bench-eq-${equipmentIndex(index)}`,
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

function configureChecks(workflow) {
	for (const node of workflow.nodes) {
		// Version 2 of HTTP Service Check: the HTTPS upgrade by the URL, retries in a group.
		if (node.type.endsWith('.httpServiceCheck')) {
			node.parameters.upgradeToHttps = false;
			node.parameters.options = { retry: { values: { retries: 0 } } };
		}
		if (node.type.endsWith('.maintenanceRequest')) node.parameters.sendNotification = false;
	}
}

async function localRun(n8n, services) {
	const workflow = readTemplate('http-service-monitoring.json');
	const items = serviceList().map(({ path, ...rest }) => ({ json: { ...rest, url: services.url + path } }));
	workflow.nodes.find((node) => node.name === 'Services').parameters.jsCode = `return ${JSON.stringify(items)};`;
	configureChecks(workflow);
	const { id } = await n8n.api('POST', '/workflows', {
		name: 'bench local',
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
	});
	return runToEnd(n8n, id, 'Every 15 minutes');
}

async function odooRun(n8n, services) {
	const { startOdooDouble } = await importTs('test/support/odoo-double/index.ts');
	const { createOdooClient } = await importTs('nodes/shared/odoo/client.ts');
	const { fetchSend } = await importTs('test/support/fetchSend.ts');
	const odoo = await startOdooDouble();
	try {
		const client = createOdooClient({ url: odoo.url, db: odoo.db, username: 'admin', secret: odoo.admin.password, api: 'jsonrpc' }, fetchSend);
		const equipmentIds = [];
		for (let index = 0; index < EQUIPMENT; index++) {
			equipmentIds.push(await client.create('maintenance.equipment', { name: `bench-eq-${index}` }));
		}
		for (const [index, service] of serviceList().entries()) {
			await client.create('service.instance', {
				name: service.name,
				service_url: services.url + service.path,
				equipment_id: equipmentIds[equipmentIndex(index)],
			});
		}
		const odooApi = await n8n.api('POST', '/credentials', {
			name: 'bench odoo',
			type: 'odooApi',
			data: { url: odoo.url, username: 'admin', password: odoo.admin.password, db: odoo.db },
		});
		const maintenance = await n8n.api('POST', '/credentials', {
			name: 'bench odoo maintenance',
			type: 'odooMaintenanceApi',
			data: { url: odoo.url, db: odoo.db, username: 'admin', password: odoo.admin.password, api: 'jsonrpc' },
		});
		const workflow = readTemplate('http-service-monitoring-odoo.json');
		configureChecks(workflow);
		for (const node of workflow.nodes) {
			if (node.credentials?.odooApi) node.credentials.odooApi = { id: odooApi.id, name: odooApi.name };
			if (node.credentials?.odooMaintenanceApi) {
				node.credentials.odooMaintenanceApi = { id: maintenance.id, name: maintenance.name };
			}
		}
		const { id } = await n8n.api('POST', '/workflows', {
			name: 'bench odoo',
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings,
		});
		const result = await runToEnd(n8n, id, 'Every 15 minutes');
		const created = odoo.state.rows('maintenance.request').filter((row) => String(row.name).startsWith('[HTTP KO]'));
		return { ...result, created: created.length };
	} finally {
		await odoo.close();
	}
}

function summarize(label, { execution, wallMs, created }) {
	const runData = execution.data.resultData.runData;
	const down = runData['HTTP Service Check']?.[0]?.data?.main?.[1]?.length ?? 0;
	const requests = created ?? runData['Report failures']?.[0]?.data?.main?.[0]?.length ?? 0;
	const engineMs = Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt);
	const verdict = execution.status === 'success' && wallMs < TARGET_MS ? 'PASS' : 'FAIL';
	console.log(
		`${label.padEnd(8)} status=${execution.status} wall=${(wallMs / 1000).toFixed(2)} s engine=${(engineMs / 1000).toFixed(2)} s down=${down} requests=${requests}  target < ${TARGET_MS / 1000} s: ${verdict}`,
	);
}

const n8n = await startBenchN8n('monitoring');
const services = await startServices();
try {
	console.log(`${SERVICES} services, ${SERVICES / 10} failing, ${EQUIPMENT} equipment (load ${loadAverage()})`);
	summarize('local', await localRun(n8n, services));
	summarize('odoo', await odooRun(n8n, services));
} finally {
	services.close();
	await n8n.stop();
}
