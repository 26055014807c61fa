/** Outcomes show on the node as execution hints, not only deep in the output JSON. */
import path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { maintenanceRequestProperties } from '../../../nodes/MaintenanceRequest/description';
import { closeAllStateStores } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { startServer, type SimpleServer } from '../../support/httpFixtures';
import { downItem, upItem } from './helpers';

let receiver: SimpleServer;
let storePath: string;
beforeAll(async () => {
	receiver = await startServer((_req, res) => res.writeHead(503).end('busy'));
});
afterAll(() => receiver.close());
beforeEach(() => (storePath = path.join(tempDir(), 'state.sqlite')));
afterEach(() => closeAllStateStores());

async function runNode(items: IDataObject[], parameters: Record<string, unknown>) {
	const fake = fakeExecuteFunctions({
		items,
		parameters: {
			...parameters,
			options: {
				storePath,
				notificationAttempts: 1,
				notificationTimeoutMs: 2000,
				...((parameters.options as object) ?? {}),
			},
		},
		properties: maintenanceRequestProperties,
		timezone: 'UTC',
	});
	const output = await new MaintenanceRequest().execute.call(fake);
	// Every run first says which state store answered (issue 13); the outcome hints follow it.
	expect(fake.hints[0]).toMatchObject({
		type: 'info',
		message: expect.stringMatching(/^State store: /),
	});
	return { output, hints: fake.hints.slice(1) };
}

describe('Maintenance Request execution hints', () => {
	it('warn when a notification could not be delivered and stays queued', async () => {
		const { output, hints } = await runNode(
			[downItem('srv-a', 'shop', 'https://shop.example.test/')],
			{
				operation: 'reportFailures',
				sendNotification: true,
				webhookUrl: `${receiver.url}/hook`,
			},
		);
		expect(output[0][0].json.notification).toMatchObject({ status: 'queued' });
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'warning',
				message: expect.stringMatching(/^1 notification was not delivered/),
			}),
		]);
	});

	it('say so when Resolve Recovered has nothing to close', async () => {
		const { output, hints } = await runNode(
			[upItem('srv-b', 'wiki', 'https://wiki.example.test/')],
			{
				operation: 'resolveRecovered',
			},
		);
		expect(output).toEqual([[]]);
		expect(hints).toEqual([
			expect.objectContaining({
				type: 'info',
				message: expect.stringMatching(/^Nothing to close/),
			}),
		]);
	});

	it('add nothing when everything went through', async () => {
		const { hints } = await runNode([downItem('srv-c', 'api', 'https://api.example.test/')], {
			operation: 'reportFailures',
		});
		expect(hints).toEqual([]);
	});
});
