import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { activateWorkflow, createWorkflow, e2eInfo, getFromWorkflow } from './harness';
import { loadTemplate, node } from './templates';

/**
 * Bad requests to the status page template get a status code and a JSON reason, not n8n's generic
 * 500 "Error in workflow".
 */
describe('status page template with bad requests', () => {
	const run = Date.now().toString(36);
	const pagePath = `status-errors-${run}`;
	let base: string;

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
		const answer = await getFromWorkflow(`${base}/badge?service=nowhere`);
		expect(answer.status).toBe(404);
		expect(answer.json()).toEqual({
			error: expect.stringMatching(/"service": no service named "nowhere"/),
		});
	}, 120_000);

	it('answers a badge without a service with 400 and the reason', async () => {
		const answer = await getFromWorkflow(`${base}/badge`);
		expect(answer.status).toBe(400);
		expect(answer.json()).toEqual({ error: expect.stringMatching(/"service": it is empty/) });
	}, 120_000);

	it('answers an unknown format with 400 and the reason, and still serves the page', async () => {
		const bad = await getFromWorkflow(`${base}?format=xml`);
		expect(bad.status).toBe(400);
		expect(bad.json()).toEqual({
			error: expect.stringMatching(/"format": "xml" is neither html nor json/),
		});
		const good = await getFromWorkflow(`${base}?format=json`);
		expect(good.status).toBe(200);
		expect(good.json()).toMatchObject({ services: [], openRequests: [] });
	}, 120_000);
});
