/**
 * The Odoo module's configuration keeps working: with the Odoo backend and no Webhook URL on the node, new requests
 * are notified to the module's maintenance_service_http_monitoring.webhook_url with its webhook_user and
 * webhook_password, when the credential's user may read system parameters (the Odoo double answers as Odoo 19 does).
 */
import type { IDataObject } from 'n8n-workflow';

import { odooRequestBackend } from '../../nodes/MaintenanceRequest/backends/odoo';
import { createOdooClient } from '../../nodes/shared/odoo/client';
import type { StateStore } from '../../nodes/shared/store/stateStore';
import { fetchSend } from '../support/fetchSend';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { openTestStore } from '../support/stores';
import { startReceiver, type Receiver } from '../unit/notify/receiver';
import { contextAt, downItem, json, runAction } from '../unit/maintenance-request/helpers';

const NOON = '2026-11-23T12:00:00.000Z';
const LATER = '2026-11-23T12:15:00.000Z';

let odoo: OdooDouble;
let receiver: Receiver;
let store: StateStore;

const client = (user: 'admin' | 'tech') =>
	createOdooClient(
		{
			url: odoo.url,
			db: odoo.db,
			username: odoo[user].login,
			secret: odoo[user].apiKey,
			api: 'json2',
			retries: 0,
		},
		fetchSend,
	);

beforeAll(async () => {
	odoo = await startOdooDouble({ now: () => new Date(NOON) });
	receiver = await startReceiver();
});
afterAll(async () => {
	await odoo.close();
	await receiver.close();
});
beforeEach(async () => {
	await odoo.reset();
	store = await openTestStore('sqlite');
	const admin = client('admin');
	await admin.create('maintenance.equipment', { name: 'srv-a' });
	for (const [key, value] of [
		['webhook_url', `${receiver.url}/odoo-module-hook`],
		['webhook_user', 'odoo-hook'],
		['webhook_password', 'hook-secret-51'],
	]) {
		await admin.call('ir.config_parameter', 'set_param', {
			kwargs: { key: `maintenance_service_http_monitoring.${key}`, value },
		});
	}
	receiver.received.length = 0;
});
afterEach(() => store.close());

function run(
	operation: string,
	items: IDataObject[],
	user: 'admin' | 'tech',
	now = NOON,
	parameters = {},
) {
	const backend = odooRequestBackend(client(user), store, { url: odoo.url, db: odoo.db });
	return runAction(contextAt(backend, store, now), {
		items,
		parameters: { operation, backend: 'odoo', ...parameters },
	});
}

describe('Report Failures with the Odoo module’s webhook settings', () => {
	it('notifies the module’s webhook with its user and password when the node sets no URL', async () => {
		const [item] = json(
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				'admin',
			),
		);
		expect(item).toMatchObject({ created: true, notification: { status: 'sent' } });
		expect(receiver.received).toHaveLength(1);
		const [hook] = receiver.received;
		expect(hook.url).toMatch(/\/odoo-module-hook$/);
		expect(hook.headers.authorization).toBe(
			`Basic ${Buffer.from('odoo-hook:hook-secret-51').toString('base64')}`,
		);
		expect(JSON.parse(hook.body)).toMatchObject({ name: '[HTTP KO] srv-a', equipment: 'srv-a' });
	});

	it('lets Retry Pending deliver a queued module notification with the module’s credentials', async () => {
		receiver.status = (index) => (index === 0 ? 503 : 200);
		try {
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				'admin',
				NOON,
				{
					options: { notificationAttempts: 1 },
				},
			);
			const [retried] = json(await run('retryPending', [{}], 'admin', LATER));
			expect(retried.notifications).toEqual({ sent: 1, queued: 0, failed: 0 });
			expect(receiver.received.map((hook) => hook.headers.authorization)).toEqual([
				expect.stringMatching(/^Basic /),
				expect.stringMatching(/^Basic /),
			]);
		} finally {
			receiver.status = () => 200;
		}
	});

	it('leaves notifications off when the user may not read system parameters', async () => {
		const [item] = json(
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				'tech',
			),
		);
		expect(item).toMatchObject({ created: true, notification: null });
		expect(receiver.received).toEqual([]);
	});

	it('prefers the Webhook URL of the node', async () => {
		await run(
			'reportFailures',
			[downItem('srv-a', 'shop', 'https://shop.example.test/')],
			'admin',
			NOON,
			{
				sendNotification: true,
				webhookUrl: `${receiver.url}/node-hook`,
			},
		);
		expect(receiver.received.map((hook) => [hook.url, hook.headers.authorization])).toEqual([
			[expect.stringMatching(/\/node-hook$/), undefined],
		]);
	});
});
