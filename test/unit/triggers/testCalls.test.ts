/**
 * Calls to a trigger's test URL: they never change what the published workflow keeps (the IP Change Trigger's last
 * known IP), always reach the editor (also a repeat within the duplicate window), and a refused test call shows on
 * the trigger's "Refused" output with its status and reason, while a refused production call starts nothing.
 */
import fs from 'node:fs';
import path from 'node:path';

import { IpChangeTrigger } from '../../../nodes/IpChangeTrigger/IpChangeTrigger.node';
import { OdooWebhookTrigger } from '../../../nodes/OdooWebhookTrigger/OdooWebhookTrigger.node';
import { getIpState } from '../../../nodes/IpChangeTrigger/ipState';
import { closeAllStateStores, getStateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import { call, emitted, startHarness, type Harness } from './webhookHarness';

describe('test calls', () => {
	let harness: Harness | undefined;
	let dir: string;
	let storePath: string;
	beforeEach(() => {
		dir = tempDir();
		storePath = path.join(dir, 'state.sqlite');
	});
	afterEach(async () => {
		await harness?.close();
		harness = undefined;
		await closeAllStateStores();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const ipTrigger = (mode: 'webhook' | 'manual') =>
		startHarness(new IpChangeTrigger(), { mode, parameters: { triggerOptions: { storePath } } });
	const scopeRow = async () =>
		getIpState(await getStateStore(storePath), 'ip-change:_odoo.sh/ip-change');

	it('leave the last known IP of the published workflow unchanged', async () => {
		const production = await ipTrigger('webhook');
		await call(`${production.url}/?new=10.0.0.2&old=10.0.0.1`);
		await production.close();
		const before = await scopeRow();
		expect(before).toMatchObject({ currentIp: '10.0.0.2' });

		harness = await ipTrigger('manual');
		const test = await call(`${harness.url}/?new=10.9.9.9&old=10.0.0.2`);
		expect(test.status).toBe(200);
		expect(emitted(harness.results[0])).toEqual([
			expect.objectContaining({ new: '10.9.9.9', previousKnownIp: '10.0.0.2', outOfOrder: false }),
		]);
		expect(await scopeRow()).toEqual(before);
	});

	it('reach the editor when repeated within the duplicate window', async () => {
		harness = await ipTrigger('manual');
		for (let attempt = 0; attempt < 2; attempt++) {
			await call(`${harness.url}/?new=10.0.0.3&old=10.0.0.2`);
		}
		expect(harness.results.map((result) => emitted(result)?.length)).toEqual([1, 1]);
		expect(await scopeRow()).toBeUndefined();
	});

	it.each([
		['IP Change Trigger', () => new IpChangeTrigger(), '/?new=not-an-ip', 400],
		['Odoo Webhook Trigger', () => new OdooWebhookTrigger(), '/', 405],
	])('%s shows a refused test call on its Refused output', async (_name, make, target, status) => {
		const node = make();
		expect(node.description.outputs).toHaveLength(2);
		harness = await startHarness(node, {
			mode: 'manual',
			parameters: { triggerOptions: { storePath } },
		});
		const method = status === 405 ? 'PATCH' : 'GET';
		const answer = await call(`${harness.url}${target}`, { method });
		expect(answer.status).toBe(status);
		const [result] = harness.results;
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0]).toEqual([]);
		expect(result.workflowData?.[1]?.map((item) => item.json)).toEqual([
			{ refused: true, status, reason: answer.body.message, receivedAt: expect.any(String) },
		]);
	});

	it('a refused production call starts nothing', async () => {
		harness = await startHarness(new IpChangeTrigger(), {
			parameters: { triggerOptions: { storePath } },
		});
		expect((await call(`${harness.url}/?new=not-an-ip`)).status).toBe(400);
		expect(harness.results[0]).toEqual({ noWebhookResponse: true });
	});
});
