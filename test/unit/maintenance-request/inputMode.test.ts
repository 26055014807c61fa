import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { openTestStore } from '../../support/stores';
import { contextAt, downItem, json, runAction } from './helpers';

const NOON = '2026-11-23T12:00:00.000Z';
const description = new MaintenanceRequest().description;

/** The names n8n shows for `values` on a node of `version`. */
function shownNames(values: INodeParameters, version: number): string[] {
	const node = { typeVersion: version };
	const filled =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		{};
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(filled, property, node, description, filled))
		.map((property) => property.name);
}

describe('Maintenance Request input', () => {
	let store: StateStore;
	beforeEach(async () => (store = await openTestStore('sqlite')));
	afterEach(() => store.close());

	it('opens on "From HTTP Service Check" without expression fields (version 1.1, the default)', () => {
		expect(description.defaultVersion).toBe(1.1);
		const shown = shownNames({ operation: 'reportFailures' }, 1.1);
		expect(shown).toContain('inputMode');
		for (const mapped of [
			'equipment',
			'serviceName',
			'serviceUrl',
			'statusCode',
			'errorMessage',
			'failedAt',
		]) {
			expect(shown).not.toContain(mapped);
		}
		expect(shownNames({ operation: 'reportFailures', inputMode: 'define' }, 1.1)).toEqual(
			expect.arrayContaining(['equipment', 'serviceUrl', 'statusCode']),
		);
	});

	it('keeps the mapping fields of saved version 1 nodes', () => {
		expect(shownNames({ operation: 'resolveRecovered' }, 1)).toEqual(
			expect.arrayContaining(['equipment', 'serviceName', 'serviceUrl']),
		);
	});

	it('reads the HTTP Service Check items in automatic mode, whatever the hidden fields hold', async () => {
		const output = await runAction(contextAt(localRequestBackend(store), store, NOON), {
			items: [downItem('srv-a', 'shop', 'https://shop.example.test/', { statusCode: 503 })],
			parameters: {
				operation: 'reportFailures',
				inputMode: 'auto',
				equipment: 'stale-mapping',
				statusCode: '200',
			},
		});
		expect(json(output)).toEqual([
			expect.objectContaining({
				equipment: 'srv-a',
				services: [
					expect.objectContaining({
						service: 'shop',
						url: 'https://shop.example.test/',
						statusCode: 503,
					}),
				],
			}),
		]);
	});
});
