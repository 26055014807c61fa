import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { activateWorkflow, createWorkflow, e2eInfo, sleep, WAIT_MS } from './harness';
import { loadTemplate, node } from './templates';

/**
 * Bad requests to the status page template get a status code and a JSON reason, not n8n's generic
 * 500 "Error in workflow".
 */
describe('status page template with bad requests', () => {
	const run = Date.now().toString(36);
	const pagePath = `status-errors-${run}`;
	let base: string;

	/** GETs until the answer is the workflow's own (n8n answers 404 with a `code` until it registered the path). */
	async function getFromWorkflow(
		url: string,
	): Promise<{ status: number; body: Record<string, unknown> }> {
		const deadline = Date.now() + WAIT_MS;
		for (;;) {
			const response = await fetch(url).catch(() => null);
			const text = response ? await response.text() : '';
			const body = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
			if (response && !('code' in body)) return { status: response.status, body };
			if (Date.now() > deadline)
				throw new Error(`${url} was not served by the workflow within ${WAIT_MS} ms`);
			await sleep(250);
		}
	}

	beforeAll(async () => {
		const storePath = path.join(
			fs.mkdtempSync(path.join(os.tmpdir(), 'odoo-maint-status-errors-')),
			'state.sqlite',
		);
		const page = loadTemplate('service-status-page.json');
		page.name = `status page errors ${run}`;
		node(page, 'Status page').parameters.path = pagePath;
		node(page, 'Badge').parameters.path = `${pagePath}/badge`;
		for (const name of ['Render status page', 'Render badge']) {
			const candidate = node(page, name);
			candidate.parameters.options = { ...(candidate.parameters.options ?? {}), storePath };
		}
		await activateWorkflow(await createWorkflow(page));
		base = `${e2eInfo().baseUrl}/webhook/${pagePath}`;
	}, 120_000);

	it('answers a service never checked with 404 and the reason', async () => {
		const { status, body } = await getFromWorkflow(`${base}/badge?service=nowhere`);
		expect(status).toBe(404);
		expect(body).toEqual({ error: expect.stringMatching(/"service": no service named "nowhere"/) });
	}, 120_000);

	it('answers a badge without a service with 400 and the reason', async () => {
		const { status, body } = await getFromWorkflow(`${base}/badge`);
		expect(status).toBe(400);
		expect(body).toEqual({ error: expect.stringMatching(/"service": it is empty/) });
	}, 120_000);

	it('answers an unknown format with 400 and the reason, and still serves the page', async () => {
		const bad = await getFromWorkflow(`${base}?format=xml`);
		expect(bad.status).toBe(400);
		expect(bad.body).toEqual({
			error: expect.stringMatching(/"format": "xml" is neither html nor json/),
		});
		const good = await getFromWorkflow(`${base}?format=json`);
		expect(good.status).toBe(200);
		expect(good.body).toMatchObject({ services: [], openRequests: [] });
	}, 120_000);
});
