/** The Maintenance Request node's Odoo backend against the Odoo double, through the node's actions. */

import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { MaintenanceRequest } from '../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { odooRequestBackend } from '../../nodes/MaintenanceRequest/backends/odoo';
import type { RequestBackend } from '../../nodes/MaintenanceRequest/backends/types';
import { maintenanceRequestProperties } from '../../nodes/MaintenanceRequest/description';
import { createOdooClient } from '../../nodes/shared/odoo/client';
import type { OdooApiMode } from '../../nodes/shared/odoo/types';
import { closeAllStateStores, type StateStore } from '../../nodes/shared/store/stateStore';
import {
	BACKENDS,
	countRows,
	freshStoreOption,
	openTestStore,
	testPostgresUrl,
} from '../support/stores';
import { tempDir } from '../support/bundle';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { startReceiver } from '../unit/notify/receiver';
import { contextAt, downItem, json, runAction, upItem } from '../unit/maintenance-request/helpers';
import { fetchSend } from '../support/fetchSend';

describe.each(BACKENDS)('Maintenance Request and Odoo, %s store', (storeBackend) => {
	const NOON = '2026-11-23T12:00:00.000Z';
	const LATER = '2026-11-23T12:15:00.000Z';
	const REQUEST = 'maintenance.request';

	let odoo: OdooDouble;
	let store: StateStore;

	beforeAll(async () => {
		odoo = await startOdooDouble({ now: () => new Date(NOON) });
	});

	beforeEach(async () => {
		await odoo.reset();
		store = await openTestStore(storeBackend);
		const admin = client();
		await admin.create('maintenance.equipment', { name: 'srv-a' });
		await admin.create('maintenance.equipment', { name: 'srv-b' });
		odoo.requests.length = 0;
	});

	afterEach(() => store.close());

	afterAll(async () => {
		await odoo.close();
	});

	function client(api: OdooApiMode = 'json2') {
		return createOdooClient(
			{
				url: odoo.url,
				db: odoo.db,
				username: 'admin',
				secret: api === 'json2' ? odoo.admin.apiKey : odoo.admin.password,
				api,
				retries: 0,
			},
			fetchSend,
		);
	}

	function backend(api: OdooApiMode = 'json2'): RequestBackend {
		return odooRequestBackend(client(api), store, { url: odoo.url, db: odoo.db });
	}

	function run(
		operation: string,
		items: IDataObject[],
		parameters: Record<string, unknown> = {},
		now = NOON,
		options: { api?: OdooApiMode; continueOnFail?: boolean } = {},
	) {
		return runAction(contextAt(backend(options.api), store, now), {
			items,
			parameters: { operation, backend: 'odoo', ...parameters },
			continueOnFail: options.continueOnFail,
		});
	}

	const count = (call: string) => odoo.calls().filter((made) => made === call).length;
	const requests = () => odoo.state.rows(REQUEST);
	const notes = (id: number) =>
		odoo.state
			.rows('mail.message')
			.filter(
				(message) => message.model === REQUEST && message.res_id === id && message.subtype_id === 2,
			)
			.map((message) => message.body);
	const link = (id: number) => `${odoo.url}/web#id=${id}&model=maintenance.request&view_type=form`;
	const pendingCount = () => countRows(store, 'pending_failures');

	describe.each(['json2', 'jsonrpc'] as const)('Report Failures against Odoo (%s)', (api) => {
		it('creates one corrective request per equipment with an escaped HTML description', async () => {
			const output = await run(
				'reportFailures',
				[
					downItem('srv-a', 'shop', 'https://shop.example.test/?a=1&b=2', { statusCode: 503 }),
					downItem('srv-a', '<script>alert("x")</script>', 'https://api.example.test/', {
						error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.7:443' },
					}),
					downItem('srv-b', 'wiki', 'https://wiki.example.test/', { statusCode: 500 }),
				],
				{},
				NOON,
				{ api },
			);
			expect(json(output)).toEqual([
				expect.objectContaining({
					id: 1,
					name: '[HTTP KO] srv-a',
					equipment: 'srv-a',
					created: true,
					link: link(1),
				}),
				expect.objectContaining({
					id: 2,
					name: '[HTTP KO] srv-b',
					equipment: 'srv-b',
					created: true,
					link: link(2),
				}),
			]);
			expect(count('maintenance.request.create')).toBe(2);
			const [first, second] = requests().sort((a, b) => a.id - b.id);
			const html =
				'<p>Failing services of srv-a:</p><ul>' +
				'<li>Service KO: shop https://shop.example.test/?a=1&amp;b=2 - HTTP 503 at 2026-11-23T10:00:00.000Z</li>' +
				'<li>Service KO: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; https://api.example.test/ - ' +
				'ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:443 at 2026-11-23T10:00:00.000Z</li></ul>';
			expect(first).toMatchObject({
				name: '[HTTP KO] srv-a',
				maintenance_type: 'corrective',
				priority: '2',
				equipment_id: 1,
				request_date: '2026-11-23',
				description: html,
				maintenance_team_id: 1,
				stage_id: 1,
			});
			expect(second).toMatchObject({
				name: '[HTTP KO] srv-b',
				equipment_id: 2,
				request_date: '2026-11-23',
			});
			const sent = JSON.stringify(
				odoo.requests.filter((request) => request.call === 'maintenance.request.create'),
			);
			expect(sent).not.toContain('<script');
			expect(sent).toContain('&lt;script&gt;');
		});

		it('looks up the equipment of every failing service in one Odoo search', async () => {
			odoo.requests.length = 0;
			const output = await run('reportFailures', [
				downItem('srv-a', 'shop', 'https://shop.example.test/', { statusCode: 503 }),
				downItem('srv-b', 'wiki', 'https://wiki.example.test/', { statusCode: 500 }),
			]);
			expect(json(output).map((item) => [item.name, item.created])).toEqual([
				['[HTTP KO] srv-a', true],
				['[HTTP KO] srv-b', true],
			]);
			const equipmentSearches = odoo
				.calls()
				.filter((call) => /^maintenance\.equipment\.search/.test(call));
			expect(equipmentSearches).toHaveLength(1);
		});

		it('the same day adds only the new services, with one HTML note (a line each) and no second request', async () => {
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				{},
				NOON,
				{ api },
			);
			const second = await run(
				'reportFailures',
				[
					downItem('srv-a', 'shop', 'https://shop.example.test/'),
					downItem('srv-a', 'db <main>', 'https://db.example.test/', { statusCode: 502 }),
					downItem('srv-a', 'cache <script>x</script>', 'https://cache.example.test/?a&b'),
				],
				{},
				LATER,
				{ api },
			);
			expect(second[0].json).toMatchObject({
				id: 1,
				created: false,
				link: link(1),
				addedServices: [
					expect.objectContaining({ service: 'db <main>' }),
					expect.objectContaining({ service: 'cache <script>x</script>' }),
				],
			});
			await run(
				'reportFailures',
				[downItem('srv-a', 'db <main>', 'https://db.example.test/')],
				{},
				LATER,
				{ api },
			);
			expect(count('maintenance.request.create')).toBe(1);
			expect(count('maintenance.request.message_post')).toBe(1);
			expect(requests()).toHaveLength(1);
			// What real Odoo 19 stores for body_is_html: the HTML, sanitized; each service on its own line.
			expect(notes(1)).toEqual([
				'<ul><li>Service KO: db &lt;main&gt; https://db.example.test/ - HTTP 502 at 2026-11-23T10:00:00.000Z</li>' +
					'<li>Service KO: cache &lt;script&gt;x&lt;/script&gt; https://cache.example.test/?a&amp;b - HTTP 503 at 2026-11-23T10:00:00.000Z</li></ul>',
			]);
			const post = odoo.requests.find(
				(request) => request.call === 'maintenance.request.message_post',
			);
			expect(JSON.stringify(post?.body)).toContain('"message_type":"comment"');
			expect(JSON.stringify(post?.body)).toContain('"subtype_xmlid":"mail.mt_note"');
			expect(JSON.stringify(post?.body)).toContain('"body_is_html":true');
		});
	});

	describe('Report Failures against Odoo', () => {
		it('opens a new request on a new day of the configured time zone, request_date = that day', async () => {
			const paris = { options: { timeZone: 'Europe/Paris' } };
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				paris,
				'2026-11-23T22:00:00.000Z',
			);
			const late = await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				paris,
				'2026-11-23T23:30:00.000Z',
			);
			expect(late[0].json).toMatchObject({ id: 2, created: true });
			expect(
				requests()
					.map((row) => row.request_date)
					.sort(),
			).toEqual(['2026-11-23', '2026-11-24']);
		});

		it('sets the priority option', async () => {
			await run('reportFailures', [downItem('srv-a', 'shop', 'https://shop.example.test/')], {
				priority: '3',
			});
			expect(requests()[0].priority).toBe('3');
		});

		it("reuses a request Odoo already has for the day (the module's dedup domain) with a note", async () => {
			const existing = await client().create(REQUEST, {
				name: '[HTTP KO] srv-a',
				equipment_id: 1,
				request_date: '2026-11-23',
			});
			odoo.requests.length = 0;
			const output = await run('reportFailures', [
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
			]);
			expect(output[0].json).toMatchObject({ id: existing, created: false, link: link(existing) });
			expect(count('maintenance.request.create')).toBe(0);
			expect(notes(existing)).toEqual([
				'<ul><li>Service KO: shop https://shop.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z</li></ul>',
			]);
			const search = odoo.requests.find(
				(request) => request.call === 'maintenance.request.search_read',
			);
			expect(JSON.stringify(search?.body)).toContain(
				'[["name","=","[HTTP KO] srv-a"],["equipment_id","=",1],["request_date","=","2026-11-23"]]',
			);
		});

		it('names the request after the equipment when it is given by ID', async () => {
			const output = await run('reportFailures', [
				downItem('2', 'wiki', 'https://wiki.example.test/'),
			]);
			expect(output[0].json).toMatchObject({ name: '[HTTP KO] srv-b', equipment: 'srv-b' });
			expect(requests()[0]).toMatchObject({ name: '[HTTP KO] srv-b', equipment_id: 2 });
		});

		it('an unknown equipment is a clear error and is not kept for later', async () => {
			const error = await run('reportFailures', [
				downItem('nope', 'x', 'https://x.example.test/'),
			]).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toBe(
				'Equipment "nope" does not exist in Odoo (maintenance.equipment, by name or ID)',
			);
			expect(await pendingCount()).toBe(0);
		});

		it("surfaces Odoo's own error message (validation error) as the error", async () => {
			const error = await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				{
					priority: '7',
				},
			).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as Error).message).toBe("Wrong value for maintenance.request.priority: '7'");
			expect(requests()).toHaveLength(0);
		});

		it('opens the canary request without equipment', async () => {
			const output = await run(
				'reportFailures',
				[downItem('srv-a', 'probe', 'https://canary.example.test/')],
				{
					options: { canaryUrls: 'https://canary.example.test/' },
				},
			);
			expect(output[0].json).toMatchObject({
				name: '[HTTP KO] Monitoring',
				created: true,
				canary: true,
			});
			expect(requests()[0]).toMatchObject({ name: '[HTTP KO] Monitoring', equipment_id: false });
		});
	});

	describe('Odoo down', () => {
		it('keeps the failures and reports them once on the next run (Retry Pending), exactly one request', async () => {
			await odoo.setDown(true);
			const error = await run('reportFailures', [
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
				downItem('srv-a', 'api', 'https://api.example.test/'),
			]).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeApiError);
			// n8n's NodeApiError shows its own text for ECONNREFUSED and keeps Odoo's in `messages`.
			expect((error as NodeApiError).message).toBe(
				'The service refused the connection - perhaps it is offline',
			);
			expect((error as NodeApiError).messages).toContain(
				`Cannot connect to Odoo at 127.0.0.1:${odoo.port}: connection refused (ECONNREFUSED). Check the Site URL and port, and that Odoo is running`,
			);
			// The message is n8n's; the description tells what happened to the failures.
			expect((error as NodeApiError).description).toBe(
				'Odoo could not be reached: check the URL of the Odoo credential and that the server is up. ' +
					'The failures are kept: Retry Pending (every tick of the templates) reports them once Odoo answers again.',
			);
			expect(await pendingCount()).toBe(2);
			expect(await countRows(store, 'maintenance_requests')).toBe(0);

			await odoo.setDown(false);
			const retry = await run('retryPending', [{}], {}, LATER);
			expect(retry[0].json).toMatchObject({
				reported: [expect.objectContaining({ id: 1, created: true, name: '[HTTP KO] srv-a' })],
				stillPending: [],
			});
			expect(await pendingCount()).toBe(0);
			expect(requests()).toHaveLength(1);
			expect(requests()[0].description).toContain('https://shop.example.test/');
			expect(requests()[0].description).toContain('https://api.example.test/');
			await run('retryPending', [{}], {}, LATER);
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				{},
				LATER,
			);
			expect(requests()).toHaveLength(1);
			expect(count('maintenance.request.create')).toBe(1);
		});

		it('with Continue On Fail, the output says the failures are pending; the next Report Failures reports them', async () => {
			await odoo.setDown(503);
			const output = await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				{},
				NOON,
				{
					continueOnFail: true,
				},
			);
			expect(output[0].json).toMatchObject({
				equipment: 'srv-a',
				created: false,
				pending: true,
				error: expect.stringContaining('503'),
			});
			await odoo.setDown(false);
			const next = await run(
				'reportFailures',
				[downItem('srv-a', 'db', 'https://db.example.test/')],
				{},
				LATER,
			);
			expect(next[0].json).toMatchObject({ created: true });
			expect(
				(next[0].json.services as Array<{ service: string }>).map((service) => service.service),
			).toEqual(['db', 'shop']);
			expect(requests()).toHaveLength(1);
			expect(await pendingCount()).toBe(0);
		});

		it('a note that could not be posted is posted by the next run, not lost', async () => {
			await run('reportFailures', [downItem('srv-a', 'shop', 'https://shop.example.test/')]);
			await odoo.setDown(true);
			await expect(
				run('reportFailures', [downItem('srv-a', 'db', 'https://db.example.test/')], {}, LATER),
			).rejects.toThrow();
			await odoo.setDown(false);
			await run('retryPending', [{}], {}, LATER);
			expect(notes(1)).toEqual([
				'<ul><li>Service KO: db https://db.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z</li></ul>',
			]);
			expect(count('maintenance.request.create')).toBe(1);
			expect(await pendingCount()).toBe(0);
		});

		it('a request created by Retry Pending is notified as the failing run asked', async () => {
			const receiver = await startReceiver();
			try {
				await odoo.setDown(true);
				const notify = {
					sendNotification: true,
					webhookUrl: receiver.url,
					options: { notificationRetryDelayMs: 1 },
				};
				const now = new Date().toISOString();
				await expect(
					run(
						'reportFailures',
						[downItem('srv-a', 'shop', 'https://shop.example.test/')],
						notify,
						now,
					),
				).rejects.toThrow();
				await odoo.setDown(false);
				const retry = await run('retryPending', [{}], { webhookUrl: receiver.url }, now);
				expect(retry[0].json).toMatchObject({ notifications: { sent: 1, queued: 0, failed: 0 } });
				expect(receiver.received).toHaveLength(1);
				expect(JSON.parse(receiver.received[0].body)).toEqual({
					id: 1,
					name: '[HTTP KO] srv-a',
					priority: '2',
					description: expect.stringContaining('Service KO: shop https://shop.example.test/'),
					equipment: 'srv-a',
					link: link(1),
				});
			} finally {
				await receiver.close();
			}
		});
	});

	describe('Resolve Recovered against Odoo', () => {
		beforeEach(async () => {
			await run('reportFailures', [
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
				downItem('srv-a', 'api', 'https://api.example.test/'),
			]);
			odoo.requests.length = 0;
		});

		it('closes only when every service of the request is up: first done stage and a note', async () => {
			expect(
				await run(
					'resolveRecovered',
					[upItem('srv-a', 'shop', 'https://shop.example.test/')],
					{},
					LATER,
				),
			).toEqual([]);
			expect(requests()[0].stage_id).toBe(1);
			expect(count('maintenance.request.write')).toBe(0);

			const output = await run(
				'resolveRecovered',
				[
					upItem('srv-a', 'shop', 'https://shop.example.test/'),
					upItem('srv-a', 'api', 'https://api.example.test/'),
				],
				{},
				LATER,
			);
			expect(json(output)).toEqual([
				expect.objectContaining({ id: 1, name: '[HTTP KO] srv-a', closed: true, link: link(1) }),
			]);
			expect(requests()[0]).toMatchObject({ stage_id: 3, close_date: '2026-11-23' });
			expect(notes(1)).toEqual([
				'<p>All services recovered:</p><ul><li>shop https://shop.example.test/</li><li>api https://api.example.test/</li></ul>',
			]);
			expect(await store.get('SELECT state, closed_at FROM maintenance_requests')).toEqual({
				state: 'closed',
				closed_at: LATER,
			});
			// [HTTP KO] requests have no schedule_date, so Odoo plans no to-do for them, open or closed.
			expect(requests()[0].schedule_date).toBe(false);
			expect(odoo.state.rows('mail.activity')).toEqual([]);
			expect(
				await run(
					'resolveRecovered',
					[upItem('srv-a', 'shop', 'https://shop.example.test/')],
					{},
					LATER,
				),
			).toEqual([]);
		});

		it('a request closed in Odoo meanwhile is closed in the store, not written again', async () => {
			await client().write(REQUEST, [1], { stage_id: 4 });
			odoo.requests.length = 0;
			const output = await run(
				'resolveRecovered',
				[
					upItem('srv-a', 'shop', 'https://shop.example.test/'),
					upItem('srv-a', 'api', 'https://api.example.test/'),
				],
				{},
				LATER,
			);
			expect(output).toEqual([]);
			expect(count('maintenance.request.write')).toBe(0);
			expect((await store.get('SELECT state FROM maintenance_requests'))?.state).toBe('closed');
			expect(requests()[0].stage_id).toBe(4);
		});

		it('looks up the open requests of every equipment of the input in two Odoo calls', async () => {
			const other = await client().create(REQUEST, {
				name: '[HTTP KO] srv-b',
				equipment_id: 2,
				request_date: '2026-11-20',
			});
			odoo.requests.length = 0;
			const output = await run(
				'resolveRecovered',
				[
					upItem('srv-a', 'shop', 'https://shop.example.test/'),
					upItem('srv-b', 'wiki', 'https://wiki.example.test/'),
					upItem('no-such-equipment', 'web', 'https://web.example.test/'),
				],
				{},
				LATER,
			);
			// srv-a's api still fails: only srv-b's request closes.
			expect(json(output)).toEqual([
				expect.objectContaining({ id: other, name: '[HTTP KO] srv-b', closed: true }),
			]);
			expect(requests()[0].stage_id).toBe(1);
			const searches = odoo
				.calls()
				.filter((call) => /^maintenance\.(equipment|request)\.search/.test(call));
			expect(searches).toEqual([
				expect.stringMatching(/^maintenance\.equipment\.search/),
				expect.stringMatching(/^maintenance\.request\.search/),
			]);
		});

		it('also closes an open "[HTTP KO]" request of the equipment made elsewhere', async () => {
			const other = await client().create(REQUEST, {
				name: '[HTTP KO] srv-b',
				equipment_id: 2,
				request_date: '2026-11-20',
			});
			const output = await run(
				'resolveRecovered',
				[upItem('srv-b', 'wiki', 'https://wiki.example.test/')],
				{},
				LATER,
			);
			expect(json(output)).toEqual([
				expect.objectContaining({ id: other, name: '[HTTP KO] srv-b', closed: true }),
			]);
			expect(odoo.state.row(REQUEST, other)?.stage_id).toBe(3);
		});
	});

	describe('chatter notes on Odoo 16 (no body_is_html; a str body is stored as HTML)', () => {
		let odoo16: OdooDouble;
		beforeAll(async () => {
			odoo16 = await startOdooDouble({ version: '16.0', now: () => new Date(NOON) });
		});
		afterAll(() => odoo16.close());

		it('posts the same HTML without the keyword, one line per service', async () => {
			const legacy = createOdooClient(
				{
					url: odoo16.url,
					db: odoo16.db,
					username: 'admin',
					secret: odoo16.admin.password,
					api: 'jsonrpc',
					retries: 0,
				},
				fetchSend,
			);
			await legacy.create('maintenance.equipment', { name: 'srv-a' });
			const backend16 = odooRequestBackend(legacy, store, { url: odoo16.url, db: odoo16.db });
			const report = (services: IDataObject[], now: string) =>
				runAction(contextAt(backend16, store, now), {
					items: services,
					parameters: { operation: 'reportFailures', backend: 'odoo' },
				});
			await report([downItem('srv-a', 'shop', 'https://shop.example.test/')], NOON);
			await report(
				[
					downItem('srv-a', 'a <b>', 'https://a.example.test/'),
					downItem('srv-a', 'c', 'https://c.example.test/'),
				],
				LATER,
			);
			const posted = odoo16.requests.filter(
				(request) => request.call === 'maintenance.request.message_post',
			);
			expect(posted).toHaveLength(1);
			expect(JSON.stringify(posted[0].body)).not.toContain('body_is_html');
			expect(
				odoo16.state
					.rows('mail.message')
					.filter((message) => message.subtype_id === 2)
					.map((message) => message.body),
			).toEqual([
				'<ul><li>Service KO: a &lt;b&gt; https://a.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z</li>' +
					'<li>Service KO: c https://c.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z</li></ul>',
			]);
		});
	});

	describe('the node (execute) with the Odoo credential', () => {
		afterEach(() => closeAllStateStores());

		it('builds the Odoo backend from the credential and reports to Odoo', async () => {
			const storePath = freshStoreOption(storeBackend);
			const fake = fakeExecuteFunctions({
				items: [downItem('srv-a', 'shop', 'https://shop.example.test/')],
				parameters: {
					backend: 'odoo',
					operation: 'reportFailures',
					options: { storePath, timeZone: 'UTC' },
				},
				properties: maintenanceRequestProperties,
				credentials: {
					odooMaintenanceApi: {
						url: `${odoo.url}/`,
						db: odoo.db,
						username: 'admin',
						password: odoo.admin.apiKey,
						api: 'auto',
					},
				},
			});
			const [output] = await new MaintenanceRequest().execute.call(fake);
			expect(output[0].json).toMatchObject({ id: 1, created: true, link: link(1) });
			expect(requests()[0]).toMatchObject({
				name: '[HTTP KO] srv-a',
				request_date: new Date().toISOString().slice(0, 10),
			});
		});

		it('turns a store it cannot open into a clear node error', async () => {
			const wrongPassword = new URL(testPostgresUrl());
			wrongPassword.password = 'not-the-password';
			const unusable = storeBackend === 'sqlite' ? tempDir() : wrongPassword.toString();
			const fake = fakeExecuteFunctions({
				items: [downItem('srv-a', 'shop', 'https://shop.example.test/')],
				parameters: { operation: 'reportFailures', options: { storePath: unusable } },
				properties: maintenanceRequestProperties,
			});
			const error = await new MaintenanceRequest().execute
				.call(fake)
				.catch((caught: Error) => caught);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(
				storeBackend === 'sqlite'
					? /state store/
					: /PostgreSQL at 127\.0\.0\.1:\d+ \(database \w+\) refused the login/,
			);
			expect(JSON.stringify(error)).not.toContain('not-the-password');
		});
	});

	describe('URL user-info and Odoo (issue 17)', () => {
		it('never sends user:password@ of a service URL to Odoo, in the request or in a note', async () => {
			const password = 'Odoo-n0te-s3cret';
			await run('reportFailures', [
				downItem('srv-a', 'shop', `https://monitor:${password}@shop.test/`, { statusCode: 503 }),
			]);
			await run(
				'reportFailures',
				[downItem('srv-a', 'api', `https://monitor:${password}@api.test/`, { statusCode: 502 })],
				{},
				LATER,
			);
			const sent = JSON.stringify(odoo.requests.map((request) => request.body));
			expect(sent).toContain('https://api.test/');
			expect(sent).not.toContain(password);
			expect(JSON.stringify(odoo.state.rows(REQUEST))).not.toContain(password);
			expect(JSON.stringify(odoo.state.rows('mail.message'))).not.toContain(password);
		});
	});
});
