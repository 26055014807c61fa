import { randomUUID } from 'node:crypto';

import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import {
	activateWorkflow,
	createCredential,
	createWorkflow,
	e2eInfo,
	type Execution,
	nodeOutputs,
	runWorkflow,
	sleep,
	WAIT_MS,
	waitForExecution,
} from './harness';
import { loadTemplate, node, useCredential } from './templates';

/** The end time as the template's Answer node writes it ("30 Nov 18:30"), in n8n's time zone. */
function answerTime(iso: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: process.env.GENERIC_TIMEZONE || 'UTC',
		day: 'numeric',
		month: 'short',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(iso));
	const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value;
	return `${part('day')} ${part('month')} ${part('hour')}:${part('minute')}`;
}

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

	async function submit(fields: string[], path = formPath): Promise<Response> {
		const form = new FormData();
		fields.forEach((value, index) => form.append(`field-${index}`, value));
		const url = `${e2eInfo().baseUrl}/form/${path}`;
		// Wait with GET until the published form is served: n8n answers a POST to a form it has not
		// registered yet with 404 before reading the body and closes the socket, so a POST probe can fail
		// with EPIPE instead of returning the 404.
		const deadline = Date.now() + WAIT_MS;
		for (;;) {
			const page = await fetch(url).catch(() => null);
			if (page?.status === 200) break;
			if (Date.now() > deadline) throw new Error(`form ${url} did not go live within ${WAIT_MS} ms`);
			await sleep(200);
		}
		return fetch(url, { method: 'POST', body: form });
	}

	/**
	 * Submits the form the way its page does: the submission answers with the waiting URL of the
	 * execution; once the execution waits on the Form Ending node, that URL serves the answer page, and
	 * the page's own POST lets the execution finish.
	 */
	async function answer(fields: string[], path = formPath): Promise<{ html: string; execution: Execution }> {
		const submitted = await submit(fields, path);
		expect(submitted.status).toBe(200);
		const { formWaitingUrl } = (await submitted.json()) as { formWaitingUrl: string };
		const waiting = new URL(formWaitingUrl);
		const status = new URL(waiting);
		status.pathname += '/n8n-execution-status';
		const deadline = Date.now() + WAIT_MS;
		let text = '';
		while (Date.now() < deadline) {
			text = (await (await fetch(status)).text()).trim();
			if (text !== 'running' && text !== 'new') break;
			await sleep(200);
		}
		expect(text).toBe('form-waiting');
		const page = await fetch(waiting);
		expect(page.status).toBe(200);
		const html = await page.text();
		const finished = await fetch(waiting, { method: 'POST', body: '{}' });
		expect(finished.status).toBe(200);
		// The waiting URL is <base>/form-waiting/<execution ID>.
		return { html, execution: await waitForExecution(waiting.pathname.split('/').pop()!) };
	}

	it('serves the form page to technicians', async () => {
		// Submitting waits until n8n has registered the published form.
		await answer([equipment, 'deactivate', '']);
		const page = await fetch(`${e2eInfo().baseUrl}/form/${formPath}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Maintenance mode');
		expect(html).toContain('Equipment');
	}, 120_000);

	it('activates and deactivates maintenance from the form, and expiry ends it', async () => {
		const { html: activation, execution: latest } = await answer([equipment, 'activate', '0.001']);
		expect(latest.status).toBe('success');
		// The technician reads what happened, not n8n's generic "Form Submitted".
		const end = Date.parse(nodeOutputs(latest, 'Activate maintenance')[0][0].end);
		expect(activation).toContain('Maintenance on');
		expect(activation).toContain(`${equipment} is in maintenance until ${answerTime(new Date(end).toISOString())}`);
		expect(activation).not.toContain('Form Submitted');
		expect(nodeOutputs(latest, 'Activate maintenance')[0][0]).toMatchObject({
			equipment,
			active: true,
			remainingMinutes: 1,
			reason: 'Switched on from the maintenance form',
		});

		// The window lasts 3.6 s; once its end has passed, the expiry template ends it once.
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

		await answer([equipment, 'activate', '2']);
		const { html: deactivation, execution: last } = await answer([equipment, 'deactivate', '']);
		expect(deactivation).toContain(`${equipment} is out of maintenance`);
		expect(nodeOutputs(last, 'Deactivate maintenance')[0][0]).toMatchObject({ equipment, active: false });
	}, 180_000);

	describe('with the Odoo backend', () => {
		let odoo: OdooDouble;
		let odooPath: string;

		beforeAll(async () => {
			odoo = await startOdooDouble();
			const credential = await createCredential(`Odoo Maintenance form ${run}`, 'odooMaintenanceApi', {
				url: odoo.url,
				db: odoo.db,
				username: odoo.admin.login,
				password: odoo.admin.password,
				api: 'auto',
			});
			const control = loadTemplate('maintenance-mode-control.json');
			control.name = `control odoo ${run}`;
			odooPath = `maintenance-mode-odoo-${run}`;
			const trigger = node(control, 'Maintenance form');
			trigger.parameters.options = { ...trigger.parameters.options, path: odooPath };
			// What the user does per the sticky note: switch both nodes to Odoo; Equipment becomes "By Name".
			const maintenanceNodes = [node(control, 'Activate maintenance'), node(control, 'Deactivate maintenance')];
			for (const target of maintenanceNodes) {
				target.parameters.backend = 'odoo';
				target.parameters.equipment = { __rl: true, mode: 'name', value: '={{ $json.Equipment }}' };
			}
			useCredential(maintenanceNodes, 'odooMaintenanceApi', { id: credential.id, name: credential.name });
			await activateWorkflow(await createWorkflow(control));
		});

		afterAll(async () => {
			await odoo.close();
		});

		it('answers an unknown equipment with the error, not a blank page', async () => {
			const { html, execution } = await answer([`no-such-${run}`, 'activate', '1'], odooPath);
			expect(execution.status).toBe('success');
			expect(html).toContain('Nothing changed');
			expect(html).toMatch(new RegExp(`Equipment (&quot;|&#34;|")no-such-${run}(&quot;|&#34;|") does not exist in Odoo`));
		}, 180_000);
	});
});
