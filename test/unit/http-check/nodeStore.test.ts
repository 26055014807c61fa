// The HTTP Service Check node's thresholds live in the state store: on either backend, a service goes
// Down at exactly the Failure Threshold's run and Up again at the Success Threshold's, whatever the
// number of services recorded at once.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HttpServiceCheck } from '../../../nodes/HttpServiceCheck/HttpServiceCheck.node';
import { httpServiceCheckProperties } from '../../../nodes/HttpServiceCheck/description';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { startHttpServer, type TestServer } from '../../support/servers';
import { BACKENDS, freshStoreOption } from '../../support/stores';

let server: TestServer;
beforeAll(async () => {
	server = await startHttpServer();
});
afterAll(() => server.close());

describe.each(BACKENDS)('HTTP Service Check thresholds, %s store', (backend) => {
	let storePath: string;
	beforeEach(() => {
		storePath = freshStoreOption(backend);
	});

	async function run(items: IDataObject[]): Promise<INodeExecutionData[][]> {
		const fake = fakeExecuteFunctions({
			items,
			parameters: {
				url: (index: number, json: IDataObject) => json.url,
				serviceName: (index: number, json: IDataObject) => json.name,
				equipment: 'srv',
				options: {
					storePath,
					failureThreshold: 3,
					successThreshold: 2,
					retries: 0,
					upgradeToHttps: false,
				},
			},
			properties: httpServiceCheckProperties,
			nodeName: 'HTTP Service Check',
			nodeType: 'n8n-nodes-odoo-maintenance.httpServiceCheck',
		});
		return new HttpServiceCheck().execute.call(fake);
	}

	it('goes Down at the third failing run and Up at the second good one, for every service of the run', async () => {
		const services = Array.from({ length: 12 }, (_, i) => ({
			name: `svc-${i}`,
			url: server.url(`/flip/svc-${i}`),
		}));
		for (const { name } of services) server.setFlipStatus(name, 503);
		const downCounts: number[] = [];
		for (let run_ = 0; run_ < 3; run_++) downCounts.push((await run(services))[1].length);
		expect(downCounts).toEqual([0, 0, 12]);
		const [, down] = await run(services);
		expect(down.map((item) => (item.json.check as IDataObject).consecutiveFailures)).toEqual(
			Array(12).fill(4),
		);

		for (const { name } of services) server.setFlipStatus(name, 200);
		expect((await run(services))[1]).toHaveLength(12);
		const [up] = await run(services);
		expect(up.map((item) => (item.json.check as IDataObject).stateChanged)).toEqual(
			Array(12).fill(true),
		);
		expect(up.map((item) => item.json.name)).toEqual(services.map((service) => service.name));
	});
});
