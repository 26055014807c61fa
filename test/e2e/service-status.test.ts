/// <reference lib="dom" />
// The monitoring template runs against loopback services (up, down, one equipment put in maintenance), then
// the status page template answers: its JSON matches the store, its HTML (in headless Chromium) shows each
// service with its state, uptime and incident. Screenshots go to test-artifacts/service-status/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromium, type Browser } from 'playwright-core';

import { LocalMaintenanceWindows } from '../../nodes/MaintenanceMode/backends/local';
import { readServiceStats } from '../../nodes/shared/history/read';
import { openSqliteStore } from '../../nodes/shared/store/sqliteStore';
import { startHttpServer, type TestServer } from '../support/servers';
import { activateWorkflow, createWorkflow, e2eInfo, getFromWorkflow, runWorkflow } from './harness';
import { codeReturning, loadTemplate, node, setCheckOptions } from './templates';

const ARTIFACTS = path.join(__dirname, '../../test-artifacts/service-status');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('status page template over the monitoring template', () => {
	const run = Date.now().toString(36);
	const eq = (name: string) => `${name}-${run}`;
	let server: TestServer;
	let browser: Browser;
	let storePath: string;

	beforeAll(async () => {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		server = await startHttpServer();
		// A store of its own, so the page lists only this test's services.
		storePath = path.join(
			fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-status-')),
			'state.sqlite',
		);
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
		});
	}, 120_000);
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});

	function withStore(workflow: ReturnType<typeof loadTemplate>) {
		for (const candidate of workflow.nodes) {
			if (candidate.type.startsWith('n8n-nodes-odoo-maintenance.')) {
				candidate.parameters.options = { ...(candidate.parameters.options ?? {}), storePath };
			}
		}
		return workflow;
	}

	it('shows the state, uptime and incident of each service, as JSON and as a page', async () => {
		const services = [
			{ name: `web-${run}`, url: server.url('/ok'), equipment: eq('web') },
			{ name: `api-${run}`, url: server.url('/status/503'), equipment: eq('api') },
			{ name: `batch-${run}`, url: server.url('/ok'), equipment: eq('batch') },
		];
		const monitoring = withStore(loadTemplate('http-service-monitoring.json'));
		monitoring.name = `status monitoring ${run}`;
		node(monitoring, 'Services').parameters.jsCode = codeReturning(services);
		setCheckOptions(node(monitoring, 'HTTP Service Check'), {
			storePath,
			upgradeToHttps: false,
			timeout: 2000,
			retries: 0,
		});
		for (const name of ['Report failures', 'Retry pending reports and notifications'])
			node(monitoring, name).parameters.sendNotification = false;
		const monitoringId = await createWorkflow(monitoring);

		expect((await runWorkflow(monitoringId, 'Every 15 minutes')).status).toBe('success');
		// batch's equipment goes into maintenance: the next runs skip it.
		const store = openSqliteStore(storePath);
		try {
			await new LocalMaintenanceWindows(store).activate(
				eq('batch'),
				2,
				'Disk replacement',
				new Date().toISOString(),
			);
		} finally {
			await store.close();
		}
		for (let index = 0; index < 2; index++)
			expect((await runWorkflow(monitoringId, 'Every 15 minutes')).status).toBe('success');

		const page = withStore(loadTemplate('service-status-page.json'));
		page.name = `status page ${run}`;
		const pageId = await createWorkflow(page);
		await activateWorkflow(pageId);
		const base = e2eInfo().baseUrl;
		const jsonResponse = await getFromWorkflow(`${base}/webhook/status?format=json`);
		expect(jsonResponse.headers.get('content-type')).toMatch(/^application\/json/);
		const report = jsonResponse.json();
		expect(Object.keys(report)).toEqual(['generatedAt', 'services', 'openRequests', 'maintenance']);
		const byName = Object.fromEntries(
			report.services.map((service: { name: string }) => [service.name, service]),
		);

		// The JSON is what the store holds.
		const reader = openSqliteStore(storePath);
		try {
			const rows = await reader.all('SELECT * FROM service_status');
			const stats = await readServiceStats(reader, Date.now());
			expect(report.services).toHaveLength(rows.length);
			for (const row of rows) {
				const service = byName[String(row.service_name)];
				expect(service).toMatchObject({
					url: row.url,
					equipment: row.equipment,
					lastStatusCode: row.last_status_code,
					lastCheckedAt: row.last_check_at,
					uptime: stats.get(String(row.service_key))?.uptime,
				});
			}
			const open = await reader.all(
				"SELECT id, name FROM maintenance_requests WHERE state = 'open'",
			);
			expect(
				report.openRequests.map((request: { id: number; name: string }) => [
					request.id,
					request.name,
				]),
			).toEqual(open.map((row) => [row.id, row.name]));
			expect(await reader.get('SELECT count(*) AS n FROM history_raw')).toEqual({ n: 7 });
		} finally {
			await reader.close();
		}
		expect(byName[`web-${run}`]).toMatchObject({
			state: 'up',
			lastStatusCode: 200,
			uptime: { '24h': 100, '7d': 100, '30d': 100 },
			openRequest: null,
		});
		expect(byName[`api-${run}`]).toMatchObject({
			state: 'down',
			lastStatusCode: 503,
			uptime: { '24h': 0 },
			openRequest: { name: `[HTTP KO] ${eq('api')}` },
		});
		expect(byName[`batch-${run}`]).toMatchObject({
			state: 'maintenance',
			uptime: { '24h': 100 },
			maintenance: { active: true, reason: 'Disk replacement' },
		});

		const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
		try {
			const tab = await context.newPage();
			const response = await tab.goto(`${base}/webhook/status`);
			expect(response?.headers()['content-type']).toMatch(/^text\/html/);
			const external: string[] = [];
			tab.on('request', (request) => {
				if (!request.url().startsWith(base)) external.push(request.url());
			});
			await tab.reload();
			expect(external).toEqual([]);
			const rowText = (name: string) =>
				tab.locator('tbody tr:not(.group)', { hasText: name }).innerText();
			expect(await tab.locator('header [role=status]').innerText()).toContain(
				'Partial outage: 1 of 3 services down',
			);
			expect(await rowText(`web-${run}`)).toMatch(/Up \(HTTP 200\)[\s\S]*100 % \/ 100 % \/ 100 %/);
			expect(await rowText(`api-${run}`)).toMatch(
				/Down \(HTTP 503\)[\s\S]*open request #\d+[\s\S]*0\.00 % \/ 0\.00 % \/ 0\.00 %/,
			);
			expect(await rowText(`batch-${run}`)).toMatch(
				/Maintenance \(HTTP 200\)[\s\S]*100 % \/ 100 % \/ 100 %/,
			);
			expect(await tab.locator('#incidents-title + ul').innerText()).toContain(
				`[HTTP KO] ${eq('api')}`,
			);
			expect(await tab.locator('#maintenance-title + ul').innerText()).toContain(
				`${eq('batch')} (active) in maintenance until`,
			);
			expect(await tab.getByRole('img', { name: /^90-day uptime / }).count()).toBe(3);
			await tab.screenshot({ path: path.join(ARTIFACTS, 'status-page.png'), fullPage: true });

			const phone = await browser.newContext({
				viewport: { width: 390, height: 844 },
				colorScheme: 'dark',
				deviceScaleFactor: 2,
			});
			const mobile = await phone.newPage();
			await mobile.goto(`${base}/webhook/status`);
			const background = await mobile.evaluate(
				() => getComputedStyle(document.body).backgroundColor,
			);
			expect(background).toBe('rgb(13, 17, 23)');
			// Nothing wider than the phone's screen.
			expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
				390,
			);
			await mobile.screenshot({
				path: path.join(ARTIFACTS, 'status-page-phone-dark.png'),
				fullPage: true,
			});
			await phone.close();
		} finally {
			await context.close();
		}

		const badge = await fetch(
			`${base}/webhook/status/badge?service=${encodeURIComponent(`api-${run}`)}`,
		);
		expect(badge.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
		expect(await badge.text()).toMatch(
			new RegExp(`aria-label="api-${run}: down 0\\.00% uptime \\(30 days\\)"`),
		);
	});
});
