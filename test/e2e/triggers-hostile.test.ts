// Hostile input against both triggers in a real n8n: every answer (status and body) is checked, and
// so is the number of executions: a refused call must start none.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';

import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import {
	activateWorkflow,
	api,
	createCredential,
	createWorkflow,
	deactivateWorkflow,
	e2eInfo,
	listExecutions,
	nodeType,
	sleep,
	WAIT_MS,
} from './harness';
import {
	activated,
	basicHeader,
	deactivateAll,
	deploy,
	executionCount,
	expectAccepted,
	expectRefused,
	jsonHeaders,
	run,
	send,
	SETTLE_MS,
	triggerWorkflow,
	waitForAllMethods,
} from './triggerCalls';

const BASIC = { user: 'odoo-caller', password: 'c4ll3r:pass word-2026' };
const TOKEN = 'tok-5f1e9a3c7b2d4e6f8a0b';

// Publishing and registering a trigger takes seconds on a busy machine: generous limits for hooks too.
jest.setTimeout(60_000);
afterAll(deactivateAll);
describe('Odoo Webhook Trigger under hostile input', () => {
	const secret = randomBytes(16).toString('hex');
	let basicId: string;
	let workflowId: string;
	let path: string;

	beforeAll(async () => {
		basicId = (await createCredential(`Hostile basic ${run}`, 'odooMaintenanceBasicAuthApi', BASIC))
			.id;
		const workflow = triggerWorkflow('hostile odoo', {
			type: nodeType('odooWebhookTrigger'),
			parameters: { secret, triggerOptions: { maxBodySizeKb: 4, logCalls: true } },
		});
		path = `${workflow.nodes[0].webhookId}/odoo/${secret}`;
		workflowId = await deploy(workflow, path);
	});

	it('accepts a well-formed Odoo notification and a Studio-style payload', async () => {
		const odoo = await expectAccepted(workflowId, path, {
			method: 'POST',
			headers: jsonHeaders,
			body: JSON.stringify({
				_action: 'Send Webhook(#12)',
				_id: 11,
				_model: 'maintenance.request',
				id: 11,
			}),
		});
		expect(odoo).toMatchObject({
			model: 'maintenance.request',
			id: 11,
			action: 'Send Webhook(#12)',
		});
		const studio = await expectAccepted(workflowId, `${path}?model=sale.order&id=7`, {
			method: 'GET',
		});
		expect(studio).toMatchObject({
			model: 'sale.order',
			id: 7,
			payload: { model: 'sale.order', id: '7' },
		});
	});

	it.each([
		[
			'malformed JSON',
			{ body: '{"model": "sale.order", "id": ', headers: jsonHeaders },
			/^The request body is not valid JSON/,
		],
		[
			'truncated unicode escape',
			{ body: '{"model": "\\u12"}', headers: jsonHeaders },
			/^The request body is not valid JSON/,
		],
		[
			'a JSON array',
			{ body: '[{"model":"sale.order","id":1}]', headers: jsonHeaders },
			'The request body must be a JSON object, not an array',
		],
		[
			'a JSON string',
			{ body: '"sale.order"', headers: jsonHeaders },
			'The request body must be a JSON object, not a string',
		],
		[
			'XML',
			{ body: '<model>sale.order</model>', headers: { 'content-type': 'application/xml' } },
			/^The request body is not valid JSON/,
		],
		[
			'a form body',
			{
				body: 'model=sale.order&id=1',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			},
			/^The request body is not valid JSON/,
		],
		[
			'multipart form data',
			{
				body: '--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nsale.order\r\n--b--\r\n',
				headers: { 'content-type': 'multipart/form-data; boundary=b' },
			},
			/^The request body is not valid JSON/,
		],
		[
			'bytes that are not UTF-8',
			{ body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), headers: jsonHeaders },
			'The request body is not valid UTF-8',
		],
		['an empty body', { body: '', headers: jsonHeaders }, 'Missing required fields: model, id'],
		[
			'a model that is not a string',
			{ body: '{"model": {"$ne": null}, "id": 1}', headers: jsonHeaders },
			'The model must be a string',
		],
		[
			'an id that is an object',
			{ body: '{"model": "sale.order", "id": {"$gt": 0}}', headers: jsonHeaders },
			'The id must be a number or a string',
		],
		[
			'a gzip body',
			{ body: 'x', headers: { ...jsonHeaders, 'content-encoding': 'gzip' } },
			'Content-Encoding "gzip" is not supported; send the body uncompressed',
		],
	])('answers 400/415 for %s and starts nothing', async (_label, request, message) => {
		const status = _label === 'a gzip body' ? 415 : 400;
		await expectRefused(workflowId, path, { method: 'POST', ...request }, status, message);
	});

	it('accepts JSON sent as text/plain, like Odoo', async () => {
		await expectAccepted(workflowId, path, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: '{"model":"sale.order","id":"8"}',
		});
	});

	it('answers 413 over the size limit, declared or chunked', async () => {
		const big = JSON.stringify({ model: 'sale.order', id: 1, pad: 'x'.repeat(5000) });
		await expectRefused(
			workflowId,
			path,
			{ method: 'POST', headers: jsonHeaders, body: big },
			413,
			'The request body is larger than 4 KiB',
		);
		await expectRefused(
			workflowId,
			path,
			{ method: 'POST', headers: { ...jsonHeaders, 'transfer-encoding': 'chunked' }, body: big },
			413,
			'The request body is larger than 4 KiB',
		);
	});

	it.each(['PUT', 'DELETE', 'PATCH', 'HEAD'])('answers 405 with Allow to %s', async (method) => {
		// Node's client sends DELETE and HEAD bodies unframed, which is a malformed request: none for them.
		const body = method === 'PUT' || method === 'PATCH' ? '{}' : undefined;
		const answer = await expectRefused(
			workflowId,
			path,
			{ method, headers: jsonHeaders, body },
			405,
			`Method ${method} is not allowed; use GET or POST`,
		);
		expect(answer.headers.allow).toBe('GET, POST');
	});

	it('leaves OPTIONS to n8n (204, CORS), which starts nothing', async () => {
		const before = await executionCount(workflowId);
		const answer = await send(path, { method: 'OPTIONS' });
		expect({ status: answer.status, text: answer.text }).toEqual({ status: 204, text: '' });
		await sleep(SETTLE_MS);
		expect(await executionCount(workflowId)).toBe(before);
	});

	it('refuses a repeated query parameter', async () => {
		await expectRefused(
			workflowId,
			`${path}?model=sale.order&id=1&id=2`,
			{ method: 'GET' },
			400,
			'Query parameter "id" is given more than once',
		);
	});

	it('answers 404 (n8n) for a wrong secret, the bare webhook ID, or an unknown ID, and starts nothing', async () => {
		const [id] = path.split('/');
		for (const wrong of [
			`${id}/odoo/${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`,
			`${id}/odoo`,
			`${randomUUID()}/odoo/${secret}`,
			`${id}/odoo/${secret}/extra`,
		]) {
			await expectRefused(
				workflowId,
				wrong,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"a.b","id":1}' },
				404,
				undefined,
			);
		}
	});

	it('logs accepted and refused calls to n8n’s log without the secret', () => {
		// Only the trigger's own lines: at debug level n8n itself logs every webhook path.
		const lines = fs
			.readFileSync(e2eInfo().logFile, 'utf8')
			.split('\n')
			.filter((line) => line.includes('"function":"logCall"') && line.includes(workflowId));
		const log = lines.join('\n');
		expect(log).toMatch(
			/\| info +\| Trigger: POST from 127\.0\.0\.1 -> 200 accepted \(model maintenance\.request, id 11\)/,
		);
		expect(log).toMatch(
			/\| warn +\| Trigger: PUT from 127\.0\.0\.1 -> 405 Method PUT is not allowed/,
		);
		expect(log).toMatch(
			/\| warn +\| Trigger: POST from 127\.0\.0\.1 -> 413 The request body is larger than 4 KiB/,
		);
		expect(log).toMatch(
			/"time":"\d{4}-\d\d-\d\dT[^"]+","trigger":"Trigger","workflowId":"\w+","method":"POST","sourceIp":"127\.0\.0\.1","status":400/,
		);
		expect(log).not.toContain(secret);
	});

	describe('with Basic Auth', () => {
		let authWorkflowId: string;
		let authPath: string;
		beforeAll(async () => {
			const workflow = triggerWorkflow('hostile odoo basic', {
				type: nodeType('odooWebhookTrigger'),
				parameters: { authentication: 'basicAuth', triggerOptions: { logCalls: true } },
				credentials: { odooMaintenanceBasicAuthApi: { id: basicId, name: `Hostile basic ${run}` } },
			});
			authPath = `${workflow.nodes[0].webhookId}/odoo`;
			authWorkflowId = await deploy(workflow, authPath);
		});

		const post = (headers: http.OutgoingHttpHeaders) => ({
			method: 'POST',
			headers: { ...jsonHeaders, ...headers },
			body: '{"model":"a.b","id":1}',
		});

		it('answers 401 with a challenge when credentials are missing', async () => {
			const answer = await expectRefused(
				authWorkflowId,
				authPath,
				post({}),
				401,
				'Authorization is required',
			);
			expect(answer.headers['www-authenticate']).toMatch(/^Basic realm=/);
		});

		it.each([
			['a wrong password', basicHeader(BASIC.user, 'wrong')],
			['a wrong user', basicHeader('admin', BASIC.password)],
			['the password as the user', basicHeader(BASIC.password, BASIC.user)],
			['a Bearer token', `Bearer ${BASIC.password}`],
			['broken base64', 'Basic !!!notbase64'],
			['no colon', `Basic ${Buffer.from(BASIC.user).toString('base64')}`],
		])('answers 403 for %s', async (_label, authorization) => {
			await expectRefused(
				authWorkflowId,
				authPath,
				post({ authorization }),
				403,
				'Authorization data is wrong',
			);
		});

		it('accepts the right credentials', async () => {
			await expectAccepted(
				authWorkflowId,
				authPath,
				post({ authorization: basicHeader(BASIC.user, BASIC.password) }),
			);
		});

		it('never logs the password', () => {
			expect(fs.readFileSync(e2eInfo().logFile, 'utf8')).not.toContain(BASIC.password);
		});
	});

	describe('with a header token', () => {
		let tokenWorkflowId: string;
		let tokenPath: string;
		beforeAll(async () => {
			const credential = await createCredential(
				`Hostile token ${run}`,
				'odooMaintenanceHeaderAuthApi',
				{ headerName: 'X-Odoo-Token', token: TOKEN },
			);
			const workflow = triggerWorkflow('hostile odoo token', {
				type: nodeType('odooWebhookTrigger'),
				parameters: { authentication: 'headerAuth' },
				credentials: {
					odooMaintenanceHeaderAuthApi: { id: credential.id, name: credential.name },
				},
			});
			tokenPath = `${workflow.nodes[0].webhookId}/odoo`;
			tokenWorkflowId = await deploy(workflow, tokenPath);
		});

		it('answers 401 without the header, 403 with a wrong, padded or repeated one, and accepts the token', async () => {
			const post = (headers: http.OutgoingHttpHeaders) => ({
				method: 'POST',
				headers: { ...jsonHeaders, ...headers },
				body: '{"model":"a.b","id":1}',
			});
			await expectRefused(
				tokenWorkflowId,
				tokenPath,
				post({}),
				401,
				'The X-Odoo-Token header is required',
			);
			await expectRefused(
				tokenWorkflowId,
				tokenPath,
				post({ 'x-odoo-token': `${TOKEN}x` }),
				403,
				'Authorization data is wrong',
			);
			await expectRefused(
				tokenWorkflowId,
				tokenPath,
				post({ 'x-odoo-token': TOKEN.toUpperCase() }),
				403,
				'Authorization data is wrong',
			);
			await expectRefused(
				tokenWorkflowId,
				tokenPath,
				post({ 'x-odoo-token': [TOKEN, 'other'] }),
				403,
				'Authorization data is wrong',
			);
			await expectAccepted(tokenWorkflowId, tokenPath, post({ 'X-ODOO-TOKEN': TOKEN }));
		});
	});

	describe('with an allowlist that does not include loopback', () => {
		it('answers 403 before anything else, and ignores X-Forwarded-For without trusted hops', async () => {
			const workflow = triggerWorkflow('hostile odoo allowlist', {
				type: nodeType('odooWebhookTrigger'),
				parameters: { triggerOptions: { allowedIps: '10.0.0.0/8' } },
			});
			const allowPath = `${workflow.nodes[0].webhookId}/odoo`;
			const id = await deploy(workflow, allowPath);
			const message = 'Forbidden: 127.0.0.1 is not in the IP allowlist';
			await expectRefused(
				id,
				allowPath,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"a.b","id":1}' },
				403,
				message,
			);
			await expectRefused(id, allowPath, { method: 'PUT' }, 403, message);
			await expectRefused(
				id,
				allowPath,
				{
					method: 'POST',
					headers: { ...jsonHeaders, 'x-forwarded-for': '10.0.0.1' },
					body: '{"model":"a.b","id":1}',
				},
				403,
				message,
			);
		});
	});

	describe('with "respond when the workflow finishes"', () => {
		it('answers 200 ok when the workflow succeeds and 500 {"status":"error"} when it fails', async () => {
			const workflow = triggerWorkflow(
				'hostile odoo last node',
				{
					type: nodeType('odooWebhookTrigger'),
					parameters: { responseMode: 'lastNode', requiredFields: '' },
				},
				{
					id: 'n2',
					name: 'Maybe fail',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [220, 0],
					parameters: {
						jsCode:
							"if ($input.first().json.payload.fail) throw new Error('failing on purpose'); return [{ json: { done: true } }];",
					},
				},
			);
			const lastPath = `${workflow.nodes[0].webhookId}/odoo`;
			const id = await deploy(workflow, lastPath);
			const ok = await send(lastPath, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"fail": false}',
			});
			expect({ status: ok.status, body: ok.json }).toEqual({ status: 200, body: { status: 'ok' } });
			const failed = await send(lastPath, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"fail": true}',
			});
			expect({ status: failed.status, body: failed.json }).toEqual({
				status: 500,
				body: { status: 'error', message: 'The workflow failed (Error in workflow)' },
			});
			expect(failed.headers['content-type']).toMatch(/^application\/json/);
			const statuses = (await listExecutions(id)).map((execution) => execution.status).sort();
			expect(statuses).toEqual(['error', 'success']);
		});
	});

	describe('Fetch Target Record against the Odoo double', () => {
		let odoo: OdooDouble;
		let fetchWorkflowId: string;
		let fetchPath: string;
		beforeAll(async () => {
			odoo = await startOdooDouble();
			odoo.state.insert('sale.order', {
				id: 7,
				name: 'S00007',
				partner_id: 3,
				currency_id: 125,
				date_order: '2026-11-23 10:00:00',
				company_id: 1,
				state: 'draft',
			});
			const credential = await createCredential(`Hostile Odoo ${run}`, 'odooMaintenanceApi', {
				url: odoo.url,
				db: odoo.db,
				username: odoo.admin.login,
				password: odoo.admin.apiKey,
				api: 'auto',
			});
			const workflow = triggerWorkflow('hostile odoo fetch', {
				type: nodeType('odooWebhookTrigger'),
				parameters: {
					fetchRecord: true,
					recordFields: 'name, currency_id',
					allowedModels: 'sale.order',
				},
				credentials: { odooMaintenanceApi: { id: credential.id, name: credential.name } },
			});
			fetchPath = `${workflow.nodes[0].webhookId}/odoo`;
			fetchWorkflowId = await deploy(workflow, fetchPath);
		});
		afterAll(() => odoo.close());

		it('outputs the target record, and answers 404 for a missing one without running', async () => {
			const item = await expectAccepted(fetchWorkflowId, fetchPath, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"model":"sale.order","id":7}',
			});
			expect(item.record).toEqual({ id: 7, name: 'S00007', currency_id: [125, 'EUR'] });
			await expectRefused(
				fetchWorkflowId,
				fetchPath,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"sale.order","id":70000}' },
				404,
				'sale.order 70000 does not exist',
			);
			await expectRefused(
				fetchWorkflowId,
				fetchPath,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"sale.order","id":"S00007"}' },
				400,
				'Fetching the target record needs a positive integer id',
			);
		});
	});

	describe('rotating the secret', () => {
		it('makes the old URL answer 404 and the new one work', async () => {
			const first = randomBytes(16).toString('hex');
			const workflow = triggerWorkflow('hostile odoo rotation', {
				type: nodeType('odooWebhookTrigger'),
				parameters: { secret: first },
			});
			const base = workflow.nodes[0].webhookId;
			const id = await deploy(workflow, `${base}/odoo/${first}`);
			await expectAccepted(id, `${base}/odoo/${first}`, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"model":"a.b","id":1}',
			});

			const second = randomBytes(16).toString('hex');
			workflow.nodes[0].parameters.secret = second;
			await deactivateWorkflow(id);
			await api('PUT', `/workflows/${id}`, {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: { executionOrder: 'v1' },
			});
			await activateWorkflow(id);
			await waitForAllMethods(`${base}/odoo/${second}`);
			await expectRefused(
				id,
				`${base}/odoo/${first}`,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"a.b","id":1}' },
				404,
				undefined,
			);
			await expectAccepted(id, `${base}/odoo/${second}`, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"model":"a.b","id":2}',
			});
		});
	});

	describe('with an expression among its parameters', () => {
		it('serves the same URL and answers the same, through n8n’s expression engine', async () => {
			// Any expression makes n8n evaluate the webhook description's templates instead of the
			// native resolvers: the path and response fields must come out the same.
			const expressionSecret = randomBytes(16).toString('hex');
			const workflow = triggerWorkflow('hostile odoo expression', {
				type: nodeType('odooWebhookTrigger'),
				parameters: {
					secret: expressionSecret,
					responseMode: 'lastNode',
					requiredFields: '={{ "model, " + "id" }}',
				},
			});
			const expressionPath = `${workflow.nodes[0].webhookId}/odoo/${expressionSecret}`;
			const id = await deploy(workflow, expressionPath);
			await expectAccepted(id, expressionPath, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"model":"a.b","id":1}',
			});
			await expectRefused(
				id,
				expressionPath,
				{ method: 'POST', headers: jsonHeaders, body: '{"model":"a.b"}' },
				400,
				'Missing required fields: id',
			);
		});
	});

	describe('activation', () => {
		it('is refused with the reason for a weak secret: the URL is never served', async () => {
			const workflow = triggerWorkflow('hostile odoo weak secret', {
				type: nodeType('odooWebhookTrigger'),
				parameters: { secret: 'password' },
			});
			const id = await createWorkflow(workflow);
			activated.push(id);
			const reasons = () =>
				fs
					.readFileSync(e2eInfo().logFile, 'utf8')
					.split('\n')
					.filter((line) =>
						/\| error +\| The secret path component must be 22 to 128 characters/.test(line),
					).length;
			const before = reasons();
			// n8n 2.41 publishes in the background: the API accepts, the registration then fails and is retried.
			await activateWorkflow(id);
			const deadline = Date.now() + WAIT_MS;
			while (reasons() === before) {
				if (Date.now() > deadline) throw new Error('no activation error in the n8n log');
				await sleep(500);
			}
			const answer = await send(`${workflow.nodes[0].webhookId}/odoo/password`, {
				method: 'POST',
				headers: jsonHeaders,
				body: '{"model":"a.b","id":1}',
			});
			expect(answer.status).toBe(404);
			expect(await executionCount(id)).toBe(0);
		}, 120_000);
	});
});

describe('IP Change Trigger under hostile input', () => {
	const path = `hostile-${run}/_odoo.sh/ip-change`;
	let workflowId: string;

	beforeAll(async () => {
		workflowId = await deploy(
			triggerWorkflow('hostile ip', {
				type: nodeType('ipChangeTrigger'),
				parameters: { path, triggerOptions: { logCalls: true, responseFormat: 'text' } },
			}),
			path,
		);
	});

	it('accepts IPv4 and IPv6 changes from loopback and answers ok', async () => {
		const v4 = await expectAccepted(
			workflowId,
			`${path}?new=203.0.113.20&old=203.0.113.19`,
			{ method: 'GET' },
			'ok',
		);
		expect(v4).toMatchObject({
			new: '203.0.113.20',
			old: '203.0.113.19',
			previousKnownIp: null,
			sourceIp: '127.0.0.1',
			duplicate: false,
			outOfOrder: false,
		});
		const v6 = await expectAccepted(
			workflowId,
			`${path}?new=2001:DB8:0:0::20&old=203.0.113.20`,
			{ method: 'GET' },
			'ok',
		);
		expect(v6).toMatchObject({
			new: '2001:db8::20',
			old: '203.0.113.20',
			previousKnownIp: '203.0.113.20',
			outOfOrder: false,
		});
		const legacy = await expectAccepted(
			workflowId,
			`${path}?ip=2001:db8::21`,
			{ method: 'GET' },
			'ok',
		);
		expect(legacy).toMatchObject({
			new: '2001:db8::21',
			old: null,
			previousKnownIp: '2001:db8::20',
		});
		const outOfOrder = await expectAccepted(
			workflowId,
			`${path}?new=203.0.113.30&old=198.51.100.1`,
			{ method: 'GET' },
			'ok',
		);
		expect(outOfOrder).toMatchObject({ previousKnownIp: '2001:db8::21', outOfOrder: true });
	});

	it('answers a repeat within the window ok without running', async () => {
		const before = await executionCount(workflowId);
		const answer = await send(`${path}?new=203.0.113.30&old=198.51.100.1`);
		expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: 'ok' });
		await sleep(SETTLE_MS);
		expect(await executionCount(workflowId)).toBe(before);
	});

	it.each([
		['new=not-an-ip', '"new" is not a valid IPv4 or IPv6 address: "not-an-ip"'],
		['new=1.2.3.4.5', '"new" is not a valid IPv4 or IPv6 address: "1.2.3.4.5"'],
		['new=999.0.0.1', '"new" is not a valid IPv4 or IPv6 address: "999.0.0.1"'],
		[
			'new=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
			'"new" is not a valid IPv4 or IPv6 address: "<script>alert(1)</script>"',
		],
		[
			'new=10.0.0.1%0AX-Injected:%201',
			'"new" is not a valid IPv4 or IPv6 address: "10.0.0.1\\nX-Injected: 1"',
		],
		['new=fe80::1%25eth0', '"new" is not a valid IPv4 or IPv6 address: "fe80::1%eth0"'],
		['new=[2001:db8::1]', '"new" is not a valid IPv4 or IPv6 address: "[2001:db8::1]"'],
		['new=2001:db8:::1', '"new" is not a valid IPv4 or IPv6 address: "2001:db8:::1"'],
		['new=10.0.0.1/8', '"new" is not a valid IPv4 or IPv6 address: "10.0.0.1/8"'],
		['new=10.0.0.1&old=localhost', '"old" is not a valid IPv4 or IPv6 address: "localhost"'],
		['old=10.0.0.1', 'The "new" query parameter (the new IP address) is required'],
		['', 'The "new" query parameter (the new IP address) is required'],
		['new=10.0.0.1&new=10.0.0.2', 'Query parameter "new" is given more than once'],
		['new=10.0.0.1&ip=10.0.0.2', '"new" and the legacy "ip" disagree; send only "new"'],
	])('answers 400 for ?%s and starts nothing', async (query, message) => {
		const answer = await expectRefused(
			workflowId,
			`${path}?${query}`,
			{ method: 'GET' },
			400,
			message,
		);
		expect(answer.text).not.toContain('\nX-Injected');
	});

	it('reads POST forms and JSON; refuses malformed, wrongly typed and oversized bodies', async () => {
		await expectAccepted(
			workflowId,
			path,
			{
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'new=203.0.113.40&old=203.0.113.30',
			},
			'ok',
		);
		await expectAccepted(
			workflowId,
			path,
			{ method: 'POST', headers: jsonHeaders, body: '{"new":"203.0.113.41","old":"203.0.113.40"}' },
			'ok',
		);
		await expectRefused(
			workflowId,
			path,
			{ method: 'POST', headers: jsonHeaders, body: '{"new":' },
			400,
			/^The request body is not valid JSON.*; send a JSON object or a form/,
		);
		await expectRefused(
			workflowId,
			path,
			{ method: 'POST', headers: jsonHeaders, body: '{"new": 3405803776}' },
			400,
			'"new" must be a string',
		);
		await expectRefused(
			workflowId,
			path,
			{
				method: 'POST',
				headers: { 'content-type': 'application/xml' },
				body: '<new>203.0.113.42</new>',
			},
			400,
			/^The request body is not valid JSON/,
		);
		await expectRefused(
			workflowId,
			path,
			{
				method: 'POST',
				headers: jsonHeaders,
				body: JSON.stringify({ new: '203.0.113.43', pad: 'x'.repeat(20_000) }),
			},
			413,
			'The request body is larger than 16 KiB',
		);
		await expectRefused(
			workflowId,
			path,
			{ method: 'POST', headers: jsonHeaders, body: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) },
			400,
			'The request body is not valid UTF-8',
		);
	});

	it.each(['PUT', 'DELETE', 'PATCH', 'HEAD'])('answers 405 to %s', async (method) => {
		const answer = await expectRefused(
			workflowId,
			`${path}?new=203.0.113.50`,
			{ method },
			405,
			`Method ${method} is not allowed; use GET or POST`,
		);
		expect(answer.headers.allow).toBe('GET, POST');
	});

	it('answers 404 (n8n) for unknown paths and starts nothing', async () => {
		for (const unknown of [
			`${path}-typo?new=10.0.0.1`,
			`hostile-${run}/_odoo.sh?new=10.0.0.1`,
			`_odoo.sh/ip-change/${run}?new=10.0.0.1`,
		]) {
			await expectRefused(workflowId, unknown, { method: 'GET' }, 404, undefined);
		}
	});

	describe('source address checks', () => {
		it('answers 403 to loopback when the allowlist is 10.0.0.0/8, even with a spoofed X-Forwarded-For', async () => {
			const refusedPath = `hostile-${run}/ip-refused`;
			const id = await deploy(
				triggerWorkflow('hostile ip refused', {
					type: nodeType('ipChangeTrigger'),
					parameters: { path: refusedPath, allowedIps: '10.0.0.0/8' },
				}),
				refusedPath,
			);
			const message = 'Forbidden: 127.0.0.1 is not in the IP allowlist';
			await expectRefused(id, `${refusedPath}?new=10.0.0.1`, { method: 'GET' }, 403, message);
			await expectRefused(
				id,
				`${refusedPath}?new=10.0.0.1`,
				{ method: 'GET', headers: { 'x-forwarded-for': '10.0.0.1' } },
				403,
				message,
			);
			await expectRefused(
				id,
				`${refusedPath}?new=10.0.0.1`,
				{ method: 'GET', headers: { 'x-real-ip': '10.0.0.1', forwarded: 'for=10.0.0.1' } },
				403,
				message,
			);
			// 403 comes first, as on Odoo.sh: not even the method is revealed.
			await expectRefused(id, `${refusedPath}?new=10.0.0.1`, { method: 'DELETE' }, 403, message);
		});

		it('with one trusted hop believes the right-most X-Forwarded-For entry only', async () => {
			const proxiedPath = `hostile-${run}/ip-proxied`;
			const id = await deploy(
				triggerWorkflow('hostile ip proxied', {
					type: nodeType('ipChangeTrigger'),
					parameters: {
						path: proxiedPath,
						allowedIps: '10.0.0.0/8, fd00::/8',
						trustedProxyHops: 1,
					},
				}),
				proxiedPath,
			);
			const item = await expectAccepted(
				id,
				`${proxiedPath}?new=203.0.113.60`,
				{ method: 'GET', headers: { 'x-forwarded-for': '10.20.30.40' } },
				'ok',
			);
			expect(item.sourceIp).toBe('10.20.30.40');
			const v6 = await expectAccepted(
				id,
				`${proxiedPath}?new=203.0.113.61`,
				{ method: 'GET', headers: { 'x-forwarded-for': 'fd00::7' } },
				'ok',
			);
			expect(v6.sourceIp).toBe('fd00::7');
			// A client prepending an internal address: the proxy appends the real one, which is checked.
			await expectRefused(
				id,
				`${proxiedPath}?new=203.0.113.62`,
				{ method: 'GET', headers: { 'x-forwarded-for': '10.0.0.1, 203.0.113.99' } },
				403,
				'Forbidden: 203.0.113.99 is not in the IP allowlist',
			);
			await expectRefused(
				id,
				`${proxiedPath}?new=203.0.113.62`,
				{ method: 'GET' },
				403,
				'Forbidden: 127.0.0.1 is not in the IP allowlist',
			);
			await expectRefused(
				id,
				`${proxiedPath}?new=203.0.113.62`,
				{ method: 'GET', headers: { 'x-forwarded-for': 'unknown' } },
				403,
				'Forbidden: the caller’s address cannot be read (an X-Forwarded-For entry is not an IP address)',
			);
		});
	});

	describe('with Basic Auth', () => {
		it('answers 401 without, 403 with wrong credentials, and accepts the right ones', async () => {
			const authPath = `hostile-${run}/ip-auth`;
			const credential = await createCredential(
				`Hostile ip basic ${run}`,
				'odooMaintenanceBasicAuthApi',
				BASIC,
			);
			const id = await deploy(
				triggerWorkflow('hostile ip auth', {
					type: nodeType('ipChangeTrigger'),
					parameters: {
						path: authPath,
						authentication: 'basicAuth',
						triggerOptions: { responseFormat: 'json' },
					},
					credentials: {
						odooMaintenanceBasicAuthApi: { id: credential.id, name: credential.name },
					},
				}),
				authPath,
			);
			const url = `${authPath}?new=203.0.113.70`;
			await expectRefused(id, url, { method: 'GET' }, 401, 'Authorization is required');
			await expectRefused(
				id,
				url,
				{
					method: 'GET',
					headers: { authorization: basicHeader(BASIC.user, `${BASIC.password} `) },
				},
				403,
				'Authorization data is wrong',
			);
			await expectRefused(
				id,
				url,
				{ method: 'GET', headers: { authorization: 'Basic' } },
				403,
				'Authorization data is wrong',
			);
			await expectAccepted(
				id,
				url,
				{ method: 'GET', headers: { authorization: basicHeader(BASIC.user, BASIC.password) } },
				{ status: 'ok' },
			);
		});
	});
});
