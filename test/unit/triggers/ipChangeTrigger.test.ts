import fs from 'node:fs';
import path from 'node:path';

import { IpChangeTrigger } from '../../../nodes/IpChangeTrigger/IpChangeTrigger.node';
import { getIpState } from '../../../nodes/IpChangeTrigger/ipState';
import { closeAllStateStores, getStateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import { BACKENDS, freshStoreOption, testPostgresUrl } from '../../support/stores';
import { call, emitted, startHarness, type Harness, type HarnessOptions } from './webhookHarness';

const trigger = new IpChangeTrigger();

describe.each(BACKENDS)('IP Change Trigger webhook(), %s store', (backend) => {
	let harness: Harness;
	let dir: string;
	let storePath: string;

	beforeEach(() => {
		dir = tempDir();
		storePath = freshStoreOption(backend);
	});
	afterEach(async () => {
		await harness?.close();
		await closeAllStateStores();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const start = (parameters: Record<string, unknown> = {}, options: HarnessOptions = {}) =>
		startHarness(trigger, {
			...options,
			parameters: {
				...parameters,
				triggerOptions: { storePath, ...((parameters.triggerOptions as object) ?? {}) },
			},
		});

	it('answers ok to a loopback GET and emits the change', async () => {
		harness = await start();
		const response = await call(`${harness.url}/?new=203.0.113.7&old=198.51.100.4`);
		expect(response).toMatchObject({ status: 200, text: 'ok' });
		expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(emitted(harness.results[0])).toEqual([
			{
				old: '198.51.100.4',
				new: '203.0.113.7',
				previousKnownIp: null,
				receivedAt: expect.any(String),
				sourceIp: '127.0.0.1',
				duplicate: false,
				outOfOrder: false,
			},
		]);
	});

	it('answers JSON ok when chosen', async () => {
		harness = await start({ triggerOptions: { responseFormat: 'json' } });
		expect(await call(`${harness.url}/?new=10.0.0.1`)).toMatchObject({
			status: 200,
			body: { status: 'ok' },
		});
	});

	it('refuses callers outside the allowlist with 403 and starts nothing', async () => {
		harness = await start({ allowedIps: '10.0.0.0/8' });
		const response = await call(`${harness.url}/?new=10.0.0.1`);
		expect(response).toMatchObject({
			status: 403,
			body: { status: 'error', message: 'Forbidden: 127.0.0.1 is not in the IP allowlist' },
		});
		expect(harness.results[0]).toEqual({ noWebhookResponse: true });
	});

	it('believes X-Forwarded-For only with trusted hops', async () => {
		harness = await start({ allowedIps: '10.0.0.0/8' });
		expect(
			(await call(`${harness.url}/?new=10.0.0.1`, { headers: { 'x-forwarded-for': '10.9.9.9' } }))
				.status,
		).toBe(403);
		await harness.close();
		harness = await start({ allowedIps: '10.0.0.0/8', trustedProxyHops: 1 });
		const response = await call(`${harness.url}/?new=10.0.0.1`, {
			headers: { 'x-forwarded-for': '203.0.113.9, 10.9.9.9' },
		});
		expect(response.status).toBe(200);
		expect(emitted(harness.results[0])![0].sourceIp).toBe('10.9.9.9');
	});

	it('answers 400 with the reason for invalid parameters', async () => {
		harness = await start();
		expect((await call(`${harness.url}/?new=999.1.1.1`)).body).toEqual({
			status: 'error',
			message: '"new" is not a valid IPv4 or IPv6 address: "999.1.1.1"',
		});
		expect((await call(`${harness.url}/?old=10.0.0.1`)).status).toBe(400);
		expect(
			harness.results.every((result) => result.noWebhookResponse === true && !result.workflowData),
		).toBe(true);
	});

	it('reads POST forms and JSON, and refuses oversized bodies', async () => {
		harness = await start();
		const form = await call(harness.url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'new=2001:db8::2&old=2001:db8::1',
		});
		expect(form.status).toBe(200);
		expect(emitted(harness.results[0])![0]).toMatchObject({
			new: '2001:db8::2',
			old: '2001:db8::1',
		});
		const big = await call(harness.url, {
			method: 'POST',
			body: JSON.stringify({ new: '10.0.0.1', pad: 'x'.repeat(20000) }),
		});
		expect(big.status).toBe(413);
	});

	it('answers 405 for other methods', async () => {
		harness = await start();
		const response = await call(`${harness.url}/?new=10.0.0.1`, { method: 'PATCH' });
		expect(response).toMatchObject({ status: 405, body: { status: 'error' } });
		expect(response.headers.get('allow')).toBe('GET, POST');
	});

	it('answers a repeat within the window with ok and no execution, and keeps the last known IP', async () => {
		harness = await start();
		await call(`${harness.url}/?new=10.0.0.2&old=10.0.0.1`);
		const repeat = await call(`${harness.url}/?new=10.0.0.2&old=10.0.0.1`);
		expect(repeat).toMatchObject({ status: 200, text: 'ok' });
		expect(harness.results[1]).toEqual({ noWebhookResponse: true });
		const next = await call(`${harness.url}/?new=10.0.0.3&old=10.0.0.2`);
		expect(next.status).toBe(200);
		expect(emitted(harness.results[2])![0]).toMatchObject({
			previousKnownIp: '10.0.0.2',
			duplicate: false,
			outOfOrder: false,
		});
		const state = await getIpState(await getStateStore(storePath), 'ip-change:_odoo.sh/ip-change');
		expect(state?.currentIp).toBe('10.0.0.3');
	});

	it('runs a repeat flagged as duplicate when chosen', async () => {
		harness = await start({ onDuplicate: 'emit' });
		await call(`${harness.url}/?new=10.0.0.2&old=10.0.0.1`);
		await call(`${harness.url}/?new=10.0.0.2&old=10.0.0.1`);
		expect(emitted(harness.results[1])![0]).toMatchObject({
			duplicate: true,
			previousKnownIp: null,
		});
	});

	it('flags a change whose old IP is not the last known one as out of order', async () => {
		harness = await start();
		await call(`${harness.url}/?new=10.0.0.2&old=10.0.0.1`);
		await call(`${harness.url}/?new=10.0.0.9&old=10.0.0.7`);
		expect(emitted(harness.results[1])![0]).toMatchObject({
			previousKnownIp: '10.0.0.2',
			outOfOrder: true,
		});
	});

	it('requires the header token when configured', async () => {
		harness = await start(
			{ authentication: 'headerAuth' },
			{
				credentials: {
					odooMaintenanceHeaderAuthApi: {
						headerName: 'X-Odoo-Token',
						token: 'odoo-sh-0123456789abcdef',
					},
				},
			},
		);
		expect((await call(`${harness.url}/?new=10.0.0.1`)).status).toBe(401);
		expect(
			(
				await call(`${harness.url}/?new=10.0.0.1`, {
					headers: { 'x-odoo-token': 'odoo-sh-0123456789abcdeX' },
				})
			).status,
		).toBe(403);
		expect(
			(
				await call(`${harness.url}/?new=10.0.0.1`, {
					headers: { 'x-odoo-token': 'odoo-sh-0123456789abcdef' },
				})
			).status,
		).toBe(200);
	});

	it('answers 500 without details when the state store cannot be opened', async () => {
		fs.writeFileSync(path.join(dir, 'not-a-folder'), 'x');
		const badUrl = new URL(backend === 'postgres' ? testPostgresUrl() : 'postgres://x@127.0.0.1/x');
		badUrl.password = 'wrong-password-in-url';
		const unusable =
			backend === 'sqlite' ? path.join(dir, 'not-a-folder', 'db.sqlite') : badUrl.toString();
		harness = await startHarness(trigger, {
			parameters: { triggerOptions: { storePath: unusable } },
		});
		const response = await call(`${harness.url}/?new=10.0.0.1`);
		expect(response).toMatchObject({
			status: 500,
			body: {
				status: 'error',
				message: 'The trigger’s state store is unavailable; see the n8n log',
			},
		});
		expect(response.text).not.toContain(dir);
		expect(response.text).not.toContain('wrong-password-in-url');
		expect(harness.results[0]).toEqual({ noWebhookResponse: true });
	});
});
