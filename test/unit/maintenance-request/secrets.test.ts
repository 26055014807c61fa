// Issue 17: names are HTML-escaped in the Local description and the notification, and URL user-info
// (user:password@) never reaches a description, the notification or the store.
import fs from 'node:fs';

import type { IDataObject } from 'n8n-workflow';

import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { redactUrl, redactUrlsInText } from '../../../nodes/shared/net/redactUrl';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { startReceiver, type Receiver } from '../notify/receiver';
import { contextAt, downItem, runAction } from './helpers';
import { BACKENDS, openTestStore, STATE_TABLES } from '../../support/stores';

describe.each(BACKENDS)('%s store', (backend) => {
	const PASSWORD = 'Sup3r-s3cret-pw';
	let store: StateStore;
	let receiver: Receiver;

	beforeEach(async () => {
		store = await openTestStore(backend);
		receiver = await startReceiver();
	});
	afterEach(async () => {
		await receiver.close();
		await store.close();
	});

	function report(items: IDataObject[]) {
		return runAction(contextAt(localRequestBackend(store), store, '2026-11-23T12:00:00.000Z'), {
			items,
			parameters: {
				operation: 'reportFailures',
				sendNotification: true,
				webhookUrl: receiver.url,
				options: { notificationAttempts: 1, notificationTimeoutMs: 2000 },
			},
		});
	}

	describe('redactUrl', () => {
		it.each([
			['http://user:pw@host.test/x', 'http://host.test/x'],
			['https://user:p@ss@host.test:8443/?q=a@b', 'https://host.test:8443/?q=a@b'],
			['http://host.test/a@b', 'http://host.test/a@b'],
			['not a url', 'not a url'],
		])('%s -> %s', (url, expected) => expect(redactUrl(url)).toBe(expected));

		it('removes user-info from every URL in a text', () => {
			expect(redactUrlsInText('GET http://a:b@x.test/ failed, then https://c@y.test')).toBe(
				'GET http://x.test/ failed, then https://y.test',
			);
		});
	});

	describe('Report Failures, Local backend', () => {
		it('HTML-escapes service names and URLs in the description and the notification', async () => {
			const output = await report([
				downItem('srv <i>', '<script>alert(1)</script>', 'https://shop.test/?a=<b>', {
					statusCode: 503,
				}),
			]);
			const description = String(output[0].json.description);
			expect(description).toBe(
				'Service KO: &lt;script&gt;alert(1)&lt;/script&gt; https://shop.test/?a=&lt;b&gt; - HTTP 503 at 2026-11-23T10:00:00.000Z',
			);
			const notified = JSON.parse(receiver.received[0].body) as Record<string, string>;
			expect(notified.description).toBe(description);
			expect(notified.description).not.toMatch(/[<>]/);
		});

		it('keeps URL user-info out of the output, the notification and the store', async () => {
			const url = `https://monitor:${PASSWORD}@shop.test/health`;
			const item = downItem('srv-a', url, url, {
				error: { code: 'ECONNREFUSED', message: `connect ECONNREFUSED for ${url}` },
			});
			const output = await report([item]);
			expect(JSON.stringify(output)).not.toContain(PASSWORD);
			expect(String(output[0].json.description)).toContain('https://shop.test/health');
			expect(receiver.received[0].body).not.toContain(PASSWORD);
			for (const table of STATE_TABLES) {
				expect(JSON.stringify(await store.all(`SELECT * FROM ${table}`))).not.toContain(PASSWORD);
			}
			if (backend !== 'sqlite') return;
			await store.close();
			const bytes = fs.readFileSync(store.location);
			expect(bytes.includes(PASSWORD)).toBe(false);
			for (const suffix of ['-wal', '-shm']) {
				if (fs.existsSync(store.location + suffix)) {
					expect(fs.readFileSync(store.location + suffix).includes(PASSWORD)).toBe(false);
				}
			}
			store = await openTestStore(backend);
		});
	});
});
