import { randomUUID } from 'node:crypto';

import {
	activateWorkflow,
	createWorkflow,
	e2eInfo,
	listExecutions,
	nodeOutputs,
	runWorkflow,
	sleep,
	WAIT_MS,
} from './harness';
import { loadTemplate, node } from './templates';

describe('maintenance mode templates', () => {
	const run = Date.now().toString(36);
	const equipment = `form-srv-${run}`;
	let controlId: string;
	let formPath: string;

	beforeAll(async () => {
		const control = loadTemplate('maintenance-mode-control.json');
		control.name = `control ${run}`;
		formPath = `maintenance-mode-${run}`;
		const trigger = node(control, 'Maintenance form');
		trigger.parameters.options = { ...trigger.parameters.options, path: formPath };
		trigger.webhookId = randomUUID();
		controlId = await createWorkflow(control);
		await activateWorkflow(controlId);
	});

	async function submit(fields: string[]): Promise<Response> {
		const form = new FormData();
		fields.forEach((value, index) => form.append(`field-${index}`, value));
		const url = `${e2eInfo().baseUrl}/form/${formPath}`;
		const deadline = Date.now() + WAIT_MS;
		while (Date.now() < deadline) {
			const response = await fetch(url, { method: 'POST', body: form });
			if (response.status !== 404) return response;
			await sleep(200);
		}
		throw new Error(`form ${url} did not go live within ${WAIT_MS} ms`);
	}

	it('serves the form page to technicians', async () => {
		// Submitting waits until n8n has registered the published form.
		await submit([equipment, 'deactivate', '']);
		const page = await fetch(`${e2eInfo().baseUrl}/form/${formPath}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Maintenance mode');
		expect(html).toContain('Equipment');
	}, 120_000);

	it('activates and deactivates maintenance from the form, and expiry ends it', async () => {
		const activation = await submit([equipment, 'activate', '0.001']);
		expect(activation.status).toBe(200);
		const executions = await listExecutions(controlId);
		const latest = executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
		expect(latest.status).toBe('success');
		expect(nodeOutputs(latest, 'Activate maintenance')[0][0]).toMatchObject({
			equipment,
			active: true,
			remainingMinutes: 1,
			reason: 'Switched on from the maintenance form',
		});

		// The window lasts 3.6 s; once its end has passed, the expiry template ends it once.
		const end = Date.parse(nodeOutputs(latest, 'Activate maintenance')[0][0].end);
		await sleep(Math.max(0, end - Date.now() + 50));
		const expiry = loadTemplate('maintenance-mode-expiry.json');
		expiry.name = `expiry ${run}`;
		const expiryId = await createWorkflow(expiry);
		const ended = await runWorkflow(expiryId, 'Every 15 minutes');
		expect(ended.status).toBe('success');
		const endedItems = nodeOutputs(ended, 'End expired maintenance')[0].filter((item) => item.equipment === equipment);
		expect(endedItems).toHaveLength(1);
		expect(endedItems[0]).toMatchObject({ active: false, reason: 'Switched on from the maintenance form' });
		const again = await runWorkflow(expiryId, 'Every 15 minutes');
		expect(nodeOutputs(again, 'End expired maintenance')[0].filter((item) => item.equipment === equipment)).toEqual([]);

		await submit([equipment, 'activate', '2']);
		const deactivation = await submit([equipment, 'deactivate', '']);
		expect(deactivation.status).toBe(200);
		const last = (await listExecutions(controlId)).sort((a, b) => Number(b.id) - Number(a.id))[0];
		expect(nodeOutputs(last, 'Deactivate maintenance')[0][0]).toMatchObject({ equipment, active: false });
	}, 120_000);
});
