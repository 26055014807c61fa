// The Maintenance Mode node on its Odoo backend, run with a small fake of n8n's execute context.
import { NodeOperationError } from 'n8n-workflow';

import { DURATION_PARAMETER } from '../../nodes/MaintenanceMode/backends/odoo';
import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { nodeError, runNode, type FakeRun } from '../unit/maintenance-mode/fakeExecute';
import { fetchSend } from '../support/fetchSend';

const HOUR_MS = 3_600_000;

let odoo: OdooDouble;
let admin: OdooClient;

beforeAll(async () => {
	odoo = await startOdooDouble();
});

beforeEach(async () => {
	await odoo.reset();
	admin = createOdooClient(
		{
			url: odoo.url,
			db: odoo.db,
			username: odoo.admin.login,
			secret: odoo.admin.password,
			api: 'jsonrpc',
		},
		fetchSend,
	);
	await admin.create('maintenance.equipment', { name: 'srv-01' });
	await admin.create('maintenance.equipment', { name: 'srv-02' });
	odoo.requests.length = 0;
});

afterAll(async () => {
	await odoo.close();
});

function onOdoo(
	parameters: FakeRun['parameters'],
	run: Partial<FakeRun> = {},
	user: 'admin' | 'tech' = 'admin',
): FakeRun {
	return {
		credentials: {
			url: odoo.url,
			db: odoo.db,
			username: odoo[user].login,
			password: odoo[user].apiKey,
			api: 'auto',
		},
		...run,
		parameters: { backend: 'odoo', ...parameters },
	};
}

const hoursOf = (json: Record<string, any>) =>
	(Date.parse(json.end) - Date.parse(json.start)) / HOUR_MS;
const created = () => odoo.calls().filter((call) => /\.(create|write)$/.test(call));

describe('Activate with the Odoo backend', () => {
	beforeEach(async () => {
		await admin.call('ir.config_parameter', 'set_param', {
			kwargs: { key: DURATION_PARAMETER, value: '2' },
		});
	});

	it('takes the duration from the Odoo system parameter', async () => {
		const mark = odoo.requests.length;
		const [[item]] = await runNode(onOdoo({ operation: 'activate', equipment: 'srv-01' }));
		expect(item.json).toMatchObject({ equipment: 'srv-01', active: true, source: 'odoo' });
		expect(hoursOf(item.json)).toBe(2);
		// An admin API key on Odoo 19: Auto chose JSON-2.
		expect(odoo.requests.slice(mark).map((entry) => entry.protocol)).not.toContain('jsonrpc');
	});

	it('lets a typed duration win over the Odoo system parameter', async () => {
		const [[item]] = await runNode(
			onOdoo({ operation: 'activate', equipment: 'srv-01', durationHours: 3 }),
		);
		expect(hoursOf(item.json)).toBe(3);
		expect(odoo.calls()).not.toContain('ir.config_parameter.get_param');
	});

	it.each([0, '', null])(
		'takes the Odoo system parameter when the duration is %p (e.g. an empty form field)',
		async (durationHours) => {
			const [[item]] = await runNode(
				onOdoo({ operation: 'activate', equipment: 'srv-01', durationHours }),
			);
			expect(hoursOf(item.json)).toBe(2);
		},
	);

	it('keeps the default duration when "Default Duration From Odoo" is off', async () => {
		const [[item]] = await runNode(
			onOdoo({
				operation: 'activate',
				equipment: 'srv-01',
				options: { durationFromOdoo: false },
			}),
		);
		expect(hoursOf(item.json)).toBe(4);
		expect(odoo.calls()).not.toContain('ir.config_parameter.get_param');
	});

	it('keeps the node duration when the Odoo user may not read system parameters', async () => {
		const [[item]] = await runNode(
			onOdoo({ operation: 'activate', equipment: 'srv-01', durationHours: 5 }, {}, 'tech'),
		);
		expect(hoursOf(item.json)).toBe(5);
	});
});

describe('errors with the Odoo backend', () => {
	it('names an unknown equipment and creates nothing', async () => {
		for (const operation of ['activate', 'deactivate', 'getStatus']) {
			const error = await nodeError(onOdoo({ operation, equipment: 'srv-nope' }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe(
				'Equipment "srv-nope" does not exist in Odoo (maintenance.equipment, by name or ID)',
			);
			expect((error as NodeOperationError).description).toMatch(/never creates equipment/);
		}
		expect(created()).toEqual([]);
		expect(odoo.state.rows('maintenance.equipment')).toHaveLength(2);
	});

	it('rejects bad input before calling Odoo at all', async () => {
		for (const run of [
			onOdoo({ operation: 'activate', equipment: 'srv-01', durationHours: -4 }),
			onOdoo({ operation: 'activate', equipment: ' ' }),
			onOdoo({
				operation: 'scheduleWindow',
				equipment: 'srv-01',
				start: '2099-01-01 02:00',
				timeZone: 'Nowhere/City',
			}),
			onOdoo({
				operation: 'scheduleWindow',
				equipment: 'srv-01',
				start: '2099-01-01 02:00',
				weekdays: [1, 3],
			}),
		]) {
			expect(await nodeError(run)).toBeInstanceOf(NodeOperationError);
		}
		expect(odoo.requests).toEqual([]);
	});

	it('says weekly windows need the Local backend', async () => {
		const error = await nodeError(
			onOdoo({
				operation: 'scheduleWindow',
				equipment: 'srv-01',
				start: '2099-01-01 02:00',
				weekdays: [1],
			}),
		);
		expect(error.message).toMatch(
			/^The parameter "Repeat on Weekdays" is invalid: .*Local backend/,
		);
	});
});

it('Filter Items on the Odoo backend: unknown or missing equipment is not in maintenance', async () => {
	await runNode(onOdoo({ operation: 'activate', equipment: 'srv-01' }));
	const items = [
		{ json: { equipment: 'srv-01' } },
		{ json: { equipment: 'srv-02' } },
		{ json: { equipment: 'srv-unknown' } },
		{ json: {} },
	];
	const mark = created().length;
	const [notIn, inMaintenance] = await runNode(
		onOdoo({ operation: 'filterItems', equipment: (item) => item.json.equipment }, { items }),
	);
	expect(notIn.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
	expect(inMaintenance.map((item) => item.json)).toEqual([{ equipment: 'srv-01' }]);
	expect(created().slice(mark)).toEqual([]);
});
