/** List Requests and Close Request with the Odoo backend, against the Odoo double. */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { MaintenanceRequest } from '../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { odooRequestBackend } from '../../nodes/MaintenanceRequest/backends/odoo';
import { maintenanceRequestProperties } from '../../nodes/MaintenanceRequest/description';
import { closeAllStateStores, type StateStore } from '../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { freshStoreOption, openStoreAt } from '../support/stores';
import { adminClient, adminCredential } from '../support/odooAdmin';

const REQUEST = 'maintenance.request';
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
		properties: maintenanceRequestProperties,
		credentials: {
			odooMaintenanceApi: adminCredential(odoo),
		},
		parameters: { backend: 'odoo', options: { storePath: option }, ...parameters },
	});
	return new MaintenanceRequest().execute.call(context);
}

test('lists the [HTTP KO] requests of Odoo and closes one in the first done stage with the note', async () => {
	const admin = client();
	const web = await admin.create('maintenance.equipment', { name: 'web-01' });
	await admin.create('maintenance.equipment', { name: 'erp-01' });
	const now = new Date().toISOString();
	const requests = odooRequestBackend(admin, store, { url: odoo.url, db: odoo.db });
	const failing = (service: string) => [
		{
			service,
			url: `http://127.0.0.1:1/${service}`,
			statusCode: 503,
			error: 'UNEXPECTED_STATUS',
			failedAt: now,
		},
	];
	const webRequest = await requests.report('web-01', failing('site'), {
		day: now.slice(0, 10),
		priority: '2',
		now,
	});
	const erpRequest = await requests.report('erp-01', failing('erp'), {
		day: now.slice(0, 10),
		priority: '2',
		now,
	});
	// A request that is not this package's is never listed.
	await admin.create(REQUEST, { name: 'Replace the UPS battery', equipment_id: web });

	const [open] = await run({ operation: 'listRequests', listState: 'open' });
	expect(open.map((item) => item.json.id).sort()).toEqual([webRequest.id, erpRequest.id].sort());
	const [ofWeb] = await run({ operation: 'listRequests', listEquipment: 'web-01' });
	expect(ofWeb.map((item) => item.json)).toEqual([
		expect.objectContaining({
			id: webRequest.id,
			name: '[HTTP KO] web-01',
			equipment: 'web-01',
			state: 'open',
			link: `${odoo.url}/web#id=${webRequest.id}&model=maintenance.request&view_type=form`,
		}),
	]);

	const [[closed]] = await run({
		operation: 'closeRequest',
		requestId: webRequest.id,
		note: 'Restarted the proxy <by hand>',
	});
	expect(closed.json).toMatchObject({ id: webRequest.id, state: 'closed' });
	const [record] = await admin.read(REQUEST, [webRequest.id], ['stage_id']);
	const [firstDone] = await admin.searchRead('maintenance.stage', [['done', '=', true]], {
		fields: ['id'],
		order: 'sequence, id',
		limit: 1,
	});
	expect((record.stage_id as [number, string])[0]).toBe(firstDone.id);
	const notes = await admin.searchRead(
		'mail.message',
		[
			['model', '=', REQUEST],
			['res_id', '=', webRequest.id],
			['message_type', '=', 'comment'],
		],
		{ fields: ['body'] },
	);
	expect(notes.map((note) => String(note.body))).toContainEqual(
		expect.stringContaining('Restarted the proxy &lt;by hand&gt;'),
	);

	const [closedList] = await run({ operation: 'listRequests', listState: 'closed' });
	expect(closedList.map((item) => item.json.id)).toEqual([webRequest.id]);
	const error = await run({ operation: 'closeRequest', requestId: webRequest.id }).catch(
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toMatch(/requestId.*no open \[HTTP KO\] request/);
	const [all] = await run({ operation: 'listRequests', listState: 'all' });
	expect((all as Array<{ json: IDataObject }>).map((item) => item.json.state).sort()).toEqual([
		'closed',
		'open',
	]);
});
