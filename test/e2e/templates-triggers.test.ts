// The three trigger templates end to end in a real n8n: the Odoo double stands in for Odoo, a loopback
// HTTP receiver for the firewall API and a real SMTP server (smtp-server) for the mail relay. The
// Postman steps of Odoo's webhook documentation are run as the equivalent curl commands.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import { SMTPServer } from 'smtp-server';

import { startServer, type SimpleServer } from '../support/httpFixtures';
import { createOdooClient } from '../../nodes/shared/odoo/client';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import {
	activateWorkflow,
	createCredential,
	deactivateWorkflow,
	createWorkflow,
	e2eInfo,
	listExecutions,
	nodeOutputs,
	sleep,
	type Execution,
	WAIT_MS,
} from './harness';
import { loadTemplate, node, useCredential } from './templates';
import { fetchSend } from '../support/fetchSend';
import { waitForAllMethods } from './triggerCalls';

const FIREWALL_TOKEN = 'Bearer fw-7c1d9e2a4b6f';
const SMTP_USER = 'n8n-relay';
const SMTP_PASSWORD = 'relay-pass-4e8a';
const HOOK_USER = 'odoo-sh';
const HOOK_PASSWORD = 'ip-change-9f3b7c1a2d4e6f80';
/** Long enough for a rejected call to have become an execution, had it started one. */
const SETTLE_MS = 1500;

interface Mail {
	from: string;
	to: string[];
	raw: string;
}

async function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
	const mails: Mail[] = [];
	const server = new SMTPServer({
		authOptional: false,
		allowInsecureAuth: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onAuth(auth, _session, callback) {
			if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
				callback(null, { user: auth.username });
			else callback(new Error('Invalid username or password'));
		},
		onData(stream, session, callback) {
			let raw = '';
			stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
			stream.on('end', () => {
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
					raw,
				});
				callback();
			});
		},
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		port,
		mails,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * `curl -X <method> <url> -H ... -d ...`, as a user would type it; returns status and body. Run
 * asynchronously: the Odoo double and the receivers live in this process and must keep answering.
 */
async function curl(url: string, args: string[] = []): Promise<{ status: number; body: string }> {
	const { stdout } = await promisify(execFile)(
		'curl',
		['-sS', '--max-time', '30', '-w', '\n%{http_code}', ...args, url],
		{ encoding: 'utf8' },
	);
	const cut = stdout.lastIndexOf('\n');
	return { status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) };
}

function postJson(url: string, payload: unknown, extra: string[] = []) {
	return curl(url, [
		'-X',
		'POST',
		'-H',
		'Content-Type: application/json',
		'-d',
		JSON.stringify(payload),
		...extra,
	]);
}

/** Waits until the workflow has `count` finished executions and returns them, newest first. */
async function finishedExecutions(
	workflowId: string,
	count: number,
	timeoutMs = WAIT_MS,
): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await listExecutions(workflowId);
		const finished = executions.filter(
			(execution) => !['new', 'running', 'waiting'].includes(execution.status),
		);
		if (finished.length >= count && finished.length === executions.length) return finished;
		if (Date.now() > deadline) {
			throw new Error(
				`expected ${count} finished executions, have ${finished.length} of ${executions.length}`,
			);
		}
		await sleep(200);
	}
}

async function executionCountAfterSettling(workflowId: string): Promise<number> {
	await sleep(SETTLE_MS);
	return (await listExecutions(workflowId)).length;
}

describe('trigger templates against the Odoo double', () => {
	let odoo: OdooDouble;
	let smtp: Awaited<ReturnType<typeof startSmtp>>;
	let firewall: SimpleServer;
	let odooCredential: { id: string; name: string };
	const run = Date.now().toString(36);

	beforeAll(async () => {
		odoo = await startOdooDouble();
		smtp = await startSmtp();
		firewall = await startServer((req, res, body) => {
			if (req.headers.authorization !== FIREWALL_TOKEN) {
				res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
				return;
			}
			const { new: address } = JSON.parse(body) as { new: string };
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end(JSON.stringify({ allowed: address }));
		});
		odooCredential = await createCredential(`Odoo double ${run}`, 'odooApi', {
			url: odoo.url,
			username: odoo.admin.login,
			password: odoo.admin.password,
			db: odoo.db,
		});
	});
	const activated: string[] = [];
	afterAll(async () => {
		// Frees the fixed paths (_odoo.sh/ip-change, the templates' webhook IDs) for later runs.
		await Promise.all(activated.map((id) => deactivateWorkflow(id).catch(() => undefined)));
		await Promise.all([odoo?.close(), smtp?.close(), firewall?.close()]);
	});

	describe('odoo-ip-change.json', () => {
		let workflowId: string;
		const url = () => `${e2eInfo().baseUrl}/webhook/_odoo.sh/ip-change`;
		const auth = ['-u', `${HOOK_USER}:${HOOK_PASSWORD}`];
		const params = () =>
			Object.fromEntries(
				odoo.state
					.rows('ir.config_parameter')
					.filter((row) => String(row.key).startsWith('odoo_sh.'))
					.map((row) => [row.key, row.value]),
			);

		beforeAll(async () => {
			const workflow = loadTemplate('odoo-ip-change.json');
			workflow.name = `ip change ${run}`;
			const basic = await createCredential(`Odoo.sh hook ${run}`, 'odooMaintenanceBasicAuthApi', {
				user: HOOK_USER,
				password: HOOK_PASSWORD,
			});
			const header = await createCredential(`Firewall ${run}`, 'httpHeaderAuth', {
				name: 'Authorization',
				value: FIREWALL_TOKEN,
			});
			const mail = await createCredential(`SMTP ${run}`, 'smtp', {
				user: SMTP_USER,
				password: SMTP_PASSWORD,
				host: '127.0.0.1',
				port: smtp.port,
				secure: false,
				disableStartTls: true,
			});
			useCredential([node(workflow, 'IP Change Trigger')], 'odooMaintenanceBasicAuthApi', basic);
			useCredential(
				workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.odoo'),
				'odooApi',
				odooCredential,
			);
			useCredential([node(workflow, 'Update firewall')], 'httpHeaderAuth', header);
			useCredential([node(workflow, 'Alert e-mail')], 'smtp', mail);
			node(workflow, 'Update firewall').parameters.url = `${firewall.url}/api/odoo-ip`;
			node(workflow, 'Alert e-mail').parameters.toEmail = 'ops@example.test';
			node(workflow, 'Alert e-mail').parameters.fromEmail = 'n8n@example.test';
			workflowId = await createWorkflow(workflow);
			await activateWorkflow(workflowId);
			activated.push(workflowId);
			await waitForAllMethods('_odoo.sh/ip-change');
		});

		it('stores the system parameters, calls the firewall, mails the alert and logs the first change', async () => {
			const answer = await curl(`${url()}?new=203.0.113.10&old=203.0.113.9`, auth);
			expect(answer).toEqual({ status: 200, body: 'ok' });
			const [execution] = await finishedExecutions(workflowId, 1);
			expect(execution.status).toBe('success');

			expect(params()).toEqual({
				'odoo_sh.new_ip': '203.0.113.10',
				'odoo_sh.old_ip': '203.0.113.9',
			});
			expect(firewall.requests).toHaveLength(1);
			expect(firewall.requests[0]).toMatchObject({ method: 'POST', url: '/api/odoo-ip' });
			expect(JSON.parse(firewall.requests[0].body)).toEqual({
				old: '203.0.113.9',
				new: '203.0.113.10',
				source: 'odoo.sh',
			});
			expect(smtp.mails).toHaveLength(1);
			const mail = smtp.mails[0];
			expect(mail.to).toEqual(['ops@example.test']);
			const headers = mail.raw.replace(/\r\n[ \t]+/g, ' ');
			expect(headers).toMatch(
				/^Subject: Odoo\.sh IP address changed: 203\.0\.113\.9 -> 203\.0\.113\.10\r?$/m,
			);
			expect(mail.raw).toContain('Last address known to n8n: none');
			const [log] = nodeOutputs(execution, 'Log IP change')[0];
			expect(log).toMatchObject({
				event: 'odoo.sh ip change',
				old: '203.0.113.9',
				new: '203.0.113.10',
				outOfOrder: false,
				sourceIp: '127.0.0.1',
				firewallResponse: { allowed: '203.0.113.10' },
			});
			expect(log.parametersWritten).toHaveLength(2);
		});

		it('updates the existing parameters on the next change instead of adding rows', async () => {
			const before = odoo.state.rows('ir.config_parameter').length;
			expect(await curl(`${url()}?new=203.0.113.11&old=203.0.113.10`, auth)).toEqual({
				status: 200,
				body: 'ok',
			});
			const [latest] = await finishedExecutions(workflowId, 2);
			expect(latest.status).toBe('success');
			expect(params()).toEqual({
				'odoo_sh.new_ip': '203.0.113.11',
				'odoo_sh.old_ip': '203.0.113.10',
			});
			expect(odoo.state.rows('ir.config_parameter')).toHaveLength(before);
			expect(nodeOutputs(latest, 'IP Change Trigger')[0][0]).toMatchObject({
				previousKnownIp: '203.0.113.10',
				outOfOrder: false,
			});
			expect(firewall.requests).toHaveLength(2);
			expect(smtp.mails).toHaveLength(2);
		});

		it('answers a repeated notification ok without a new run', async () => {
			expect(await curl(`${url()}?new=203.0.113.11&old=203.0.113.10`, auth)).toEqual({
				status: 200,
				body: 'ok',
			});
			expect(await executionCountAfterSettling(workflowId)).toBe(2);
			expect(firewall.requests).toHaveLength(2);
		});

		it('refuses a call without the credential and runs nothing', async () => {
			const answer = await curl(`${url()}?new=198.51.100.1&old=203.0.113.11`);
			expect(answer.status).toBe(401);
			expect(JSON.parse(answer.body)).toEqual({
				status: 'error',
				message: 'Authorization is required',
			});
			expect(await executionCountAfterSettling(workflowId)).toBe(2);
			expect(params()['odoo_sh.new_ip']).toBe('203.0.113.11');
		});
	});

	describe('odoo-webhook-sale-order-usd.json', () => {
		let workflowId: string;
		let hookUrl: string;
		const USD = 1;
		const EUR = 125;

		beforeAll(async () => {
			const workflow = loadTemplate('odoo-webhook-sale-order-usd.json');
			workflow.name = `sale order usd ${run}`;
			const trigger = node(workflow, 'Odoo Webhook Trigger');
			// What the sticky note asks for: a secret of one's own, since the template's webhook ID is public.
			trigger.parameters.secret = randomBytes(16).toString('hex');
			useCredential(
				workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.odoo'),
				'odooApi',
				odooCredential,
			);
			workflowId = await createWorkflow(workflow);
			await activateWorkflow(workflowId);
			activated.push(workflowId);
			const path = `${trigger.webhookId}/odoo/${trigger.parameters.secret}`;
			await waitForAllMethods(path);
			hookUrl = `${e2eInfo().baseUrl}/webhook/${path}`;
			// The customers' pricelist is in EUR; the order's currency follows it (Odoo 19, findings §4).
			odoo.state.insert('product.pricelist', {
				id: 1,
				name: 'Default',
				currency_id: EUR,
				active: true,
				sequence: 1,
			});
			for (const id of [7, 8]) {
				odoo.state.insert('sale.order', {
					id,
					name: `S0000${id}`,
					partner_id: 3,
					pricelist_id: 1,
					currency_id: EUR,
					date_order: '2026-11-23 10:00:00',
					company_id: 1,
					state: 'draft',
				});
			}
		});

		it('Postman step: POST {"model": "sale.order", "id": 7} answers 200 {"status": "ok"} and the currency becomes USD', async () => {
			const answer = await postJson(hookUrl, { model: 'sale.order', id: 7 });
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
			// "When the workflow finishes": the answer came after the write.
			expect(odoo.state.row('sale.order', 7)?.currency_id).toBe(USD);
			expect(odoo.state.row('sale.order', 8)?.currency_id).toBe(EUR);
			const [execution] = await finishedExecutions(workflowId, 1);
			expect(execution.status).toBe('success');
		});

		it('keeps the order in USD when its pricelist is written again later (a USD pricelist, made once)', async () => {
			const usdPricelists = () =>
				odoo.state.rows('product.pricelist').filter((row) => row.currency_id === USD);
			expect(usdPricelists()).toEqual([expect.objectContaining({ name: 'USD' })]);
			const order = odoo.state.row('sale.order', 7);
			expect(order?.pricelist_id).toBe(usdPricelists()[0].id);
			// What Odoo does on any later pricelist write: the currency is recomputed from the pricelist.
			await createOdooClient(
				{
					url: odoo.url,
					db: odoo.db,
					username: odoo.admin.login,
					secret: odoo.admin.password,
					api: 'jsonrpc',
				},
				fetchSend,
			).write('sale.order', [7], { pricelist_id: order?.pricelist_id as number });
			expect(odoo.state.row('sale.order', 7)?.currency_id).toBe(USD);
		});

		it("accepts the id as a string, as in the documentation's payload", async () => {
			const answer = await postJson(hookUrl, { model: 'sale.order', id: '8' });
			expect(answer).toEqual({ status: 200, body: '{"status":"ok"}' });
			expect(odoo.state.row('sale.order', 8)?.currency_id).toBe(USD);
			// The USD pricelist made for order 7 is reused.
			expect(odoo.state.rows('product.pricelist')).toHaveLength(2);
		});

		it('answers 500 {"status": "error"} when the order does not exist', async () => {
			const answer = await postJson(hookUrl, { model: 'sale.order', id: 999 });
			expect(answer.status).toBe(500);
			expect(JSON.parse(answer.body)).toEqual({
				status: 'error',
				message: 'The workflow failed (Error in workflow)',
			});
			const [latest] = await finishedExecutions(workflowId, 3);
			expect(latest.status).toBe('error');
		});

		it('answers 400 and runs nothing for another model or a payload without id', async () => {
			const other = await postJson(hookUrl, { model: 'res.partner', id: 3 });
			expect(other.status).toBe(400);
			expect(JSON.parse(other.body)).toEqual({
				status: 'error',
				message: 'Model "res.partner" is not allowed; allowed: sale.order',
			});
			const noId = await postJson(hookUrl, { model: 'sale.order' });
			expect(noId.status).toBe(400);
			expect(JSON.parse(noId.body)).toEqual({
				status: 'error',
				message: 'Missing required fields: id',
			});
			expect(await executionCountAfterSettling(workflowId)).toBe(3);
		});
	});

	describe('odoo-webhook-create-contact.json', () => {
		let workflowId: string;
		let hookUrl: string;
		const partners = () => odoo.state.rows('res.partner');

		beforeAll(async () => {
			const workflow = loadTemplate('odoo-webhook-create-contact.json');
			workflow.name = `create contact ${run}`;
			const trigger = node(workflow, 'Odoo Webhook Trigger');
			trigger.parameters.secret = randomBytes(16).toString('hex');
			useCredential([node(workflow, 'Create contact')], 'odooApi', odooCredential);
			workflowId = await createWorkflow(workflow);
			await activateWorkflow(workflowId);
			activated.push(workflowId);
			const path = `${trigger.webhookId}/odoo/${trigger.parameters.secret}`;
			await waitForAllMethods(path);
			hookUrl = `${e2eInfo().baseUrl}/webhook/${path}`;
		});

		it('Postman step: POST {"name", "email", "phone"} creates the contact and answers ok', async () => {
			const before = partners().length;
			const answer = await postJson(hookUrl, {
				name: 'Jane Doe',
				email: 'jane@example.com',
				phone: '+1 555 0100',
			});
			expect(answer.status).toBe(200);
			expect(JSON.parse(answer.body)).toEqual({ status: 'ok' });
			expect(partners()).toHaveLength(before + 1);
			expect(partners().find((row) => row.email === 'jane@example.com')).toMatchObject({
				name: 'Jane Doe',
				phone: '+1 555 0100',
				is_company: false,
			});
		});

		it('a payload without email or name gets an error answer and creates nothing', async () => {
			const before = partners().length;
			const noEmail = await postJson(hookUrl, { name: 'No Mail', phone: '+1 555 0101' });
			expect(noEmail.status).toBe(400);
			expect(JSON.parse(noEmail.body)).toEqual({
				status: 'error',
				message: 'Missing required fields: email',
			});
			const noName = await postJson(hookUrl, { email: 'nobody@example.com' });
			expect(JSON.parse(noName.body)).toEqual({
				status: 'error',
				message: 'Missing required fields: name',
			});
			const empty = await postJson(hookUrl, {});
			expect(JSON.parse(empty.body)).toEqual({
				status: 'error',
				message: 'Missing required fields: name, email',
			});
			expect(partners()).toHaveLength(before);
			expect(await executionCountAfterSettling(workflowId)).toBe(1);
		});
	});
});
