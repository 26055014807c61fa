import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { startServer, type SimpleServer } from '../support/httpFixtures';
import { startHttpServer, type TestServer } from '../support/servers';
import { createCredential, createWorkflow, nodeOutputs, nodeType, runWorkflow } from './harness';
import {
	batchExecutions,
	batchOutputs,
	loadTemplate,
	node,
	nodesOfType,
	setBatchSize,
	setCheckOptions,
	useCredential,
} from './templates';
import { fetchSend } from '../support/fetchSend';

describe('template http-service-monitoring-odoo.json (Odoo backend)', () => {
	let odoo: OdooDouble;
	let client: OdooClient;
	let services: TestServer;
	let receiver: SimpleServer;
	let workflowId: string;
	let equipmentIds: Record<string, number>;
	const run = Date.now().toString(36);

	beforeAll(async () => {
		odoo = await startOdooDouble();
		services = await startHttpServer();
		receiver = await startServer((_req, res) => res.writeHead(204).end());
		client = createOdooClient(
			{
				url: odoo.url,
				db: odoo.db,
				username: odoo.admin.login,
				secret: odoo.admin.password,
				api: 'jsonrpc',
			},
			fetchSend,
		);
		equipmentIds = {
			erp: await client.create('maintenance.equipment', { name: `erp-${run}`, serial_no: 'SN-1' }),
			web: await client.create('maintenance.equipment', { name: `web-${run}` }),
		};
		services.setFlipStatus(`erp-${run}`, 503);
		services.setFlipStatus(`erp-api-${run}`, 500);
		// maintenance_server_data: a service.instance has no name; its service_id names it.
		const serviceId = (name: string) => client.create('service', { name });
		await client.create('service.instance', {
			service_id: await serviceId('ERP login'),
			service_url: services.url(`/flip/erp-${run}`),
			equipment_id: equipmentIds.erp,
		});
		await client.create('service.instance', {
			service_id: await serviceId('ERP API'),
			service_url: services.url(`/flip/erp-api-${run}`),
			equipment_id: equipmentIds.erp,
		});
		await client.create('service.instance', {
			service_id: await serviceId('Website'),
			service_url: services.url('/ok'),
			equipment_id: equipmentIds.web,
		});
		await client.create('service.instance', {
			service_id: await serviceId('No URL'),
			equipment_id: equipmentIds.web,
		});

		const odooApi = await createCredential(`Odoo ${run}`, 'odooApi', {
			url: odoo.url,
			username: odoo.admin.login,
			password: odoo.admin.password,
			db: odoo.db,
		});
		const maintenanceApi = await createCredential(`Odoo Maintenance ${run}`, 'odooMaintenanceApi', {
			url: odoo.url,
			db: odoo.db,
			username: odoo.admin.login,
			password: odoo.admin.password,
			api: 'auto',
		});
		const workflow = loadTemplate('http-service-monitoring-odoo.json');
		workflow.name = `odoo monitoring ${run}`;
		// Smaller than the service list, and than erp's two services: erp's batch holds both anyway.
		setBatchSize(workflow, 1);
		useCredential([node(workflow, 'Read services from Odoo')], 'odooApi', {
			id: odooApi.id,
			name: odooApi.name,
		});
		const packageNodes = workflow.nodes.filter((candidate) =>
			candidate.type.startsWith('n8n-nodes-odoo-maintenance.'),
		);
		useCredential(
			packageNodes.filter((candidate) => candidate.type !== nodeType('httpServiceCheck')),
			'odooMaintenanceApi',
			{ id: maintenanceApi.id, name: maintenanceApi.name },
		);
		setCheckOptions(node(workflow, 'HTTP Service Check'), {
			upgradeToHttps: false,
			retries: 0,
			timeout: 2000,
		});
		for (const requestNode of nodesOfType(workflow, nodeType('maintenanceRequest'))) {
			if (requestNode.parameters.operation === 'reportFailures')
				requestNode.parameters.sendNotification = true;
			requestNode.parameters.webhookUrl = `${receiver.url}/hook`;
		}
		workflowId = await createWorkflow(workflow);
	});
	afterAll(async () => {
		await Promise.all([odoo.close(), services.close(), receiver.close()]);
	});

	const requests = () => odoo.state.rows('maintenance.request') as Array<Record<string, any>>;

	it('creates one corrective request per failing equipment in Odoo, once a day', async () => {
		const first = await runWorkflow(workflowId, 'Every 15 minutes');
		expect(first.status).toBe('success');
		const batches = await batchExecutions(first);
		expect(batches.map((batch) => batch.status)).toEqual(['success', 'success']);
		expect(
			batches.map((batch) =>
				nodeOutputs(batch, 'Services of the batch')[0].map((item) => item.name),
			),
		).toEqual([['ERP login', 'ERP API'], ['Website']]);
		expect(first.data?.resultData.runData['HTTP Service Check']).toBeUndefined();
		expect(nodeOutputs(first, 'Cycle summary')[0]).toEqual([
			{
				batches: 2,
				services: 3,
				inMaintenance: 0,
				up: 1,
				down: 2,
				requestsReported: 1,
				requestsCreated: 1,
				requestsClosed: 0,
			},
		]);
		const [checkedUp, checkedDown] = batchOutputs(batches, 'HTTP Service Check');
		expect(checkedUp.map((item) => item.name)).toEqual(['Website']);
		expect(checkedDown.map((item) => item.name).sort()).toEqual(['ERP API', 'ERP login']);

		const created = requests().filter((request) => String(request.name).startsWith('[HTTP KO]'));
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({
			name: `[HTTP KO] erp-${run}`,
			maintenance_type: 'corrective',
			priority: '2',
			equipment_id: equipmentIds.erp,
		});
		expect(created[0].description).toContain('<li>');
		expect(created[0].description).toContain(services.url(`/flip/erp-api-${run}`));
		expect(created[0].description).toContain('HTTP 503');

		const [reported] = batchOutputs(batches, 'Report failures');
		expect(reported).toHaveLength(1);
		expect(reported[0]).toMatchObject({
			id: created[0].id,
			created: true,
			link: `${odoo.url}/web#id=${created[0].id}&model=maintenance.request&view_type=form`,
			notification: { status: 'sent' },
		});
		const hook = JSON.parse(receiver.requests[0].body);
		expect(hook).toEqual({
			id: created[0].id,
			name: `[HTTP KO] erp-${run}`,
			priority: '2',
			description: reported[0].description,
			equipment: `erp-${run}`,
			link: reported[0].link,
		});

		const second = await runWorkflow(workflowId, 'Every 15 minutes');
		expect(second.status).toBe('success');
		expect(
			requests().filter((request) => String(request.name).startsWith('[HTTP KO]')),
		).toHaveLength(1);
		expect(receiver.requests).toHaveLength(1);
	}, 180_000);

	it('closes the request in Odoo when every service of the equipment is up again', async () => {
		services.setFlipStatus(`erp-${run}`, 200);
		services.setFlipStatus(`erp-api-${run}`, 200);
		const execution = await runWorkflow(workflowId, 'Every 15 minutes');
		expect(execution.status).toBe('success');
		const [resolved] = batchOutputs(await batchExecutions(execution), 'Resolve recovered');
		expect(resolved.map((item) => item.equipment)).toContain(`erp-${run}`);
		const request = requests().find((row) => row.name === `[HTTP KO] erp-${run}`);
		const stage = (odoo.state.rows('maintenance.stage') as Array<Record<string, any>>).find(
			(row) => row.id === request?.stage_id,
		);
		expect(stage?.done).toBe(true);
	}, 120_000);
});
