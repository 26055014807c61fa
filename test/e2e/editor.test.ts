/// <reference lib="dom" />
// Opens every template in the real n8n editor (headless Debian Chromium) and checks that each of its nodes is
// rendered as a known node. Screenshots are kept in test-artifacts/editor/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

import { createWorkflow, e2eInfo } from './harness';
import { loadTemplate, templateFiles } from './templates';

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
	}, 120_000);
	afterAll(() => browser?.close());

	async function openInEditor(workflow: Parameters<typeof createWorkflow>[0], screenshot: string) {
		const id = await createWorkflow(workflow);
		const info = e2eInfo();
		const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
		const [name, value] = info.cookie.split('=');
		await context.addCookies([{ name, value, url: info.baseUrl }]);
		const page = await context.newPage();
		try {
			// A loaded 2-core machine can take longer than playwright's default 30 s to serve the editor.
			await page.goto(`${info.baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
			const expected = workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').length;
			await page.waitForFunction(
				(count) => document.querySelectorAll('[data-test-id="canvas-node"]').length >= count,
				expected,
				{ timeout: 60_000 },
			);
			// Node icons and badges render just after the nodes themselves.
			await page.waitForTimeout(1000);
			await page.screenshot({ path: path.join(ARTIFACTS, screenshot) });
			const nodes = await page.locator('[data-test-id="canvas-node"]').allInnerTexts();
			const notInstalled = await page
				.locator('[data-test-id="canvas-node"]', { has: page.locator('[data-test-id="node-not-installed"]') })
				.allInnerTexts();
			return { nodes, notInstalled };
		} finally {
			await context.close();
		}
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
	}, 120_000);

	it.each(templateFiles())('%s shows every node as installed', async (file) => {
		const template = loadTemplate(file);
		const { nodes, notInstalled } = await openInEditor(
			{ ...template, name: `editor ${file}` },
			file.replace(/\.json$/, '.png'),
		);
		for (const node of template.nodes.filter((candidate) => candidate.type !== 'n8n-nodes-base.stickyNote')) {
			expect(nodes.join('\n')).toContain(node.name);
		}
		expect(notInstalled).toEqual([]);
	}, 120_000);
});
