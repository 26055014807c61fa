import { inspect } from 'node:util';

import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { OdooError } from '../../nodes/shared/odoo/errors';
import type { OdooApiMode, OdooConnection } from '../../nodes/shared/odoo/types';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { searchCount } from '../support/odooCount';
import { fetchSend } from '../support/fetchSend';

let odoo: OdooDouble;

beforeAll(async () => {
	odoo = await startOdooDouble();
});

afterEach(async () => {
	await odoo.reset();
});

afterAll(async () => {
	await odoo.close();
});

function connection(overrides: Partial<OdooConnection> = {}): OdooConnection {
	return {
		url: odoo.url,
		db: odoo.db,
		username: odoo.admin.login,
		secret: odoo.admin.apiKey,
		api: 'auto',
		...overrides,
	};
}

function client(overrides: Partial<OdooConnection> = {}): OdooClient {
	return createOdooClient(connection(overrides), fetchSend);
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof OdooError) return error;
		throw error;
	}
	throw new Error('expected the call to fail');
}

const count = (calls: string[], call: string) => calls.filter((item) => item === call).length;

describe('authentication', () => {
	it('logs in over JSON-RPC once and caches the uid', async () => {
		const rpc = client({ api: 'jsonrpc', secret: odoo.admin.password });
		expect(await rpc.login()).toBe(2);
		expect(await searchCount(rpc, 'maintenance.stage', [])).toBe(4);
		expect(count(odoo.calls(), 'common.login')).toBe(1);
	});

	it('turns the `false` of common.login into a clear auth error', async () => {
		const error = await failure(client({ api: 'jsonrpc', secret: 'wrong-password' }).login());
		expect(error.kind).toBe('auth');
		expect(error.message).toBe(
			'Wrong login or password/API key for database "odoo" (login "admin")',
		);
	});

	it('says that an unknown database does not exist', async () => {
		const error = await failure(
			client({ api: 'jsonrpc', db: 'no_such_db', secret: odoo.admin.password }).login(),
		);
		expect(error.kind).toBe('notFound');
		expect(error.odooName).toBe('psycopg2.OperationalError');
		expect(error.message).toBe('Database "no_such_db" does not exist on this Odoo server');
	});

	it('rejects a wrong API key over JSON-2 with Odoo 401', async () => {
		const error = await failure(
			searchCount(client({ api: 'json2', secret: 'not-a-key' }), 'maintenance.stage', []),
		);
		expect(error).toMatchObject({
			kind: 'auth',
			httpStatus: 401,
			odooName: 'werkzeug.exceptions.Unauthorized',
			message: 'Invalid apikey',
		});
	});

	it('tells the uid of an API key over JSON-2', async () => {
		expect(await client({ api: 'json2', secret: odoo.tech.apiKey }).login()).toBe(5);
	});
});

describe('Auto protocol selection', () => {
	it('uses JSON-2 on Odoo 19 with an API key', async () => {
		const auto = client({ secret: odoo.admin.apiKey });
		expect(await auto.protocol()).toBe('json2');
		expect(await searchCount(auto, 'maintenance.stage', [])).toBe(4);
		expect(odoo.requests.map((request) => request.protocol)).toEqual(['version', 'json2', 'json2']);
		expect(odoo.calls()).not.toContain('common.login');
	});

	it('falls back to JSON-RPC on Odoo 19 with a password', async () => {
		const auto = client({ secret: odoo.admin.password });
		expect(await auto.protocol()).toBe('jsonrpc');
		expect(await auto.login()).toBe(2);
		expect(odoo.calls()).toEqual(['res.users.context_get', 'common.login']);
	});

	it('uses JSON-RPC without trying JSON-2 below Odoo 19', async () => {
		const odoo17 = await startOdooDouble({ version: '17.0' });
		try {
			const auto = createOdooClient(
				{
					...connection(),
					url: odoo17.url,
					secret: odoo17.admin.apiKey,
				},
				fetchSend,
			);
			expect(await auto.protocol()).toBe('jsonrpc');
			expect((await auto.version()).major).toBe(17);
			expect(odoo17.requests.some((request) => request.protocol === 'json2')).toBe(false);
		} finally {
			await odoo17.close();
		}
	});

	it('decides once per client', async () => {
		const auto = client();
		await searchCount(auto, 'maintenance.stage', []);
		await searchCount(auto, 'maintenance.team', []);
		expect(odoo.requests.filter((request) => request.protocol === 'version')).toHaveLength(1);
		expect(count(odoo.calls(), 'res.users.context_get')).toBe(1);
	});

	it('reads the version from /web/version', async () => {
		expect(await client().version()).toEqual({
			version: '19.0',
			versionInfo: [19, 0, 0, 'final', 0, ''],
			major: 19,
		});
	});
});

const PROTOCOLS: Array<[OdooApiMode, () => string]> = [
	['jsonrpc', () => odoo.admin.password],
	['json2', () => odoo.admin.apiKey],
];

describe.each(PROTOCOLS)('operations over %s', (api, secret) => {
	const rpc = () => client({ api, secret: secret() });

	it('creates, reads, writes, searches and counts', async () => {
		const odooClient = rpc();
		const equipment = await odooClient.create('maintenance.equipment', {
			name: 'srv-01',
			serial_no: 'SN-1',
		});
		const id = await odooClient.create('maintenance.request', {
			name: '[HTTP KO] srv-01',
			equipment_id: equipment,
			priority: '3',
			description: '<p>HTTP 502</p>',
		});
		expect(id).toBe(1);
		expect(await odooClient.write('maintenance.request', [id], { stage_id: 3 })).toBe(true);
		const [record] = await odooClient.read(
			'maintenance.request',
			[id],
			['name', 'equipment_id', 'stage_id', 'done'],
		);
		expect(record).toEqual({
			id,
			name: '[HTTP KO] srv-01',
			equipment_id: [equipment, 'srv-01/SN-1'],
			stage_id: [3, 'Repaired'],
			done: true,
		});
		const open = await odooClient.searchRead(
			'maintenance.request',
			[['stage_id.done', '=', false]],
			{
				fields: ['name'],
			},
		);
		expect(open).toEqual([]);
		const stages = await odooClient.searchRead('maintenance.stage', [['done', '=', true]], {
			fields: ['name'],
			order: 'sequence desc',
			limit: 1,
		});
		expect(stages).toEqual([{ id: 4, name: 'Scrap' }]);
		expect(
			await searchCount(odooClient, 'maintenance.request', [['equipment_id', '=', equipment]]),
		).toBe(1);
	});

	it('calls any method with named arguments', async () => {
		const odooClient = rpc();
		const id = await odooClient.create('maintenance.request', { name: 'note me' });
		const messages = await odooClient.call<number[]>('maintenance.request', 'message_post', {
			ids: [id],
			kwargs: { body: 'Service recovered', message_type: 'comment', subtype_xmlid: 'mail.mt_note' },
		});
		expect(messages).toHaveLength(1);
		const [message] = await odooClient.read('mail.message', messages, ['body', 'subtype_id']);
		expect(message).toMatchObject({ body: '<p>Service recovered</p>', subtype_id: [2, 'Note'] });
		expect(
			await odooClient.call('ir.config_parameter', 'set_param', {
				kwargs: { key: 'k', value: '4' },
			}),
		).toBe(false);
		expect(
			await odooClient.call('ir.config_parameter', 'get_param', { kwargs: { key: 'k' } }),
		).toBe('4');
	});

	it('passes the context', async () => {
		const currencies = await rpc().searchRead('res.currency', [['name', '=', 'EUR']], {
			fields: ['name', 'active'],
			context: { active_test: false },
		});
		expect(currencies).toEqual([{ id: 125, name: 'EUR', active: false }]);
		const viaKwargs = await rpc().call('res.currency', 'search_read', {
			kwargs: { domain: [['name', '=', 'EUR']], fields: ['name'], context: { active_test: false } },
		});
		expect(viaKwargs).toEqual([{ id: 125, name: 'EUR' }]);
		const viaOption = await rpc().call('res.currency', 'search_count', {
			kwargs: { domain: [['name', '=', 'EUR']] },
			context: { active_test: false },
		});
		expect(viaOption).toBe(1);
		expect(await searchCount(rpc(), 'res.currency', [['name', '=', 'EUR']])).toBe(0);
	});

	it('answers null for a method that returns None', async () => {
		const odooClient = rpc();
		const rule = await odooClient.create('base.automation', {
			name: 'hook',
			model_id: 400,
			trigger: 'on_webhook',
		});
		const [before] = await odooClient.read('base.automation', [rule], ['webhook_uuid']);
		const result = await odooClient.call('base.automation', 'action_rotate_webhook_uuid', {
			ids: [rule],
		});
		expect(result).toBeNull();
		const [after] = await odooClient.read('base.automation', [rule], ['webhook_uuid']);
		expect(after.webhook_uuid).not.toBe(before.webhook_uuid);
	});

	it("maps Odoo's errors with Odoo's own message", async () => {
		const odooClient = rpc();
		const bogus = await failure(
			odooClient.create('maintenance.request', { name: 'x', maintenance_type: 'bogus' }),
		);
		expect(bogus).toMatchObject({
			kind: 'validation',
			odooName: 'builtins.ValueError',
			message: "Wrong value for maintenance.request.maintenance_type: 'bogus'",
		});
		const missing = await failure(
			odooClient.create('maintenance.request', { description: 'no name' }),
		);
		expect(missing.kind).toBe('validation');
		expect(missing.odooName).toBe('odoo.exceptions.ValidationError');
		expect(missing.message).toMatch(
			/^The operation cannot be completed: Missing required value for the field 'Subjects' \(name\)\./,
		);
		const date = await failure(
			odooClient.create('maintenance.request', {
				name: 'x',
				schedule_date: '2030-01-15T08:30:00Z',
			}),
		);
		expect(date.message).toBe(
			"time data '2030-01-15T08:30:00Z' does not match format '%Y-%m-%d %H:%M:%S'",
		);
		const model = await failure(searchCount(odooClient, 'no.such.model', []));
		expect(model.kind).toBe('notFound');
		const method = await failure(
			odooClient.call('maintenance.request', 'no_such_method', { ids: [1] }),
		);
		expect(method).toMatchObject({
			kind: 'notFound',
			message: "The method 'maintenance.request.no_such_method' does not exist",
		});
	});

	it('says which access right is missing', async () => {
		const tech = client({
			api,
			username: 'tech',
			secret: api === 'json2' ? odoo.tech.apiKey : odoo.tech.password,
		});
		const error = await failure(
			tech.call('ir.config_parameter', 'get_param', { kwargs: { key: 'web.base.url' } }),
		);
		expect(error.kind).toBe('access');
		expect(error.odooName).toBe('odoo.exceptions.AccessError');
		expect(error.message).toContain(
			"You are not allowed to access 'System Parameter' (ir.config_parameter) records.",
		);
		expect(error.message).toContain('Role / Administrator');
		expect(await tech.create('maintenance.request', { name: 'created by tech' })).toBe(1);
	});
});

describe('network failures', () => {
	it('reports a timeout with the host and the limit', async () => {
		odoo.setHang(true);
		const error = await failure(client({ api: 'jsonrpc', timeoutMs: 300, retries: 0 }).login());
		expect(error.kind).toBe('timeout');
		expect(error.message).toBe(
			`Odoo at 127.0.0.1:${odoo.port} did not answer POST /jsonrpc within 0.3 s`,
		);
	});

	it('reports a refused connection with the host, the port and the cause', async () => {
		await odoo.setDown(true);
		const error = await failure(client({ retries: 0 }).version());
		expect(error.kind).toBe('network');
		expect(error.code).toBe('ECONNREFUSED');
		expect(error.message).toContain(
			`Cannot connect to Odoo at 127.0.0.1:${odoo.port}: connection refused (ECONNREFUSED)`,
		);
	});

	it('reports an unavailable server (503)', async () => {
		await odoo.setDown(503);
		const error = await failure(
			client({ api: 'jsonrpc', secret: odoo.admin.password, retries: 0 }).login(),
		);
		expect(error).toMatchObject({ kind: 'server', httpStatus: 503 });
		expect(error.message).toContain('HTTP 503');
	});
});

describe('retries', () => {
	it.each(PROTOCOLS)('retries a failed read over %s, and succeeds', async (api, secret) => {
		const odooClient = client({ api, secret: secret() });
		await odooClient.login();
		odoo.failNext(2, { status: 503 });
		expect(
			await odooClient.searchRead('maintenance.stage', [], { fields: ['name'], limit: 1 }),
		).toEqual([{ id: 1, name: 'New Request' }]);
		expect(count(odoo.calls(), 'maintenance.stage.search_read')).toBe(3);
	});

	it('gives up after two retries', async () => {
		const odooClient = client({ api: 'jsonrpc', secret: odoo.admin.password });
		await odooClient.login();
		odoo.failNext(3, 'reset');
		const error = await failure(searchCount(odooClient, 'maintenance.stage', []));
		expect(error.kind).toBe('network');
		expect(count(odoo.calls(), 'maintenance.stage.search_count')).toBe(3);
	});

	it('retries idempotent method calls such as get_param', async () => {
		const odooClient = client({ api: 'json2' });
		odoo.failNext(1, { status: 502 });
		expect(
			await odooClient.call('ir.config_parameter', 'get_param', { kwargs: { key: 'nope' } }),
		).toBe(false);
		expect(count(odoo.calls(), 'ir.config_parameter.get_param')).toBe(2);
	});

	it.each(PROTOCOLS)('never retries a create or a write over %s', async (api, secret) => {
		const odooClient = client({ api, secret: secret() });
		await odooClient.login();
		odoo.failNext(1, { status: 503 });
		expect(
			(await failure(odooClient.create('maintenance.request', { name: 'once' }))).httpStatus,
		).toBe(503);
		odoo.failNext(1, 'reset');
		expect((await failure(odooClient.write('maintenance.stage', [1], { name: 'x' }))).kind).toBe(
			'network',
		);
		odoo.failNext(1, { status: 504 });
		await failure(
			odooClient.call('maintenance.request', 'message_post', { ids: [1], kwargs: { body: 'x' } }),
		);
		expect(count(odoo.calls(), 'maintenance.request.create')).toBe(1);
		expect(count(odoo.calls(), 'maintenance.stage.write')).toBe(1);
		expect(count(odoo.calls(), 'maintenance.request.message_post')).toBe(1);
		expect(odoo.state.rows('maintenance.request')).toEqual([]);
	});

	it('does not retry an Odoo error', async () => {
		const odooClient = client({ api: 'json2' });
		await failure(odooClient.searchRead('no.such.model', []));
		expect(count(odoo.calls(), 'no.such.model.search_read')).toBe(1);
	});
});

describe('the secret', () => {
	const SECRET = 'S3cr3t-p4ss+w/rd';

	it('never appears in an error, whatever fails', async () => {
		const closed = await startOdooDouble({ adminPassword: SECRET, adminApiKey: `${SECRET}-key` });
		const url = closed.url;
		await closed.close();
		const errors: OdooError[] = [];
		const scenarios: Array<[Partial<OdooConnection>, (c: OdooClient) => Promise<unknown>]> = [
			[{ api: 'jsonrpc' }, (c) => c.login()],
			[{ api: 'json2' }, (c) => c.login()],
			[{ api: 'auto' }, (c) => searchCount(c, 'maintenance.stage', [])],
			[{ api: 'jsonrpc', db: 'nope' }, (c) => c.login()],
			[
				{ api: 'json2', timeoutMs: 200, retries: 0 },
				(c) => searchCount(c, 'maintenance.stage', []),
			],
			// Odoo echoes the value back in its message: it must be masked.
			[
				{ api: 'json2', secret: odoo.admin.apiKey },
				(c) => c.create('maintenance.request', { name: 'x', priority: odoo.admin.apiKey }),
			],
			[
				{ api: 'jsonrpc', secret: odoo.admin.password },
				(c) => c.create('maintenance.request', { name: 'x', priority: odoo.admin.password }),
			],
			[{ url }, (c) => c.version()],
		];
		for (const [overrides, run] of scenarios) {
			if (overrides.timeoutMs) odoo.setHang(true);
			errors.push(await failure(run(client({ secret: SECRET, retries: 0, ...overrides }))));
			odoo.setHang(false);
		}
		expect(errors.map((error) => error.kind)).toEqual([
			'auth',
			'auth',
			'auth',
			'notFound',
			'timeout',
			'validation',
			'validation',
			'network',
		]);
		const secrets = [SECRET, odoo.admin.apiKey, odoo.admin.password];
		for (const error of errors) {
			const dump = `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${inspect(error, { depth: 10 })}`;
			for (const secret of secrets) expect(dump).not.toContain(secret);
		}
		expect(errors[5].message).toBe("Wrong value for maintenance.request.priority: '***'");
	});
});
