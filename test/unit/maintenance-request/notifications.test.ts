import type { IDataObject } from 'n8n-workflow';

import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { idempotencyHeader } from '../../../nodes/MaintenanceRequest/notify/webhookDelivery';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { startReceiver, type Receiver } from '../notify/receiver';
import { contextAt, downItem, runAction } from './helpers';
import { BACKENDS, openTestStore } from '../../support/stores';

describe.each(BACKENDS)('%s store', (backend) => {
	const BASIC = { odooMaintenanceBasicAuthApi: { user: 'n8n-hook', password: 's3cret:pass' } };
	const FAST = {
		notificationAttempts: 2,
		notificationRetryDelayMs: 5,
		notificationTimeoutMs: 2000,
	};

	let store: StateStore;
	let receiver: Receiver;

	function notifying(extra: Record<string, unknown> = {}) {
		return {
			sendNotification: true,
			webhookUrl: receiver.url,
			notificationAuthentication: 'basicAuth',
			options: FAST,
			...extra,
		};
	}

	function run(
		operation: string,
		items: IDataObject[],
		parameters: Record<string, unknown>,
		now: string,
	) {
		return runAction(contextAt(localRequestBackend(store), store, now), {
			items,
			parameters: { operation, ...parameters },
			credentials: BASIC,
		});
	}

	beforeEach(async () => {
		store = await openTestStore(backend);
		receiver = await startReceiver();
	});

	afterEach(async () => {
		await receiver.close();
		await store.close();
	});

	describe('webhook notification of new requests', () => {
		it('POSTs exactly {id, name, priority, description, equipment, link} with Basic Auth and an Idempotency-Key', async () => {
			const output = await run(
				'reportFailures',
				[
					downItem('srv-a', 'shop <b>', 'https://shop.example.test/', { statusCode: 503 }),
					downItem('srv-a', 'api', 'https://api.example.test/', { statusCode: 502 }),
				],
				notifying({ priority: '3' }),
				'2026-11-23T12:00:00.000Z',
			);
			expect(output[0].json.notification).toEqual({ status: 'sent', attempts: 1, reason: null });
			expect(receiver.received).toHaveLength(1);
			const [request] = receiver.received;
			const body = JSON.parse(request.body) as Record<string, unknown>;
			expect(Object.keys(body)).toEqual([
				'id',
				'name',
				'priority',
				'description',
				'equipment',
				'link',
			]);
			expect(body).toEqual({
				id: 1,
				name: '[HTTP KO] srv-a',
				priority: '3',
				description:
					'Service KO: shop &lt;b&gt; https://shop.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z\n' +
					'Service KO: api https://api.example.test/ - HTTP 502 at 2026-11-23T10:00:00.000Z',
				equipment: 'srv-a',
				link: null,
			});
			expect(request.headers.authorization).toBe(
				`Basic ${Buffer.from('n8n-hook:s3cret:pass').toString('base64')}`,
			);
			expect(request.headers['content-type']).toBe('application/json');
			expect(request.headers['idempotency-key']).toBe(
				idempotencyHeader('local|created|srv-a|2026-11-23|1'),
			);
		});

		it('notifies only newly created requests, each once', async () => {
			const at = '2026-11-23T12:00:00.000Z';
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				at,
			);
			const again = await run(
				'reportFailures',
				[
					downItem('srv-a', 'db', 'https://db.example.test/'),
					downItem('srv-b', 'wiki', 'https://wiki.example.test/'),
				],
				notifying(),
				'2026-11-23T12:15:00.000Z',
			);
			expect(
				again.map((item) => [item.json.equipment, item.json.created, item.json.notification]),
			).toEqual([
				['srv-a', false, null],
				['srv-b', true, { status: 'sent', attempts: 1, reason: null }],
			]);
			expect(receiver.received.map((request) => JSON.parse(request.body).equipment)).toEqual([
				'srv-a',
				'srv-b',
			]);
		});

		it('sends no Authorization header without authentication', async () => {
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying({ notificationAuthentication: 'none' }),
				'2026-11-23T12:00:00.000Z',
			);
			expect(receiver.received[0].headers.authorization).toBeUndefined();
		});

		it('503 then 200 within the run: sent after 2 attempts', async () => {
			receiver.status = (index) => (index === 0 ? 503 : 200);
			const output = await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			expect(output[0].json.notification).toEqual({ status: 'sent', attempts: 2, reason: null });
			expect(receiver.received).toHaveLength(2);
		});

		it('receiver down: the request is created and the notification queued with the reason', async () => {
			await receiver.stop();
			const output = await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			expect(output[0].json).toMatchObject({
				created: true,
				notification: {
					status: 'queued',
					attempts: 2,
					reason: expect.stringMatching(/^ECONNREFUSED/),
				},
			});
			expect(Number((await store.get('SELECT count(*) AS n FROM maintenance_requests'))?.n)).toBe(
				1,
			);
		});

		it('after the receiver is back, Retry Pending delivers the queued notification exactly once', async () => {
			await receiver.stop();
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			await receiver.start();
			const retry = await run(
				'retryPending',
				[{}],
				{ webhookUrl: receiver.url, notificationAuthentication: 'basicAuth', options: FAST },
				new Date().toISOString(),
			);
			expect(retry[0].json).toMatchObject({
				reported: [],
				stillPending: [],
				notifications: { sent: 1, queued: 0, failed: 0 },
				outbox: { pending: 0, sent: 1, failed: 0 },
			});
			await run(
				'retryPending',
				[{}],
				{ webhookUrl: receiver.url, notificationAuthentication: 'basicAuth' },
				new Date().toISOString(),
			);
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			expect(receiver.received).toHaveLength(1);
			expect(JSON.parse(receiver.received[0].body)).toMatchObject({
				id: 1,
				name: '[HTTP KO] srv-a',
			});
			expect(receiver.received[0].headers.authorization).toMatch(/^Basic /);
		});

		it('after the receiver is back, the next Report Failures run delivers the queued notification too', async () => {
			await receiver.stop();
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			await receiver.start();
			const next = await run(
				'reportFailures',
				[downItem('srv-b', 'wiki', 'https://wiki.example.test/')],
				notifying(),
				new Date().toISOString(),
			);
			expect(next[0].json.notification).toMatchObject({ status: 'sent' });
			expect(receiver.received.map((request) => JSON.parse(request.body).equipment).sort()).toEqual(
				['srv-a', 'srv-b'],
			);
		});

		it('gives up after the max age: failed with the reason', async () => {
			await receiver.stop();
			const start = new Date(Date.now() - 3 * 3_600_000).toISOString();
			await run(
				'reportFailures',
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				notifying({ options: { ...FAST, notificationMaxAgeHours: 2 } }),
				start,
			);
			const retry = await run(
				'retryPending',
				[{}],
				{
					webhookUrl: receiver.url,
					notificationAuthentication: 'basicAuth',
					options: { ...FAST, notificationMaxAgeHours: 2 },
				},
				new Date().toISOString(),
			);
			expect(retry[0].json).toMatchObject({ notifications: { sent: 0, queued: 0, failed: 1 } });
			expect(await store.get('SELECT status, last_error FROM notification_outbox')).toMatchObject({
				status: 'failed',
				last_error: expect.stringMatching(/^ECONNREFUSED/),
			});
		});

		it('requires a Webhook URL when notifications are on', async () => {
			await expect(
				run(
					'reportFailures',
					[downItem('srv-a', 'shop', 'https://shop.example.test/')],
					notifying({ webhookUrl: ' ' }),
					new Date().toISOString(),
				),
			).rejects.toThrow('The Webhook URL is empty');
		});

		it('Retry Pending refuses Basic Auth without a Webhook URL (credentials go to no other endpoint)', async () => {
			await expect(
				run(
					'retryPending',
					[{}],
					{ webhookUrl: '', notificationAuthentication: 'basicAuth' },
					new Date().toISOString(),
				),
			).rejects.toThrow('Set the Webhook URL to use Basic Auth');
		});

		it('Retry Pending without a URL and without auth sends every queued notification', async () => {
			const other = await startReceiver();
			try {
				await receiver.stop();
				await other.stop();
				const now = new Date().toISOString();
				await run(
					'reportFailures',
					[downItem('srv-a', 'shop', 'https://a.example.test/')],
					notifying({ notificationAuthentication: 'none' }),
					now,
				);
				await run(
					'reportFailures',
					[downItem('srv-b', 'wiki', 'https://b.example.test/')],
					notifying({ webhookUrl: other.url, notificationAuthentication: 'none' }),
					now,
				);
				await receiver.start();
				await other.start();
				const retry = await run('retryPending', [{}], { options: FAST }, new Date().toISOString());
				expect(retry[0].json).toMatchObject({ notifications: { sent: 2, queued: 0, failed: 0 } });
				expect(receiver.received).toHaveLength(1);
				expect(other.received).toHaveLength(1);
			} finally {
				await other.close();
			}
		});
	});
});
