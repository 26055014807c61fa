import { NodeOperationError } from 'n8n-workflow';

import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { RequestLedger } from '../../../nodes/MaintenanceRequest/store/requestLedger';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { contextAt, downItem, json, runAction } from './helpers';
import { BACKENDS, openTestStore } from '../../support/stores';

describe.each(BACKENDS)('%s store', (backend) => {
	const NOON = '2026-11-23T12:00:00.000Z';

	let store: StateStore;
	const report = (
		items: ReturnType<typeof downItem>[],
		parameters: Record<string, unknown> = {},
		now = NOON,
	) =>
		runAction(contextAt(localRequestBackend(store), store, now), {
			items,
			parameters: { operation: 'reportFailures', ...parameters },
		});
	const rows = () =>
		store.all('SELECT equipment, day, name, state, services FROM maintenance_requests ORDER BY id');

	beforeEach(async () => {
		store = await openTestStore(backend);
	});

	afterEach(() => store.close());

	describe('Report Failures (Local backend)', () => {
		it('opens one request per equipment listing every failing service (URL, status or error, time)', async () => {
			const output = await report([
				downItem('srv-a', 'shop', 'https://shop.example.test/', { statusCode: 503 }),
				downItem('srv-b', 'wiki', 'https://wiki.example.test/', { statusCode: 500 }),
				downItem('srv-a', 'api', 'https://api.example.test/', {
					error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.7:443' },
					checkedAt: '2026-11-23T10:00:05.000Z',
				}),
			]);
			expect(json(output)).toEqual([
				{
					id: 1,
					name: '[HTTP KO] srv-a',
					priority: '2',
					description:
						'Service KO: shop https://shop.example.test/ - HTTP 503 at 2026-11-23T10:00:00.000Z\n' +
						'Service KO: api https://api.example.test/ - ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:443 at 2026-11-23T10:00:05.000Z',
					equipment: 'srv-a',
					link: null,
					created: true,
					services: [
						{
							service: 'shop',
							url: 'https://shop.example.test/',
							statusCode: 503,
							error: 'UNEXPECTED_STATUS: HTTP 503',
							failedAt: '2026-11-23T10:00:00.000Z',
						},
						{
							service: 'api',
							url: 'https://api.example.test/',
							statusCode: -1,
							error: 'ECONNREFUSED: connect ECONNREFUSED 10.0.0.7:443',
							failedAt: '2026-11-23T10:00:05.000Z',
						},
					],
					addedServices: expect.any(Array),
					notification: null,
				},
				expect.objectContaining({
					id: 2,
					name: '[HTTP KO] srv-b',
					equipment: 'srv-b',
					created: true,
					description:
						'Service KO: wiki https://wiki.example.test/ - HTTP 500 at 2026-11-23T10:00:00.000Z',
				}),
			]);
			expect(output.map((item) => item.pairedItem)).toEqual([
				[{ item: 0 }, { item: 2 }],
				[{ item: 1 }],
			]);
			expect(await rows()).toHaveLength(2);
		});

		it('creates nothing the same day and adds only the newly failing services', async () => {
			await report([downItem('srv-a', 'shop', 'https://shop.example.test/')]);
			const second = await report(
				[
					downItem('srv-a', 'shop', 'https://shop.example.test/', {
						checkedAt: '2026-11-23T12:00:00.000Z',
					}),
					downItem('srv-a', 'db', 'https://db.example.test/', { statusCode: 502 }),
				],
				{},
				'2026-11-23T12:15:00.000Z',
			);
			expect(json(second)).toEqual([
				expect.objectContaining({
					id: 1,
					created: false,
					addedServices: [expect.objectContaining({ service: 'db', statusCode: 502 })],
					services: [
						expect.objectContaining({ service: 'shop', failedAt: '2026-11-23T10:00:00.000Z' }),
						expect.objectContaining({ service: 'db' }),
					],
					notification: null,
				}),
			]);
			expect(second[0].json.description).toContain('https://db.example.test/ - HTTP 502');
			const third = await report(
				[downItem('srv-a', 'db', 'https://db.example.test/')],
				{},
				'2026-11-23T12:30:00.000Z',
			);
			expect(third[0].json).toMatchObject({ created: false, addedServices: [] });
			expect(await rows()).toHaveLength(1);
		});

		it('opens a new request on a new day of the configured time zone', async () => {
			const paris = { options: { timeZone: 'Europe/Paris' } };
			const first = await report(
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				paris,
				'2026-11-23T22:00:00.000Z',
			);
			expect(first[0].json).toMatchObject({ id: 1, created: true });
			// 23:30 UTC is already 00:30 on the 24th in Paris.
			const late = await report(
				[downItem('srv-a', 'shop', 'https://shop.example.test/')],
				paris,
				'2026-11-23T23:30:00.000Z',
			);
			expect(late[0].json).toMatchObject({ id: 2, created: true });
			expect((await rows()).map((row) => row.day)).toEqual(['2026-11-23', '2026-11-24']);
		});

		it('uses the workflow time zone when the option is empty', async () => {
			const at = '2026-11-23T23:30:00.000Z';
			const run = (timezone: string) =>
				runAction(contextAt(localRequestBackend(store), store, at), {
					items: [downItem('srv-a', 'shop', 'https://shop.example.test/')],
					parameters: { operation: 'reportFailures' },
					timezone,
				});
			await run('UTC');
			await run('Europe/Paris');
			expect((await rows()).map((row) => row.day)).toEqual(['2026-11-23', '2026-11-24']);
		});

		it('rejects an invalid time zone clearly', async () => {
			await expect(
				report([downItem('srv-a', 'shop', 'https://shop.example.test/')], {
					options: { timeZone: 'Mars/Olympus' },
				}),
			).rejects.toThrow(/time zone.*Mars\/Olympus/);
			expect(await rows()).toHaveLength(0);
		});

		it('sets the priority option (default 2)', async () => {
			const output = await report([downItem('srv-a', 'shop', 'https://shop.example.test/')], {
				priority: '3',
			});
			expect(output[0].json.priority).toBe('3');
			expect((await store.get('SELECT priority FROM maintenance_requests'))?.priority).toBe('3');
		});

		it('fails on an item without equipment, naming it, and reports nothing', async () => {
			const error = await report([
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
				downItem(undefined, 'orphan', 'https://orphan.example.test/'),
			]).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).message).toBe('Item 1 has no equipment');
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(await rows()).toHaveLength(0);
		});

		it('with Continue On Fail, an item without equipment is an error item and the others are reported', async () => {
			const output = await runAction(contextAt(localRequestBackend(store), store, NOON), {
				items: [
					downItem('srv-a', 'shop', 'https://shop.example.test/'),
					downItem('  ', 'orphan', 'https://orphan.example.test/'),
					downItem('srv-b', 'wiki', 'https://wiki.example.test/'),
				],
				parameters: { operation: 'reportFailures' },
				continueOnFail: true,
			});
			expect(output).toEqual([
				{ json: { error: 'Item 1 has no equipment' }, pairedItem: { item: 1 } },
				expect.objectContaining({
					json: expect.objectContaining({ equipment: 'srv-a', created: true }),
				}),
				expect.objectContaining({
					json: expect.objectContaining({ equipment: 'srv-b', created: true }),
				}),
			]);
			expect((await rows()).map((row) => row.equipment)).toEqual(['srv-a', 'srv-b']);
		});

		it('reads fields set on the node instead of the HTTP Service Check defaults', async () => {
			const output = await report(
				[{ host: 'srv-z', svc: 'mail', target: 'smtp://mail.example.test' }],
				{
					equipment: (_: number, item: Record<string, unknown>) => item.host,
					serviceName: (_: number, item: Record<string, unknown>) => item.svc,
					serviceUrl: (_: number, item: Record<string, unknown>) => item.target,
					statusCode: -1,
					errorMessage: 'ETIMEDOUT: no answer',
					failedAt: '2026-11-23T09:00:00.000Z',
				},
			);
			expect(output[0].json).toMatchObject({
				equipment: 'srv-z',
				description:
					'Service KO: mail smtp://mail.example.test - ETIMEDOUT: no answer at 2026-11-23T09:00:00.000Z',
			});
		});

		it('lists a service failing twice in one run once', async () => {
			const output = await report([
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
				downItem('srv-a', 'shop', 'https://shop.example.test/'),
			]);
			expect((output[0].json.services as unknown[]).length).toBe(1);
		});
	});

	describe('canary guard', () => {
		const items = () => [
			downItem('srv-a', 'shop', 'https://shop.example.test/'),
			downItem('srv-b', 'wiki', 'https://wiki.example.test/'),
			downItem('probe', 'canary', 'https://canary.example.test'),
		];

		it('opens one request for the monitoring itself when a canary URL fails', async () => {
			const output = await report(items(), {
				options: { canaryUrls: 'https://elsewhere.example.test/, https://canary.example.test/' },
			});
			expect(json(output)).toEqual([
				expect.objectContaining({
					name: '[HTTP KO] Monitoring',
					equipment: 'Monitoring',
					created: true,
					canary: true,
					canaryReason: 'canary https://canary.example.test failed',
					services: [
						expect.objectContaining({ service: 'shop' }),
						expect.objectContaining({ service: 'wiki' }),
						expect.objectContaining({ service: 'canary' }),
					],
				}),
			]);
			expect(output[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect((await rows()).map((row) => row.equipment)).toEqual(['Monitoring']);
		});

		it('opens one request for the monitoring when more than the set share of services fail', async () => {
			const output = await report(items(), {
				options: {
					canaryMaxFailurePercent: 25,
					totalServices: 10,
					monitoringEquipment: 'n8n monitoring',
				},
			});
			expect(json(output)).toEqual([
				expect.objectContaining({
					name: '[HTTP KO] n8n monitoring',
					canary: true,
					canaryReason: '3 of 10 services failed (30.0% > 25%)',
				}),
			]);
		});

		it('reports per equipment at or below the share, or when the guard is off', async () => {
			const atShare = await report(items(), {
				options: { canaryMaxFailurePercent: 30, totalServices: 10 },
			});
			expect(json(atShare).map((item) => item.equipment)).toEqual(['srv-a', 'srv-b', 'probe']);
			expect(json(atShare).some((item) => 'canary' in item)).toBe(false);
			const off = await report(items(), { options: { totalServices: 3 } });
			expect(json(off).map((item) => item.created)).toEqual([false, false, false]);
		});
	});

	describe('request ledger', () => {
		it('keeps one row per backend, equipment and day (the dedup key)', async () => {
			const ledger = new RequestLedger(store);
			const init = {
				backend: 'local',
				equipment: 'srv-a',
				day: '2026-11-23',
				name: '[HTTP KO] srv-a',
				state: 'open' as const,
				priority: '2',
				description: '',
				services: [],
				createdAt: NOON,
			};
			expect((await ledger.claim(init)).claimed).toBe(true);
			expect((await ledger.claim(init)).claimed).toBe(false);
			expect((await ledger.claim({ ...init, backend: 'odoo:x|db' })).claimed).toBe(true);
			expect((await ledger.claim({ ...init, day: '2026-11-24' })).claimed).toBe(true);
			expect(await rows()).toHaveLength(3);
		});
	});
});
