import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { LocalMaintenanceWindows } from '../../../nodes/MaintenanceMode/backends/local';
import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { serviceStatusProperties } from '../../../nodes/ServiceStatus/description';
import { executeServiceStatus, periodStart } from '../../../nodes/ServiceStatus/execute';
import { recordHistory } from '../../../nodes/shared/history/record';
import { DEFAULT_RETENTION } from '../../../nodes/shared/history/retention';
import { recordCheck, serviceKey } from '../../../nodes/shared/store/serviceStatus';
import {
	closeAllStateStores,
	getStateStore,
	type StateStore,
} from '../../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { BACKENDS, freshStoreOption, openStoreAt } from '../../support/stores';

const QUARTER = 15 * 60_000;
const thresholds = { failureThreshold: 1, successThreshold: 1 };

/** Three services checked every 15 minutes for the last 6 hours: one up, one down since 1 h, one in maintenance. */
async function seed(store: StateStore): Promise<void> {
	const services = [
		{ equipment: 'web-01', name: 'Website', url: 'http://127.0.0.1:8081/' },
		{ equipment: 'api-01', name: 'API', url: 'http://127.0.0.1:8082/health' },
		{ equipment: 'batch-01', name: 'Batch', url: 'http://127.0.0.1:8083/' },
	];
	const now = Date.now();
	await new LocalMaintenanceWindows(store).activate(
		'batch-01',
		2,
		'Kernel upgrade',
		new Date(now - 30 * 60_000).toISOString(),
	);
	for (let at = now - 6 * 3_600_000; at <= now; at += QUARTER) {
		const entries = services.map((service) => {
			const ok = service.name !== 'API' || at < now - 3_600_000;
			return {
				serviceKey: serviceKey(service.equipment, service.name, service.url),
				certExpiresAt: null,
				sample: {
					at,
					ok,
					maintenance: service.name === 'Batch' && at >= now - 30 * 60_000,
					statusCode: ok ? 200 : 503,
					responseTimeMs: ok ? 80 : 20,
					errorCode: ok ? null : 'UNEXPECTED_STATUS',
				},
			};
		});
		for (const [index, entry] of entries.entries()) {
			await recordCheck(
				store,
				{
					...services[index],
					serviceName: services[index].name,
					serviceKey: entry.serviceKey,
					ok: entry.sample.ok,
					statusCode: entry.sample.statusCode,
					errorCode: entry.sample.errorCode,
					checkedAt: new Date(at).toISOString(),
				},
				thresholds,
			);
		}
		await recordHistory(store, entries, DEFAULT_RETENTION, at);
	}
	await localRequestBackend(store).report(
		'api-01',
		[
			{
				service: 'API',
				url: services[1].url,
				statusCode: 503,
				error: 'UNEXPECTED_STATUS',
				failedAt: new Date(now).toISOString(),
			},
		],
		{
			day: new Date(now).toISOString().slice(0, 10),
			priority: '2',
			now: new Date(now).toISOString(),
		},
	);
}

describe.each(BACKENDS)('Service Status, Local backend (%s store)', (backend) => {
	let option: string;
	let store: StateStore;
	beforeAll(async () => {
		option = freshStoreOption(backend);
		store = await openStoreAt(option);
		await seed(store);
	});
	afterAll(async () => {
		await store.close();
		await closeAllStateStores();
	});

	function run(parameters: Record<string, unknown>, continueOnFail = false) {
		const context = fakeExecuteFunctions({
			items: [{}],
			continueOnFail,
			properties: serviceStatusProperties,
			nodeName: 'Service Status',
			nodeType: 'n8n-nodes-odoo-maintenance.serviceStatus',
			parameters: { backend: 'local', options: { storePath: option }, ...parameters },
		});
		return executeServiceStatus.call(context);
	}
	const byName = (items: Array<{ json: IDataObject }>) =>
		Object.fromEntries(items.map((item) => [item.json.name, item.json]));

	it('Overview: one item per service with state, uptime, p95, request and maintenance', async () => {
		const [items] = await run({ operation: 'overview' });
		const services = byName(items);
		expect(Object.keys(services).sort()).toEqual(['API', 'Batch', 'Website']);
		expect(services.Website).toMatchObject({
			state: 'up',
			lastStatusCode: 200,
			responseTimeMs: 80,
			p95ResponseTimeMs: 80,
			openRequest: null,
			maintenance: null,
		});
		expect(services.Website.uptime).toEqual({ '24h': 100, '7d': 100, '30d': 100 });
		expect(services.API).toMatchObject({
			state: 'down',
			lastStatusCode: 503,
			openRequest: expect.objectContaining({ name: '[HTTP KO] api-01', link: null }),
		});
		// 25 checks, the last 5 failed.
		expect((services.API.uptime as IDataObject)['24h']).toBe(80);
		expect(services.Batch).toMatchObject({
			state: 'maintenance',
			maintenance: expect.objectContaining({ active: true, reason: 'Kernel upgrade' }),
		});
		// Its checks in maintenance count neither up nor down.
		expect((services.Batch.uptime as IDataObject)['24h']).toBe(100);
	});

	it('Status Page: one self-contained, accessible HTML page', async () => {
		const [[page]] = await run({ operation: 'statusPage', format: 'html', title: 'Acme <status>' });
		expect(page.json.contentType).toBe('text/html; charset=utf-8');
		const html = String(page.json.body);
		expect(html).toContain('<title>Acme &#60;status&#62;</title>');
		expect(html).toContain('Partial outage: 1 of 3 services down');
		// No external resource of any kind: no script, no src, no stylesheet link, no url() or @import.
		expect(html).not.toMatch(/<script|\ssrc=|<link|@import|url\(\s*['"]?(https?:)?\/\//i);
		expect(html).toContain('prefers-color-scheme:dark');
		expect(html).toMatch(/<table>[\s\S]*<th scope="col">Service<\/th>/);
		for (const label of ['web-01', 'api-01', 'batch-01'])
			expect(html).toContain(`scope="rowgroup">${label}</th>`);
		// Text beside every colour: each row says its state in words, each chart has alt text.
		expect(
			html.match(/<span class="dot" aria-hidden="true"><\/span> (Up|Down|Maintenance) /g),
		).toHaveLength(3);
		// The bar is labelled by its text summary, shown beside it.
		const bars = [
			...html.matchAll(
				/<svg class="bar"[^>]*role="img" aria-labelledby="(u\d+)">.*?<\/svg>(<span[^>]*>)/g,
			),
		];
		expect(bars).toHaveLength(3);
		for (const [, id, span] of bars) expect(span).toBe(`<span class="muted" id="${id}">`);
		expect(new Set(bars.map(([, id]) => id)).size).toBe(3);
		expect(
			html.match(/<span class="muted" id="u\d+">90-day uptime [\d.]+ %: \d+ days? /g),
		).toHaveLength(3);
		expect(
			html.match(
				/<svg class="spark"[^>]*role="img" aria-label="Hourly response time, last 24 h: \d+ to \d+ ms"/g,
			),
		).toHaveLength(3);
		expect(html).toContain('[HTTP KO] api-01');
		expect(html).toMatch(/<strong>batch-01<\/strong> \(active\) in maintenance until/);
	});

	it('Status Page as JSON: the documented shape', async () => {
		const [[page]] = await run({ operation: 'statusPage', format: 'JSON' });
		const body = JSON.parse(String(page.json.body));
		expect(Object.keys(body)).toEqual(['generatedAt', 'services', 'openRequests', 'maintenance']);
		expect(Object.keys(body.services[0])).toEqual(
			expect.arrayContaining([
				'name',
				'url',
				'equipment',
				'state',
				'lastStatusCode',
				'lastCheckedAt',
				'responseTimeMs',
				'uptime',
				'openRequest',
				'maintenance',
			]),
		);
		expect(body.openRequests).toHaveLength(1);
		expect(body.maintenance).toEqual([
			expect.objectContaining({ equipment: 'batch-01', active: true }),
		]);
	});

	it('Badge: an SVG naming the service and its state in text', async () => {
		const [[badge]] = await run({ operation: 'badge', service: 'API' });
		expect(badge.json.contentType).toBe('image/svg+xml');
		expect(String(badge.json.body)).toMatch(
			/^<svg [^>]*role="img" aria-label="API: down [\d.]+% uptime \(30 days\)"/,
		);
	});

	it('History: the results of one service, or its hourly figures', async () => {
		const [raw] = await run({
			operation: 'history',
			service: 'API',
			period: '2h',
			granularity: 'auto',
		});
		expect(raw.length).toBeGreaterThanOrEqual(8);
		expect(raw[raw.length - 1].json).toMatchObject({
			granularity: 'raw',
			ok: false,
			statusCode: 503,
		});
		const [hourly] = await run({
			operation: 'history',
			service: 'API',
			period: '24h',
			granularity: 'hourly',
		});
		expect(hourly.map((item) => item.json.checks).reduce((a, b) => Number(a) + Number(b), 0)).toBe(
			25,
		);
	});

	it.each([
		[{ operation: 'badge', service: 'Nope' }, /"service": no service named "Nope"/],
		[{ operation: 'history', service: 'API', period: 'last week' }, /"period"/],
		[{ operation: 'history', service: 'API', period: '2999-01-01' }, /"period"/],
		[{ operation: 'statusPage', format: 'pdf' }, /"format"/],
	])('names the parameter of bad input %j', async (parameters, message) => {
		const error = await run(parameters).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
	});

	it('with Continue On Fail, answers bad input with one error item naming the parameter', async () => {
		const [[item]] = await run({ operation: 'badge', service: 'Nope' }, true);
		expect(item.json).toEqual({
			error: expect.stringMatching(/"service": no service named "Nope"/),
		});
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('Status Page: reused while the store is unchanged, rebuilt after any write to it', async () => {
		const page = async () =>
			JSON.parse(String((await run({ operation: 'statusPage', format: 'json' }))[0][0].json.body));
		const stateOf = (body: IDataObject, name: string) =>
			(body.services as IDataObject[]).find((service) => service.name === name)?.state;
		const first = await page();
		expect(stateOf(first, 'Website')).toBe('up');
		if (backend === 'sqlite') expect((await page()).generatedAt).toBe(first.generatedAt);
		// A write by another connection (another process, as n8n's workers)...
		await new LocalMaintenanceWindows(store).activate(
			'web-01',
			2,
			'Disk swap',
			new Date().toISOString(),
		);
		expect(stateOf(await page(), 'Website')).toBe('maintenance');
		// ...and one through the connection the node itself uses (an HTTP Service Check in this n8n).
		await new LocalMaintenanceWindows(store).deactivate('web-01', new Date().toISOString());
		expect(stateOf(await page(), 'Website')).toBe('up');
		await (
			await getStateStore(option)
		).run("UPDATE service_status SET reported_state = 'unknown' WHERE service_name = 'API'");
		expect(stateOf(await page(), 'API')).toBe('unknown');
		// Another title is another page.
		for (const title of ['First title', 'Second title']) {
			const [[html]] = await run({ operation: 'statusPage', format: 'html', title });
			expect(String(html.json.body)).toContain(`<title>${title}</title>`);
		}
	});
});

describe('periodStart', () => {
	const now = Date.parse('2026-11-30T10:00:00.000Z');
	it('reads hours, days and dates with an offset', () => {
		expect(periodStart('24h', now)).toBe(now - 86_400_000);
		expect(periodStart('7d', now)).toBe(now - 7 * 86_400_000);
		expect(periodStart('2026-11-01', now)).toBe(Date.parse('2026-11-01T00:00:00Z'));
		expect(periodStart('2026-11-29T08:00:00+01:00', now)).toBe(Date.parse('2026-11-29T07:00:00Z'));
		expect(periodStart('2026-11-29T08:00:00', now)).toBeNull();
		expect(periodStart('0h', now)).toBeNull();
	});
});
