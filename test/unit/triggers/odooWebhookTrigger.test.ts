import { startOdooDouble, type OdooDouble } from '../../support/odoo-double';
import { OdooWebhookTrigger } from '../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node';
import { call, emitted, startHarness, type Harness } from './webhookHarness';

const TOKEN_CREDENTIAL = {
	odooMaintenanceHeaderAuthApi: { headerName: 'X-Webhook-Token', token: 'token-0123456789abcdef' },
};

const trigger = new OdooWebhookTrigger();
const json = (body: unknown): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json' },
	body: JSON.stringify(body),
});

describe('Odoo Webhook Trigger webhook()', () => {
	let harness: Harness;
	afterEach(() => harness?.close());

	it("accepts Odoo's own notification and emits model, integer id, action, payload and time", async () => {
		harness = await startHarness(trigger);
		const payload = {
			_action: 'POST to n8n(#368)',
			_id: 11,
			_model: 'maintenance.request',
			name: 'x',
		};
		const response = await call(harness.url, json(payload));
		expect(response).toMatchObject({ status: 200, body: { status: 'ok' } });
		const [item] = emitted(harness.results[0])!;
		expect(item).toEqual({
			model: 'maintenance.request',
			id: 11,
			action: 'POST to n8n(#368)',
			payload,
			receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	it('accepts GET with the query string, like Odoo', async () => {
		harness = await startHarness(trigger);
		const response = await call(`${harness.url}/?model=sale.order&id=7`);
		expect(response.status).toBe(200);
		expect(emitted(harness.results[0])![0]).toMatchObject({ model: 'sale.order', id: 7 });
	});

	it.each([
		['malformed JSON', { method: 'POST', body: '{"model":' }, 400, /not valid JSON/],
		['missing fields', json({ name: 'A' }), 400, /^Missing required fields: model, id$/],
		['a wrong method', { method: 'DELETE' }, 405, /Method DELETE is not allowed/],
		['a repeated query parameter', { method: 'GET' }, 400, /given more than once/],
	])('refuses %s without starting an execution', async (label, init, status, message) => {
		harness = await startHarness(trigger);
		const url =
			label === 'a repeated query parameter' ? `${harness.url}/?id=1&id=2&model=a.b` : harness.url;
		const response = await call(url, init as RequestInit);
		expect(response.status).toBe(status);
		expect(response.body).toEqual({ status: 'error', message: expect.stringMatching(message) });
		expect(harness.results[0]).toEqual({ noWebhookResponse: true });
	});

	it('checks the allowlist before the method and credentials', async () => {
		harness = await startHarness(trigger, {
			parameters: {
				authentication: 'headerAuth',
				triggerOptions: { allowedIps: '10.0.0.0/8' },
			},
			credentials: TOKEN_CREDENTIAL,
		});
		const response = await call(harness.url, { method: 'PUT' });
		expect(response.status).toBe(403);
		expect(response.body.message).toBe('Forbidden: 127.0.0.1 is not in the IP allowlist');
	});

	it('answers 401 without and 403 with wrong credentials, then accepts the right ones', async () => {
		harness = await startHarness(trigger, {
			parameters: { authentication: 'basicAuth' },
			credentials: { odooMaintenanceBasicAuthApi: { user: 'odoo', password: 's3cret' } },
		});
		const missing = await call(harness.url, json({ model: 'a.b', id: 1 }));
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
		const wrong = await call(harness.url, {
			...json({ model: 'a.b', id: 1 }),
			headers: { authorization: `Basic ${Buffer.from('odoo:nope').toString('base64')}` },
		});
		expect(wrong.status).toBe(403);
		const right = await call(harness.url, {
			...json({ model: 'a.b', id: 1 }),
			headers: { authorization: `Basic ${Buffer.from('odoo:s3cret').toString('base64')}` },
		});
		expect(right.status).toBe(200);
		expect(harness.results.map((result) => Boolean(result.workflowData))).toEqual([
			false,
			false,
			true,
		]);
	});

	it('answers 500 and starts nothing when the configuration is broken', async () => {
		harness = await startHarness(trigger, { parameters: { secret: 'short' } });
		const response = await call(harness.url, json({ model: 'a.b', id: 1 }));
		expect(response.status).toBe(500);
		expect(response.body.message).toMatch(
			/^The trigger is misconfigured: The secret path component/,
		);
		expect(harness.results[0]).toEqual({ noWebhookResponse: true });
		expect(harness.logs.some((line) => line.level === 'error')).toBe(true);
	});

	it('applies the size limit', async () => {
		harness = await startHarness(trigger, { parameters: { triggerOptions: { maxBodySizeKb: 1 } } });
		const response = await call(harness.url, json({ model: 'a.b', id: 1, pad: 'x'.repeat(2000) }));
		expect(response).toMatchObject({
			status: 413,
			body: { status: 'error', message: 'The request body is larger than 1 KiB' },
		});
	});

	it('with "respond when the workflow finishes" answers ok on success and the error shape on failure', async () => {
		harness = await startHarness(trigger, { parameters: { responseMode: 'lastNode' } });
		const success = await call(harness.url, json({ model: 'a.b', id: 1 }));
		expect(success).toMatchObject({ status: 200, body: { status: 'ok' } });
		await harness.close();
		harness = await startHarness(trigger, {
			parameters: { responseMode: 'lastNode' },
			workflowOutcome: { status: 500, body: { message: 'Error in workflow' } },
		});
		const failure = await call(harness.url, json({ model: 'a.b', id: 1 }));
		expect(failure).toMatchObject({
			status: 500,
			body: { status: 'error', message: 'The workflow failed (Error in workflow)' },
		});
		expect(failure.headers.get('content-type')).toMatch(/^application\/json/);
	});

	it('logs every call with its outcome when Log Calls is on, never the credentials', async () => {
		harness = await startHarness(trigger, {
			parameters: {
				authentication: 'headerAuth',
				triggerOptions: { logCalls: true },
			},
			credentials: TOKEN_CREDENTIAL,
		});
		await call(harness.url, {
			...json({ model: 'sale.order', id: 3 }),
			headers: { 'x-webhook-token': 'token-0123456789abcdef' },
		});
		await call(harness.url, {
			...json({ model: 'sale.order', id: 3 }),
			headers: { 'x-webhook-token': 'wrong-token-0123456789' },
		});
		const lines = harness.logs.filter((line) => line.message.startsWith('Odoo Webhook Trigger:'));
		expect(lines.map((line) => line.message)).toEqual([
			'Odoo Webhook Trigger: POST from 127.0.0.1 -> 200 accepted (model sale.order, id 3)',
			'Odoo Webhook Trigger: POST from 127.0.0.1 -> 403 Authorization data is wrong',
		]);
		expect(JSON.stringify(harness.logs)).not.toMatch(/token-0123456789abcdef/);
	});

	it('logs nothing per call when Log Calls is off', async () => {
		harness = await startHarness(trigger);
		await call(harness.url, { method: 'PUT' });
		expect(harness.logs).toEqual([]);
	});

	describe('Fetch Target Record', () => {
		let odoo: OdooDouble;
		let orderId: number;
		beforeAll(async () => {
			odoo = await startOdooDouble();
		});
		afterAll(() => odoo.close());
		beforeEach(async () => {
			await odoo.reset();
			odoo.state.insert('sale.order', {
				id: 7,
				name: 'S00007',
				partner_id: 3,
				currency_id: 125,
				date_order: '2026-11-23 10:00:00',
				company_id: 1,
				state: 'draft',
			});
			orderId = 7;
		});

		function withOdoo(recordFields = 'name, currency_id') {
			return startHarness(trigger, {
				parameters: { fetchRecord: true, recordFields, allowedModels: 'sale.order, res.partner' },
				credentials: {
					odooMaintenanceApi: {
						url: odoo.url,
						db: odoo.db,
						username: 'admin',
						password: odoo.admin.apiKey,
						api: 'jsonrpc',
					},
				},
			});
		}

		it('adds the record to the output', async () => {
			harness = await withOdoo();
			const response = await call(harness.url, json({ model: 'sale.order', id: String(orderId) }));
			expect(response.status).toBe(200);
			expect(emitted(harness.results[0])![0].record).toEqual({
				id: 7,
				name: 'S00007',
				currency_id: [125, 'EUR'],
			});
		});

		it('answers 404 for a record that does not exist, and starts nothing', async () => {
			harness = await withOdoo();
			const response = await call(harness.url, json({ model: 'sale.order', id: 999 }));
			expect(response).toMatchObject({
				status: 404,
				body: { status: 'error', message: 'sale.order 999 does not exist' },
			});
			expect(harness.results[0]).toEqual({ noWebhookResponse: true });
		});

		it('answers 400 for an id that is not an integer', async () => {
			harness = await withOdoo();
			const response = await call(harness.url, json({ model: 'sale.order', id: 'S00007' }));
			expect(response).toMatchObject({
				status: 400,
				body: { message: 'Fetching the target record needs a positive integer id' },
			});
		});

		it('answers 502 when Odoo is down', async () => {
			harness = await withOdoo();
			await odoo.setDown('refused');
			const response = await call(harness.url, json({ model: 'sale.order', id: 7 }));
			expect(response.status).toBe(502);
			// Generic: Odoo's error names its internal address, which the caller must not learn.
			expect(response.body.message).toBe('Odoo could not read sale.order 7; see the n8n log');
			expect(JSON.stringify(response.body)).not.toContain(new URL(odoo.url).port);
			await odoo.setDown(false);
		});
	});
});
