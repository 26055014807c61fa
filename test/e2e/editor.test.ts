/// <reference lib="dom" />
// Opens every template and every node's settings panel in the real n8n editor (headless Debian Chromium), and imports
// a template the way a user does (pasted into the editor) to check that it goes live on a fresh URL only.
// Screenshots are kept in test-artifacts/editor/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

import {
	activateWorkflow,
	api,
	createCredential,
	createWorkflow,
	deactivateWorkflow,
	e2eInfo,
	nodeType,
	rest,
	sleep,
	WAIT_MS,
} from './harness';
import { readTemplate, templateFiles } from './templates';

/** The webhook ID the sales-order template printed before it shipped without one: public, so never to be served. */
const PUBLISHED_TEMPLATE_WEBHOOK_ID = '8e2f6a4c-1b3d-4f5e-a7c9-0d2e4f6a8b01';
/** Generous for a loaded 2-core machine: the editor's first load compiles and fetches a lot. */
const PAGE_MS = 120_000;

const ARTIFACTS = path.join(__dirname, '../../test-artifacts/editor');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

describe('templates in the n8n editor', () => {
	let browser: Browser;
	beforeAll(async () => {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
	}, 300_000);
	afterAll(() => browser?.close());

	/** A logged-in editor page; `work` runs on it and the page is closed afterwards. */
	async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
		const info = e2eInfo();
		const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
		const [name, value] = info.cookie.split('=');
		await context.addCookies([{ name, value, url: info.baseUrl }]);
		const page = await context.newPage();
		page.setDefaultTimeout(PAGE_MS);
		try {
			return await work(page);
		} finally {
			await context.close();
		}
	}

	async function waitForCanvas(page: Page, nodes: number) {
		await page.waitForFunction(
			(count) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= count,
			nodes,
			{ timeout: PAGE_MS },
		);
		// Node icons and badges render just after the nodes themselves.
		await page.waitForTimeout(1000);
	}

	async function openInEditor(workflow: Parameters<typeof createWorkflow>[0], screenshot: string) {
		const id = await createWorkflow(workflow);
		return withPage(async (page) => {
			await page.goto(`${e2eInfo().baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded', timeout: PAGE_MS });
			const expected = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
			await waitForCanvas(page, expected);
			await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
			const nodes = await page.locator('[data-test-id="canvas-node"]').allInnerTexts();
			const notInstalled = await page
				.locator('[data-test-id="canvas-node"]', { has: page.locator('[data-test-id="node-not-installed"]') })
				.allInnerTexts();
			return { nodes, notInstalled };
		});
	}

	it('recognises a node type that is not installed (control for the check below)', async () => {
		const { nodes, notInstalled } = await openInEditor(
			{
				name: 'editor control',
				nodes: [
					{ id: 'c1', name: 'Ghost node', type: 'n8n-nodes-odoo-maintenance.doesNotExist', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'c2', name: 'Known node', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [300, 0], parameters: {} },
				],
				connections: {},
			},
			'control-unknown-node.png',
		);
		expect(nodes).toHaveLength(2);
		expect(notInstalled.map((text) => text.trim())).toEqual([expect.stringContaining('Ghost node')]);
	}, 300_000);

	it.each(templateFiles())('%s shows every node as installed', async (file) => {
		const template = readTemplate(file);
		const { nodes, notInstalled } = await openInEditor(
			{ ...template, name: `editor ${file}` },
			file.replace(/\.json$/, '.png'),
		);
		for (const node of template.nodes.filter((candidate) => candidate.type !== 'n8n-nodes-base.stickyNote')) {
			expect(nodes.join('\n')).toContain(node.name);
		}
		expect(notInstalled).toEqual([]);
		// Canvas subtitle of HTTP Service Check: its fixed URL, or where the URL comes from (default `{{ $json.url }}`).
		for (const check of template.nodes.filter((candidate) => candidate.type === nodeType('httpServiceCheck'))) {
			const url = check.parameters.url as string | undefined;
			const subtitle = url && !url.startsWith('=') ? url : 'URL from input';
			expect(nodes.find((text) => text.includes(check.name))).toContain(subtitle);
		}
	}, 300_000);
	/** Each node as a new user adds it: its settings panel, with the parameters n8n shows for a fresh node. */
	const PANELS: Array<[string, string, Record<string, unknown>]> = [
		['httpServiceCheck', 'node-http-service-check.png', {}],
		['maintenanceMode', 'node-maintenance-mode.png', {}],
		['maintenanceMode', 'node-maintenance-mode-odoo-schedule.png', { backend: 'odoo', operation: 'scheduleWindow' }],
		['maintenanceRequest', 'node-maintenance-request.png', {}],
		['maintenanceRequest', 'node-maintenance-request-retry.png', { operation: 'retryPending' }],
		['odooWebhookTrigger', 'node-odoo-webhook-trigger.png', {}],
		['ipChangeTrigger', 'node-ip-change-trigger.png', {}],
	];

	it.each(PANELS)('%s settings panel (%s)', async (type, screenshot, parameters) => {
		const version = { httpServiceCheck: 2, maintenanceMode: 2, maintenanceRequest: 1.1 }[type] ?? 1;
		const trigger = type.endsWith('Trigger');
		const id = await createWorkflow({
			name: `editor panel ${screenshot}`,
			nodes: [
				...(trigger
					? []
					: [{ id: 'p0', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }]),
				{ id: 'p1', name: 'Under test', type: nodeType(type), typeVersion: version, position: [300, 0], parameters, ...(trigger ? { webhookId: 'b5e1f7a2-6c3d-4e8f-9a0b-1c2d3e4f5a6b' } : {}) },
			],
			connections: trigger ? {} : { 'Manual Trigger': { main: [[{ node: 'Under test', type: 'main', index: 0 }]] } },
		});
		await withPage(async (page) => {
			await page.goto(`${e2eInfo().baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded', timeout: PAGE_MS });
			await waitForCanvas(page, trigger ? 1 : 2);
			await page.locator('[data-test-id="canvas-node"]', { hasText: 'Under test' }).dblclick();
			const panel = page.locator('[data-test-id="ndv"]');
			await panel.waitFor({ state: 'visible', timeout: PAGE_MS });
			await page.waitForTimeout(1000);
			await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
			const labels = await panel.locator('[data-test-id="parameter-input"], .parameter-item').allInnerTexts();
			expect(labels.length).toBeGreaterThan(0);
		});
	}, 300_000);

	it('imports a template by pasting it into the editor: its trigger goes live only on a fresh URL', async () => {
		const template = readTemplate('odoo-webhook-sale-order-usd.json');
		// The user's own Odoo credentials before the paste: n8n's editor assigns one of them to a pasted node that
		// needs one (other suites of this run may have created some); the template itself brings none.
		const owned = new Set(
			(await rest<{ data: Array<{ id: string; type: string }> }>('GET', '/credentials')).data
				.filter((credential) => credential.type === 'odooApi')
				.map((credential) => credential.id),
		);
		const saved = await withPage(async (page) => {
			await page.goto(`${e2eInfo().baseUrl}/workflow/new`, { waitUntil: 'domcontentloaded', timeout: PAGE_MS });
			await page.locator('[data-test-id="canvas-wrapper"], #canvas, .vue-flow').first().waitFor({ timeout: PAGE_MS });
			await page.waitForTimeout(1000);
			await page.evaluate((text) => {
				const data = new DataTransfer();
				data.setData('text/plain', text);
				document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
			}, JSON.stringify(template));
			await waitForCanvas(page, template.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length);
			await page.screenshot({ path: path.join(ARTIFACTS, 'import-pasted-sale-order-usd.png') });
			await page.keyboard.press('Control+s');
			await page.waitForURL(/\/workflow\/(?!new)[\w-]+/, { timeout: PAGE_MS });
			return /\/workflow\/([\w-]+)/.exec(page.url())![1];
		});
		// The editor shows the new workflow's URL before its save has reached the server: wait until n8n has it.
		type Saved = { nodes: Array<Record<string, any>>; connections: Record<string, unknown>; name: string };
		const deadline = Date.now() + PAGE_MS;
		let workflow: Saved | undefined;
		while (!workflow) {
			workflow = await api<Saved>('GET', `/workflows/${saved}`).catch((error: Error) => {
				if (!/-> 404/.test(error.message) || Date.now() > deadline) throw error;
				return undefined;
			});
			if (!workflow) await sleep(250);
		}
		const trigger = workflow.nodes.find((candidate) => candidate.type === nodeType('odooWebhookTrigger'))!;
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(trigger.webhookId).not.toBe(PUBLISHED_TEMPLATE_WEBHOOK_ID);
		// The user picks their Odoo credential (the template has none), then publishes.
		const odooCredential = await createCredential(`editor import ${Date.now()}`, 'odooApi', {
			url: 'http://127.0.0.1:9',
			username: 'admin',
			password: 'admin',
			db: 'odoo',
		});
		for (const candidate of workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.odoo')) {
			const assigned = candidate.credentials?.odooApi?.id as string | undefined;
			expect(assigned === undefined || owned.has(assigned)).toBe(true);
			candidate.credentials = { odooApi: { id: odooCredential.id, name: odooCredential.name } };
		}
		await api('PUT', `/workflows/${saved}`, {
			name: workflow.name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: { executionOrder: 'v1' },
		});
		await activateWorkflow(saved);
		try {
			const base = e2eInfo().baseUrl;
			// A payload for another model is refused by the live trigger (400) and starts nothing; until the
			// published workflow is registered, n8n answers 404.
			const callFresh = () =>
				fetch(`${base}/webhook/${trigger.webhookId}/odoo`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ model: 'res.partner', id: 1 }),
				});
			let live = await callFresh();
			const registered = Date.now() + WAIT_MS;
			while (live.status === 404 && Date.now() < registered) {
				await sleep(500);
				live = await callFresh();
			}
			expect(live.status).toBe(400);
			const deadline = Date.now() + 5_000;
			while (Date.now() < deadline) {
				const known = await fetch(`${base}/webhook/${PUBLISHED_TEMPLATE_WEBHOOK_ID}/odoo`, { method: 'POST' });
				expect(known.status).toBe(404);
				await sleep(500);
			}
		} finally {
			await deactivateWorkflow(saved);
		}
	}, 300_000);
});
