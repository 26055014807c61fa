/**
 * Dedup and delivery under concurrency: two executions at the same moment, in one process (sharing the
 * store as n8n's executions do) and in two processes on the same store file, Local and Odoo.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { localRequestBackend } from '../../nodes/MaintenanceRequest/backends/local';
import { odooRequestBackend } from '../../nodes/MaintenanceRequest/backends/odoo';
import { ClaimBusyError } from '../../nodes/MaintenanceRequest/backends/types';
import { NotificationOutbox } from '../../nodes/MaintenanceRequest/store/outbox';
import { RequestLedger } from '../../nodes/MaintenanceRequest/store/requestLedger';
import type { StateStore } from '../../nodes/shared/store/stateStore';
import { bundleForChild } from '../support/bundle';
import { BACKENDS, countRows, freshStoreOption, openStoreAt } from '../support/stores';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import { contextAt, downItem, json, runAction } from '../unit/maintenance-request/helpers';
import { startReceiver } from '../unit/notify/receiver';
import { adminClient, adminCredential } from '../support/odooAdmin';

describe.each(BACKENDS)('on a %s store', (backend) => {
	const EQUIPMENTS = ['srv-1', 'srv-2', 'srv-3', 'srv-4', 'srv-5', 'srv-6', 'srv-7', 'srv-8'];
	const worker = bundleForChild(path.join(__dirname, '../support/maintenanceRequestWorker.ts'));

	let odoo: OdooDouble;
	let storePath: string;
	let store: StateStore;

	beforeAll(async () => {
		odoo = await startOdooDouble();
	});

	beforeEach(async () => {
		await odoo.reset();
		const admin = client();
		for (const name of EQUIPMENTS) await admin.create('maintenance.equipment', { name });
		odoo.requests.length = 0;
		storePath = freshStoreOption(backend);
		store = await openStoreAt(storePath);
	});

	afterEach(() => store.close());

	afterAll(async () => {
		await odoo.close();
	});

	const client = () => adminClient(odoo);

	const count = (call: string) => odoo.calls().filter((made) => made === call).length;
	const failures = (service: string) =>
		EQUIPMENTS.map((equipment) =>
			downItem(equipment, service, `https://${service}.${equipment}.example.test/`),
		);

	function runWorker(config: Record<string, unknown>): Promise<IDataObject[]> {
		return new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [worker, JSON.stringify(config)]);
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('close', (code) => {
				if (code === 0) resolve(JSON.parse(stdout) as IDataObject[]);
				else reject(new Error(`worker exited with ${code}: ${stderr}`));
			});
		});
	}

	/** Each equipment was created by exactly one of the two executions, and listed both services. */
	async function expectOneCreationEach(a: IDataObject[], b: IDataObject[]) {
		for (const equipment of EQUIPMENTS) {
			const created = [...a, ...b].filter(
				(item) => item.equipment === equipment && item.created === true,
			);
			expect(created).toHaveLength(1);
		}
		const ledger = await store.all(
			'SELECT equipment, services FROM maintenance_requests ORDER BY equipment',
		);
		expect(ledger.map((row) => row.equipment)).toEqual(EQUIPMENTS);
		for (const row of ledger) {
			const services = (JSON.parse(String(row.services)) as Array<{ service: string }>).map(
				(s) => s.service,
			);
			expect(services.sort()).toEqual(['api', 'web']);
		}
	}

	describe('two executions in one process', () => {
		it('Local: one request per equipment', async () => {
			const at = '2026-11-23T12:00:00.000Z';
			const [a, b] = await Promise.all([
				runAction(contextAt(localRequestBackend(store), store, at), {
					items: failures('web'),
					parameters: { operation: 'reportFailures' },
				}),
				runAction(contextAt(localRequestBackend(store), store, at), {
					items: failures('api'),
					parameters: { operation: 'reportFailures' },
				}),
			]);
			await expectOneCreationEach(json(a), json(b));
		});

		it('Odoo: one maintenance.request per equipment; the second execution adds a note', async () => {
			const backend = () => odooRequestBackend(client(), store, { url: odoo.url, db: odoo.db });
			const at = new Date().toISOString();
			const [a, b] = await Promise.all([
				runAction(contextAt(backend(), store, at), {
					items: failures('web'),
					parameters: { operation: 'reportFailures' },
				}),
				runAction(contextAt(backend(), store, at), {
					items: failures('api'),
					parameters: { operation: 'reportFailures' },
				}),
			]);
			await expectOneCreationEach(json(a), json(b));
			expect(count('maintenance.request.create')).toBe(EQUIPMENTS.length);
			expect(odoo.state.rows('maintenance.request')).toHaveLength(EQUIPMENTS.length);
			expect(count('maintenance.request.message_post')).toBe(EQUIPMENTS.length);
		});
	});

	describe('two executions in two processes on the same store', () => {
		const startAt = () => Date.now() + 1500;

		it('Local: one request per equipment', async () => {
			const options = { storePath, timeZone: 'UTC' };
			const at = startAt();
			const [a, b] = await Promise.all([
				runWorker({
					startAt: at,
					items: failures('web'),
					parameters: { operation: 'reportFailures', options },
				}),
				runWorker({
					startAt: at,
					items: failures('api'),
					parameters: { operation: 'reportFailures', options },
				}),
			]);
			await expectOneCreationEach(a, b);
		}, 60_000);

		it('Odoo: one maintenance.request per equipment against the same Odoo', async () => {
			const parameters = { operation: 'reportFailures', backend: 'odoo', options: { storePath } };
			const credentials = {
				odooMaintenanceApi: adminCredential(odoo),
			};
			const at = startAt();
			const [a, b] = await Promise.all([
				runWorker({ startAt: at, items: failures('web'), parameters, credentials }),
				runWorker({ startAt: at, items: failures('api'), parameters, credentials }),
			]);
			await expectOneCreationEach(a, b);
			expect(count('maintenance.request.create')).toBe(EQUIPMENTS.length);
			expect(odoo.state.rows('maintenance.request')).toHaveLength(EQUIPMENTS.length);
			expect(count('maintenance.request.message_post')).toBe(EQUIPMENTS.length);
		}, 60_000);

		it('delivers each queued notification once when two processes retry at the same moment', async () => {
			const receiver = await startReceiver();
			try {
				receiver.delayMs = 30;
				const outbox = new NotificationOutbox(store);
				const queuedAt = new Date().toISOString();
				for (let id = 1; id <= 10; id++) {
					await outbox.enqueue(
						`local|created|srv-${id}|2026-11-23|${id}`,
						receiver.url,
						JSON.stringify({ id }),
						queuedAt,
					);
				}
				const parameters = {
					operation: 'retryPending',
					webhookUrl: receiver.url,
					options: { storePath },
				};
				const at = startAt();
				const [a, b] = await Promise.all([
					runWorker({ startAt: at, items: [{}], parameters }),
					runWorker({ startAt: at, items: [{}], parameters }),
				]);
				const sent = [a[0], b[0]].map((item) => (item.notifications as { sent: number }).sent);
				expect(sent[0] + sent[1]).toBe(10);
				expect(
					receiver.received.map((request) => JSON.parse(request.body).id).sort((x, y) => x - y),
				).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
				expect(await outbox.counts()).toEqual({ pending: 0, sent: 10, failed: 0 });
			} finally {
				await receiver.close();
			}
		}, 60_000);
	});

	describe('a claim held by another execution (Odoo backend)', () => {
		/** A clock that only moves when the backend sleeps, so waiting 20 s takes no time. */
		function fakeTime(start: string) {
			let now = Date.parse(start);
			return { clock: () => new Date(now), sleep: async (ms: number) => void (now += ms) };
		}

		const claim = (createdAt: string) =>
			new RequestLedger(store).claim({
				backend: `odoo:${odoo.url}|${odoo.db}`,
				equipment: 'srv-1',
				day: '2026-11-23',
				name: '[HTTP KO] srv-1',
				state: 'pending',
				priority: '2',
				description: '',
				services: [],
				createdAt,
			});

		it('is taken over when stale (its run died before creating the request)', async () => {
			await claim('2026-11-23T11:58:00.000Z');
			const backend = odooRequestBackend(client(), store, {
				url: odoo.url,
				db: odoo.db,
				...fakeTime('2026-11-23T12:00:00.000Z'),
			});
			const output = await runAction(contextAt(backend, store, '2026-11-23T12:00:00.000Z'), {
				items: failures('web').slice(0, 1),
				parameters: { operation: 'reportFailures' },
			});
			expect(output[0].json).toMatchObject({ created: true, name: '[HTTP KO] srv-1' });
			expect(odoo.state.rows('maintenance.request')).toHaveLength(1);
		});

		it('is waited for, then the failures are kept for the next run (never a second request)', async () => {
			await claim('2026-11-23T12:00:00.000Z');
			const backend = odooRequestBackend(client(), store, {
				url: odoo.url,
				db: odoo.db,
				...fakeTime('2026-11-23T12:00:01.000Z'),
			});
			const output = await runAction(contextAt(backend, store, '2026-11-23T12:00:01.000Z'), {
				items: failures('web').slice(0, 1),
				parameters: { operation: 'reportFailures' },
				continueOnFail: true,
			});
			expect(output[0].json).toMatchObject({
				equipment: 'srv-1',
				pending: true,
				error: new ClaimBusyError('srv-1').message,
			});
			expect(count('maintenance.request.create')).toBe(0);
			expect(await countRows(store, 'pending_failures')).toBe(1);
		});
	});
});
