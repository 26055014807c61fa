import { NodeOperationError } from 'n8n-workflow';

import { httpServiceCheckProperties } from '../../../nodes/HttpServiceCheck/description';
import { executeHttpServiceCheck } from '../../../nodes/HttpServiceCheck/execute';
import { LocalMaintenanceWindows } from '../../../nodes/MaintenanceMode/backends/local';
import { readServiceStats } from '../../../nodes/shared/history/read';
import { closeAllStateStores, type StateStore } from '../../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { startHttpServer, type TestServer } from '../../support/servers';
import { BACKENDS, countRows, freshStoreOption, openStoreAt } from '../../support/stores';

describe.each(BACKENDS)('HTTP Service Check history (%s store)', (backend) => {
	let server: TestServer;
	let option: string;
	let store: StateStore;
	beforeAll(async () => {
		server = await startHttpServer();
	});
	afterAll(async () => {
		await server.close();
	});
	beforeEach(async () => {
		option = freshStoreOption(backend);
		store = await openStoreAt(option);
	});
	afterEach(async () => {
		await store.close();
		await closeAllStateStores();
	});

	function run(
		items: Array<{ name: string; url: string; equipment: string }>,
		options: Record<string, unknown> = {},
	) {
		const context = fakeExecuteFunctions({
			items,
			properties: httpServiceCheckProperties,
			nodeName: 'HTTP Service Check',
			nodeType: 'n8n-nodes-odoo-maintenance.httpServiceCheck',
			parameters: {
				url: '={{ $json.url }}',
				serviceName: '={{ $json.name }}',
				equipment: '={{ $json.equipment }}',
				options: { storePath: option, upgradeToHttps: false, retries: 0, ...options },
			},
		});
		return executeHttpServiceCheck.call(context);
	}

	const services = () => [
		{ name: 'Web', url: server.url('/ok'), equipment: 'web-01' },
		{ name: 'API', url: server.url('/status/503'), equipment: 'api-01' },
		{ name: 'Batch', url: server.url('/status/500'), equipment: 'batch-01' },
	];

	it('records every result of a run, with maintenance flagged from the Local windows', async () => {
		await new LocalMaintenanceWindows(store).activate(
			'batch-01',
			2,
			'upgrade',
			new Date().toISOString(),
		);
		await run(services());
		await run(services());
		expect(await countRows(store, 'history_raw')).toBe(6);
		expect(await countRows(store, 'history_raw', 'maintenance = 1')).toBe(2);
		const stats = await readServiceStats(store, Date.now());
		const web = stats.get(`web-01|Web|${server.url('/ok')}`);
		expect(web?.uptime['24h']).toBe(100);
		expect(web?.lastResponseMs).toEqual(expect.any(Number));
		expect(stats.get(`api-01|API|${server.url('/status/503')}`)?.uptime['24h']).toBe(0);
		// Failing, but in maintenance: neither up nor down.
		expect(stats.get(`batch-01|Batch|${server.url('/status/500')}`)?.uptime['24h']).toBeNull();
	});

	it('keeps no history when Record History is off', async () => {
		await run(services(), { recordHistory: false });
		expect(await countRows(store, 'history_raw')).toBe(0);
		expect(await countRows(store, 'service_status')).toBe(3);
	});

	it('version 2 reads Record History and the retentions from the History group', async () => {
		const runV2 = (history: Record<string, unknown>) =>
			executeHttpServiceCheck.call(
				fakeExecuteFunctions({
					items: services(),
					properties: httpServiceCheckProperties,
					nodeName: 'HTTP Service Check',
					nodeType: 'n8n-nodes-odoo-maintenance.httpServiceCheck',
					typeVersion: 2,
					parameters: {
						url: '={{ $json.url }}',
						serviceName: '={{ $json.name }}',
						equipment: '={{ $json.equipment }}',
						upgradeToHttps: false,
						options: {
							storePath: option,
							retry: { values: { retries: 0 } },
							history: { values: history },
						},
					},
				}),
			);
		await runV2({ recordHistory: false });
		expect(await countRows(store, 'history_raw')).toBe(0);
		expect(await countRows(store, 'service_status')).toBe(3);
		const error = await runV2({ historyRawHours: 72, historyHourlyDays: 2 }).catch(
			(caught: unknown) => caught,
		);
		expect((error as NodeOperationError).message).toMatch(/historyHourlyDays/);
		await runV2({});
		expect(await countRows(store, 'history_raw')).toBe(3);
	});

	it('rejects a retention that would leave a gap, naming the option', async () => {
		const error = await run(services(), { historyRawHours: 72, historyHourlyDays: 2 }).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(/historyHourlyDays/);
		expect(await countRows(store, 'service_status')).toBe(0);
	});
});
