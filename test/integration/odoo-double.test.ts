/** What the double does beyond the transcripts: domains, service.instance, its test hooks. */
import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { OdooError } from '../../nodes/shared/odoo/errors';
import type { OdooDomain } from '../../nodes/shared/odoo/types';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { searchCount } from '../support/odooCount';
import { fetchSend } from '../support/fetchSend';
import { adminClient } from '../support/odooAdmin';

let odoo: OdooDouble;
let client: OdooClient;

beforeAll(async () => {
	odoo = await startOdooDouble();
});

beforeEach(async () => {
	await odoo.reset();
	client = adminClient(odoo);
});

afterAll(async () => {
	await odoo.close();
});

describe('service, service.version, service.instance (module maintenance_server_data)', () => {
	const as = (user: 'admin' | 'tech', api: 'json2' | 'jsonrpc' = 'json2') =>
		createOdooClient(
			{
				url: odoo.url,
				db: odoo.db,
				username: user,
				secret: odoo[user].apiKey,
				api,
				retries: 0,
			},
			fetchSend,
		);

	it('stores what real Odoo has: service_id (required), version_id, service_url, equipment_id', async () => {
		const equipment = await client.create('maintenance.equipment', { name: 'srv-01' });
		const service = await client.create('service', { name: 'shop' });
		const version = await client.create('service.version', {
			service_id: service,
			name: '1.0',
			is_last_version: true,
		});
		const id = await client.create('service.instance', {
			service_id: service,
			version_id: version,
			service_url: 'https://shop.example.test/',
			equipment_id: equipment,
		});
		expect(
			await client.searchRead('service.instance', [['equipment_id', '=', equipment]], {
				fields: ['service_id', 'version_id', 'service_url', 'equipment_id', 'display_name'],
			}),
		).toEqual([
			{
				id,
				service_id: [service, 'shop'],
				version_id: [version, '1.0'],
				service_url: 'https://shop.example.test/',
				equipment_id: [equipment, 'srv-01'],
				display_name: `service.instance,${id}`,
			},
		]);
		expect(
			await client.read('maintenance.equipment', [equipment], ['service_ids', 'server_ip']),
		).toEqual([{ id: equipment, service_ids: [id], server_ip: false }]);
		await expect(
			client.create('service.instance', { service_url: 'https://x.example.test/' }),
		).rejects.toMatchObject({
			message: expect.stringContaining(
				"Missing required value for the field 'Service' (service_id)",
			),
		});
	});

	it('has no name and no active: asking for them fails as in real Odoo', async () => {
		const service = await client.create('service', { name: 'shop' });
		await client.create('service.instance', { service_id: service });
		for (const api of ['json2', 'jsonrpc'] as const) {
			await expect(
				as('admin', api).searchRead('service.instance', [], { fields: ['name', 'service_url'] }),
			).rejects.toMatchObject({
				odooName: 'builtins.ValueError',
				message: "Invalid field 'name' on 'service.instance'",
			});
		}
		await expect(
			client.searchRead('service.instance', [['name', '=', 'x']], { fields: ['service_url'] }),
		).rejects.toMatchObject({
			message: "Invalid field service.instance.name in condition ('name', '=', 'x')",
		});
		await expect(
			client.create('service.instance', { service_id: service, active: false }),
		).rejects.toMatchObject({ odooName: 'builtins.ValueError' });
		const json2 = await fetch(`${odoo.url}/json/2/service.instance/search_read`, {
			method: 'POST',
			headers: {
				Authorization: `bearer ${odoo.admin.apiKey}`,
				'X-Odoo-Database': odoo.db,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({ domain: [], fields: ['name'] }),
		});
		expect(json2.status).toBe(500);
	});

	it('employees read, Equipment Managers manage', async () => {
		const service = await client.create('service', { name: 'shop' });
		await client.create('service.instance', { service_id: service });
		odoo.state.accounts.get(odoo.tech.uid)!.groups = ['user'];
		const employee = as('tech');
		expect(await searchCount(employee, 'service.instance', [])).toBe(1);
		for (const model of ['service', 'service.version', 'service.instance']) {
			await expect(
				employee.create(model, model === 'service' ? { name: 'x' } : { service_id: service }),
			).rejects.toMatchObject({
				odooName: 'odoo.exceptions.AccessError',
				message: expect.stringContaining(`You are not allowed to create`),
			});
		}
		odoo.state.accounts.get(odoo.tech.uid)!.groups = ['user', 'equipment_manager'];
		expect(await as('tech').create('service', { name: 'y' })).toBeGreaterThan(service);
	});
});

describe('domains', () => {
	beforeEach(async () => {
		for (const [name, priority] of [
			['[HTTP KO] alpha', '3'],
			['[HTTP KO] Beta', '1'],
			['preventive gamma', false],
		] as const) {
			await client.create('maintenance.request', { name, priority });
		}
	});

	const names = async (domain: OdooDomain) =>
		(await client.searchRead('maintenance.request', domain, { fields: ['name'], order: 'id' })).map(
			(row) => row.name,
		);

	it.each<[string, OdooDomain, string[]]>([
		['=', [['priority', '=', '3']], ['[HTTP KO] alpha']],
		['= false', [['priority', '=', false]], ['preventive gamma']],
		['!= (includes empty)', [['priority', '!=', '3']], ['[HTTP KO] Beta', 'preventive gamma']],
		['in', [['priority', 'in', ['1', '3']]], ['[HTTP KO] alpha', '[HTTP KO] Beta']],
		['not in', [['id', 'not in', [1, 2]]], ['preventive gamma']],
		['<', [['id', '<', 2]], ['[HTTP KO] alpha']],
		['>=', [['id', '>=', 2]], ['[HTTP KO] Beta', 'preventive gamma']],
		['like (case-sensitive)', [['name', 'like', 'beta']], []],
		['ilike', [['name', 'ilike', 'beta']], ['[HTTP KO] Beta']],
		['=like', [['name', '=like', '[HTTP KO]%']], ['[HTTP KO] alpha', '[HTTP KO] Beta']],
		['not ilike', [['name', 'not ilike', 'http ko']], ['preventive gamma']],
		[
			'|',
			['|', ['priority', '=', '3'], ['priority', '=', '1']],
			['[HTTP KO] alpha', '[HTTP KO] Beta'],
		],
		['!', ['!', ['priority', '=', '3']], ['[HTTP KO] Beta', 'preventive gamma']],
		[
			'implicit &',
			[
				['name', 'ilike', 'http'],
				['priority', '=', '1'],
			],
			['[HTTP KO] Beta'],
		],
		[
			'dotted path',
			[['stage_id.name', '=', 'New Request']],
			['[HTTP KO] alpha', '[HTTP KO] Beta', 'preventive gamma'],
		],
		['many2one by name', [['stage_id', 'ilike', 'repaired']], []],
	])('%s', async (_label, domain, expected) => {
		expect(await names(domain)).toEqual(expected);
	});

	it('orders by the model order (id desc), or as asked, and pages', async () => {
		const rows = await client.searchRead('maintenance.request', [], { fields: ['name'] });
		expect(rows.map((row) => row.id)).toEqual([3, 2, 1]);
		const paged = await client.searchRead('maintenance.request', [], {
			fields: ['name'],
			order: 'name asc',
			offset: 1,
			limit: 1,
		});
		// Odoo creates databases with LC_COLLATE 'C': 'B' sorts before 'a'.
		expect(paged).toEqual([{ id: 1, name: '[HTTP KO] alpha' }]);
	});
});

describe('maintenance.request rules', () => {
	it('recomputes schedule_end and duration, and clears close_date when leaving a done stage', async () => {
		const id = await client.create('maintenance.request', {
			name: 'window',
			schedule_date: '2030-01-15 08:00:00',
			schedule_end: '2030-01-15 11:30:00',
			stage_id: 3,
		});
		const read = () =>
			client.read('maintenance.request', [id], ['schedule_end', 'duration', 'close_date', 'done']);
		expect((await read())[0]).toMatchObject({ duration: 3.5, done: true });
		expect((await read())[0].close_date).toMatch(/^\d{4}-\d\d-\d\d$/);
		await client.write('maintenance.request', [id], {
			schedule_date: '2030-01-16 08:00:00',
			stage_id: 1,
		});
		expect((await read())[0]).toEqual({
			id,
			schedule_end: '2030-01-16 09:00:00',
			duration: 1,
			close_date: false,
			done: false,
		});
	});

	it('refuses a missing many2one target and a write on a missing record', async () => {
		const error = await client
			.create('maintenance.request', { name: 'x', equipment_id: 999 })
			.catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(OdooError);
		expect((error as OdooError).odooName).toBe('odoo.exceptions.ValidationError');
		const missing = await client
			.write('maintenance.request', [999], { name: 'x' })
			.catch((caught: unknown) => caught as OdooError);
		expect(missing).toMatchObject({
			kind: 'notFound',
			odooName: 'odoo.exceptions.MissingError',
			httpStatus: 404,
		});
	});

	it('rolls a failed call back entirely', async () => {
		const error = await client
			.call('maintenance.request', 'create', {
				kwargs: { vals_list: [{ name: 'ok' }, { name: 'bad', priority: '9' }] },
			})
			.catch((caught: unknown) => caught as OdooError);
		expect(error).toMatchObject({ kind: 'validation' });
		expect(odoo.state.rows('maintenance.request')).toEqual([]);
		expect(odoo.state.rows('mail.message')).toEqual([]);
	});
});

describe('test hooks', () => {
	it('logs every request with its protocol and call', async () => {
		await searchCount(client, 'maintenance.stage', []);
		expect(odoo.requests).toHaveLength(1);
		expect(odoo.requests[0]).toMatchObject({
			method: 'POST',
			path: '/json/2/maintenance.stage/search_count',
			protocol: 'json2',
			call: 'maintenance.stage.search_count',
			body: { domain: [] },
		});
	});

	it('goes down and comes back on the same port', async () => {
		await odoo.setDown(true);
		const down = await searchCount(client, 'maintenance.stage', []).catch(
			(caught: unknown) => caught,
		);
		expect((down as OdooError).code).toBe('ECONNREFUSED');
		await odoo.setDown(503);
		const unavailable = await searchCount(client, 'maintenance.stage', []).catch(
			(caught: unknown) => caught,
		);
		expect((unavailable as OdooError).httpStatus).toBe(503);
		await odoo.setDown(false);
		expect(await searchCount(client, 'maintenance.stage', [])).toBe(4);
	});

	it('reset() gives a fresh database', async () => {
		await client.create('maintenance.equipment', { name: 'temp' });
		await odoo.reset();
		expect(odoo.state.rows('maintenance.equipment')).toEqual([]);
		expect(odoo.requests).toEqual([]);
		expect(await client.create('maintenance.equipment', { name: 'again' })).toBe(1);
	});
});
