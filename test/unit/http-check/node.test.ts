/**
 * The HTTP Service Check node against a real loopback HTTP server: version 2's option groups and HTTPS toggle by the
 * URL, an error that explains the HTTPS upgrade, summary fields for n8n's table view, and no state written for items
 * without any URL.
 */
import path from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { executeHttpServiceCheck } from '../../../nodes/HttpServiceCheck/execute';
import { httpServiceCheckProperties } from '../../../nodes/HttpServiceCheck/description';
import { closeAllStateStores, getStateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { statusServer, type SimpleServer } from '../../support/httpFixtures';

let server: SimpleServer;
let storePath: string;
beforeAll(async () => (server = await statusServer()));
afterAll(() => server.close());
beforeEach(() => (storePath = path.join(tempDir(), 'state.sqlite')));
afterEach(() => closeAllStateStores());

function run(items: IDataObject[], parameters: Record<string, unknown>, typeVersion = 2) {
	const fake = fakeExecuteFunctions({
		items,
		parameters: {
			...parameters,
			options: { storePath, ...((parameters.options as object) ?? {}) },
		},
		properties: httpServiceCheckProperties,
		nodeName: 'HTTP Service Check',
		nodeType: 'n8n-nodes-odoo-maintenance.httpServiceCheck',
		typeVersion,
	});
	return { fake, outputs: executeHttpServiceCheck.call(fake) };
}

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const storedServices = async () =>
	(await getStateStore(storePath)).all('SELECT * FROM service_status');

describe('HTTP Service Check node', () => {
	it('reads version 2 option groups and the HTTPS toggle next to the URL', async () => {
		const { outputs } = run(
			[{ name: 'teapot', url: `${server.url}/status/418`, equipment: 'srv' }],
			{
				upgradeToHttps: false,
				options: {
					response: { values: { acceptedStatusCodes: '418' } },
					retry: { values: { retries: 0 } },
				},
			},
		);
		const [up, down] = await outputs;
		expect(down).toEqual([]);
		expect(json(up)).toEqual([
			expect.objectContaining({ name: 'teapot', state: 'up', statusCode: 418, error: null }),
		]);
	});

	it('says in the error that an http:// URL was checked over HTTPS because of the option', async () => {
		const { outputs } = run([{ name: 'plain', url: `${server.url}/`, equipment: 'srv' }], {
			options: { retry: { values: { retries: 0 } }, timeout: 3000 },
		});
		const [, down] = await outputs;
		const [item] = json(down);
		expect(item.state).toBe('down');
		expect(item.statusCode).toBe(-1);
		expect(String(item.error)).toContain(
			`${server.url}/ was checked over HTTPS because the option "Upgrade HTTP to HTTPS" is on`,
		);
		expect((item.check as IDataObject).checkedUrl).toBe(
			`${server.url.replace('http:', 'https:')}/`,
		);
	});

	it('writes no state for an item without any URL and says what input it expects', async () => {
		const { fake, outputs } = run([{}], {});
		const [up, down] = await outputs;
		expect(up).toEqual([]);
		expect(json(down)).toEqual([
			expect.objectContaining({ state: 'down', error: 'INVALID_URL: The service URL is missing' }),
		]);
		expect(await storedServices()).toEqual([]);
		expect(fake.hints).toEqual([
			// Every run says which state store answered (issue 13); the warning follows.
			expect.objectContaining({ type: 'info', message: expect.stringMatching(/^State store: /) }),
			expect.objectContaining({ type: 'warning', message: expect.stringContaining('had no URL') }),
		]);
	});

	it('keeps a passed check compact unless Include Details is on; failed checks carry every detail', async () => {
		const services = [
			{ name: 'ok', url: `${server.url}/status/200`, equipment: 'srv' },
			{ name: 'ko', url: `${server.url}/status/503`, equipment: 'srv' },
		];
		const checks = async (options: IDataObject, typeVersion = 2) => {
			const { outputs } = run(
				services,
				{ upgradeToHttps: false, options: { retry: { values: { retries: 0 } }, ...options } },
				typeVersion,
			);
			const [up, down] = await outputs;
			return { up: json(up)[0].check as IDataObject, down: json(down)[0].check as IDataObject };
		};
		const compact = await checks({});
		expect(compact.up).not.toHaveProperty('timings');
		expect(compact.up).not.toHaveProperty('redirects');
		expect(compact.up).toMatchObject({ ok: true, statusCode: 200, certificate: null, state: 'up' });
		expect(compact.up.responseTimeMs).toEqual(expect.any(Number));
		expect(compact.down).toMatchObject({ ok: false, statusCode: 503, redirects: [] });
		expect(compact.down.timings).toMatchObject({ total: expect.any(Number) });
		const detailed = await checks({ includeDetails: true });
		expect(detailed.up).toMatchObject({ redirects: [], timings: { total: expect.any(Number) } });
		const version1 = await checks({ upgradeToHttps: false, retries: 0 }, 1);
		expect(version1.up).toMatchObject({ redirects: [], timings: { total: expect.any(Number) } });
	});

	it('keeps version 1 workflows reading the flat options', async () => {
		const { outputs } = run(
			[{ name: 'teapot', url: `${server.url}/status/418`, equipment: 'srv' }],
			{ options: { upgradeToHttps: false, acceptedStatusCodes: '418', retries: 0 } },
			1,
		);
		const [up] = await outputs;
		expect(json(up)).toHaveLength(1);
	});
});
