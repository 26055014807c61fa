/** The Service Status node's Odoo backend against the Odoo double: requests and windows read from Odoo. */
import type { IDataObject } from 'n8n-workflow';

import { odooBackend } from '../../nodes/MaintenanceMode/backends/odoo';
import { odooRequestBackend } from '../../nodes/MaintenanceRequest/backends/odoo';
import { serviceStatusProperties } from '../../nodes/ServiceStatus/description';
import { executeServiceStatus } from '../../nodes/ServiceStatus/execute';
import { recordCheck, serviceKey } from '../../nodes/shared/store/serviceStatus';
import { closeAllStateStores, type StateStore } from '../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { freshStoreOption, openStoreAt } from '../support/stores';
import { adminClient, adminCredential } from '../support/odooAdmin';

let odoo: OdooDouble;
let store: StateStore;
let option: string;

beforeAll(async () => {
	odoo = await startOdooDouble();
	option = freshStoreOption('sqlite');
	store = await openStoreAt(option);
});

afterAll(async () => {
	await store.close();
	await closeAllStateStores();
	await odoo.close();
});

const client = () => adminClient(odoo);

function run(parameters: Record<string, unknown>) {
	const context = fakeExecuteFunctions({
		items: [{}],
		properties: serviceStatusProperties,
		nodeName: 'Service Status',
		nodeType: 'n8n-nodes-odoo-maintenance.serviceStatus',
		credentials: {
			odooMaintenanceApi: adminCredential(odoo),
		},
		parameters: { backend: 'odoo', options: { storePath: option }, ...parameters },
	});
	return executeServiceStatus.call(context);
}

test('Overview and page show the open [HTTP KO] request linked to Odoo and the Odoo maintenance window', async () => {
	const admin = client();
	const web = await admin.create('maintenance.equipment', { name: 'web-01' });
	const erp = await admin.create('maintenance.equipment', { name: 'erp-01' });
	const now = new Date().toISOString();
	// As the Odoo monitoring template: equipment is the Odoo ID.
	for (const [equipment, name, ok] of [
		[String(web), 'Website', false],
		[String(erp), 'Odoo', true],
	] as const) {
		const url = `http://127.0.0.1:1/${name}`;
		await recordCheck(
			store,
			{
				serviceKey: serviceKey(equipment, name, url),
				equipment,
				serviceName: name,
				url,
				ok,
				statusCode: ok ? 200 : 503,
				errorCode: ok ? null : 'UNEXPECTED_STATUS',
				checkedAt: now,
			},
			{ failureThreshold: 1, successThreshold: 1 },
		);
	}
	const reported = await odooRequestBackend(admin, store, { url: odoo.url, db: odoo.db }).report(
		String(web),
		[
			{
				service: 'Website',
				url: 'http://127.0.0.1:1/Website',
				statusCode: 503,
				error: 'UNEXPECTED_STATUS',
				failedAt: now,
			},
		],
		{ day: now.slice(0, 10), priority: '2', now },
	);
	await odooBackend(admin).activate(String(erp), 2, 'Database upgrade', now);

	const [items] = await run({ operation: 'overview' });
	const byName = Object.fromEntries(items.map((item) => [item.json.name, item.json])) as Record<
		string,
		IDataObject
	>;
	expect(byName.Website).toMatchObject({
		state: 'down',
		openRequest: {
			id: reported.id,
			name: reported.name,
			equipmentId: web,
			link: `${odoo.url}/web#id=${reported.id}&model=maintenance.request&view_type=form`,
		},
	});
	expect(byName.Odoo).toMatchObject({
		state: 'maintenance',
		maintenance: { active: true, reason: 'Database upgrade' },
	});

	const [[page]] = await run({ operation: 'statusPage', format: 'html' });
	expect(String(page.json.body)).toContain(
		`<a href="${odoo.url}/web#id=${reported.id}&#38;model=maintenance.request&#38;view_type=form">`,
	);
});
