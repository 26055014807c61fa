import type { IDataObject } from 'n8n-workflow';

import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { recordCheck, serviceKey } from '../../../nodes/shared/store/serviceStatus';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { startReceiver, type Receiver } from '../notify/receiver';
import { contextAt, downItem, json, runAction, upItem } from './helpers';
import { BACKENDS, openTestStore } from '../../support/stores';

describe.each(BACKENDS)('%s store', (backend) => {
	const NOON = '2026-11-23T12:00:00.000Z';
	const LATER = '2026-11-23T13:00:00.000Z';

	let store: StateStore;
	const run = (
		operation: string,
		items: IDataObject[],
		parameters: Record<string, unknown> = {},
		now = LATER,
	) =>
		runAction(contextAt(localRequestBackend(store), store, now), {
			items,
			parameters: { operation, ...parameters },
		});
	const states = () =>
		store.all('SELECT equipment, state, closed_at FROM maintenance_requests ORDER BY id');

	async function check(
		equipment: string,
		name: string,
		url: string,
		ok: boolean,
		checkedAt = LATER,
	) {
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
				checkedAt,
			},
			{ failureThreshold: 1, successThreshold: 1 },
		);
	}

	beforeEach(async () => {
		store = await openTestStore(backend);
		await run(
			'reportFailures',
			[
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
				downItem('srv-a', 'api', 'https://api.example.test/'),
				downItem('srv-b', 'wiki', 'https://wiki.example.test/'),
			],
			{},
			NOON,
		);
	});

	afterEach(() => store.close());

	describe('Resolve Recovered (Local backend)', () => {
		it('keeps the request open while one of its services still fails', async () => {
			const output = await run('resolveRecovered', [
				upItem('srv-a', 'shop', 'https://shop.example.test/'),
			]);
			expect(output).toEqual([]);
			expect((await states()).map((row) => row.state)).toEqual(['open', 'open']);
		});

		it('closes the request once every service of it is up, and emits it', async () => {
			const output = await run('resolveRecovered', [
				upItem('srv-a', 'shop', 'https://shop.example.test/'),
				upItem('srv-b', 'other', 'https://other.example.test/'),
				upItem('srv-a', 'api', 'https://api.example.test/'),
			]);
			expect(json(output)).toEqual([
				expect.objectContaining({
					id: 1,
					name: '[HTTP KO] srv-a',
					equipment: 'srv-a',
					closed: true,
					recoveredServices: [
						expect.objectContaining({ service: 'shop', url: 'https://shop.example.test/' }),
						expect.objectContaining({ service: 'api', url: 'https://api.example.test/' }),
					],
					notification: null,
				}),
			]);
			expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
			expect(await states()).toEqual([
				{ equipment: 'srv-a', state: 'closed', closed_at: LATER },
				{ equipment: 'srv-b', state: 'open', closed_at: null },
			]);
			expect(
				await run('resolveRecovered', [upItem('srv-a', 'shop', 'https://shop.example.test/')]),
			).toEqual([]);
		});

		it('counts a service of the request the store last saw up as recovered', async () => {
			await check('srv-a', 'api', 'https://api.example.test/', true);
			const output = await run('resolveRecovered', [
				upItem('srv-a', 'shop', 'https://shop.example.test/'),
			]);
			expect(json(output).map((item) => item.name)).toEqual(['[HTTP KO] srv-a']);
		});

		it('keeps it open while another service of the equipment is down in the store', async () => {
			await check('srv-a', 'db', 'https://db.example.test/', false);
			const output = await run('resolveRecovered', [
				upItem('srv-a', 'shop', 'https://shop.example.test/'),
				upItem('srv-a', 'api', 'https://api.example.test/'),
			]);
			expect(output).toEqual([]);
			expect((await states())[0].state).toBe('open');
		});

		it('ignores a down status that was not refreshed for an hour (a service no longer monitored)', async () => {
			await check(
				'srv-a',
				'old',
				'https://removed.example.test/',
				false,
				'2026-11-23T11:59:00.000Z',
			);
			const output = await run('resolveRecovered', [
				upItem('srv-a', 'shop', 'https://shop.example.test/'),
				upItem('srv-a', 'api', 'https://api.example.test/'),
			]);
			expect(json(output).map((item) => item.name)).toEqual(['[HTTP KO] srv-a']);
			expect((await states())[0].state).toBe('closed');
		});

		it('a service checked without a name matches its request entry by URL', async () => {
			await run(
				'reportFailures',
				[downItem('srv-c', '', 'https://nameless.example.test/')],
				{},
				NOON,
			);
			await check('srv-c', '', 'https://nameless.example.test/', true);
			const output = await run('resolveRecovered', [
				upItem('srv-c', 'other', 'https://other.example.test/'),
			]);
			expect(json(output).map((item) => item.name)).toEqual(['[HTTP KO] srv-c']);
		});

		it('notifies the closed request when asked, with the same payload keys', async () => {
			const receiver: Receiver = await startReceiver();
			try {
				const output = await run(
					'resolveRecovered',
					[upItem('srv-b', 'wiki', 'https://wiki.example.test/')],
					{ sendNotification: true, webhookUrl: receiver.url },
				);
				expect(output[0].json.notification).toEqual({ status: 'sent', attempts: 1, reason: null });
				const body = JSON.parse(receiver.received[0].body) as Record<string, unknown>;
				expect(Object.keys(body)).toEqual([
					'id',
					'name',
					'priority',
					'description',
					'equipment',
					'link',
				]);
				expect(body).toEqual({
					id: 2,
					name: '[HTTP KO] srv-b',
					priority: '2',
					description: 'All services recovered: https://wiki.example.test/',
					equipment: 'srv-b',
					link: null,
				});
			} finally {
				await receiver.close();
			}
		});

		it('with Continue On Fail, an item without equipment is an error item', async () => {
			const output = await runAction(contextAt(localRequestBackend(store), store, LATER), {
				items: [
					{ name: 'x', url: 'https://x.example.test/' },
					upItem('srv-b', 'wiki', 'https://wiki.example.test/'),
				],
				parameters: { operation: 'resolveRecovered' },
				continueOnFail: true,
			});
			expect(json(output)).toEqual([
				{ error: 'Item 0 has no equipment' },
				expect.objectContaining({ name: '[HTTP KO] srv-b', closed: true }),
			]);
		});
	});
});
