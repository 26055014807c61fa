import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { localRequestBackend } from '../../../nodes/MaintenanceRequest/backends/local';
import { maintenanceRequestProperties } from '../../../nodes/MaintenanceRequest/description';
import { closeAllStateStores, type StateStore } from '../../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';
import { BACKENDS, freshStoreOption, openStoreAt } from '../../support/stores';

const failing = (service: string) => [
	{
		service,
		url: `http://127.0.0.1:1/${service}`,
		statusCode: 503,
		error: 'UNEXPECTED_STATUS',
		failedAt: '2026-11-20T10:00:00.000Z',
	},
];

describe.each(BACKENDS)(
	'Maintenance Request List Requests / Close Request, Local (%s store)',
	(backend) => {
		let option: string;
		let store: StateStore;
		const ids: Record<string, number> = {};
		beforeAll(async () => {
			option = freshStoreOption(backend);
			store = await openStoreAt(option);
			const requests = localRequestBackend(store);
			for (const [equipment, day] of [
				['srv-a', '2026-11-20'],
				['srv-b', '2026-11-21'],
				['srv-a', '2026-11-22'],
			] as const) {
				const reported = await requests.report(equipment, failing('web'), {
					day,
					priority: '2',
					now: `${day}T10:00:00.000Z`,
				});
				ids[`${equipment} ${day}`] = reported.id;
			}
		});
		afterAll(async () => {
			await store.close();
			await closeAllStateStores();
		});

		function run(parameters: Record<string, unknown>, items: IDataObject[] = [{}]) {
			const context = fakeExecuteFunctions({
				items,
				properties: maintenanceRequestProperties,
				parameters: { backend: 'local', options: { storePath: option }, ...parameters },
			});
			return new MaintenanceRequest().execute.call(context);
		}
		const idsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id);

		it('lists open requests newest first, by equipment and since a date', async () => {
			const [all] = await run({ operation: 'listRequests', listState: 'open' });
			expect(idsOf(all)).toEqual([
				ids['srv-a 2026-11-22'],
				ids['srv-b 2026-11-21'],
				ids['srv-a 2026-11-20'],
			]);
			expect(all[0].json).toMatchObject({
				name: '[HTTP KO] srv-a',
				equipment: 'srv-a',
				state: 'open',
				link: null,
				createdAt: '2026-11-22T10:00:00.000Z',
			});
			const [ofA] = await run({ operation: 'listRequests', listEquipment: 'srv-a' });
			expect(idsOf(ofA)).toEqual([ids['srv-a 2026-11-22'], ids['srv-a 2026-11-20']]);
			const [recent] = await run({ operation: 'listRequests', since: '2026-11-21' });
			expect(idsOf(recent)).toEqual([ids['srv-a 2026-11-22'], ids['srv-b 2026-11-21']]);
		});

		it('closes a request by ID with a note, then lists it as closed', async () => {
			const id = ids['srv-b 2026-11-21'];
			const [[closed]] = await run({
				operation: 'closeRequest',
				requestId: id,
				note: 'Fixed the proxy by hand',
			});
			expect(closed.json).toMatchObject({ id, state: 'closed', closedAt: expect.any(String) });
			expect(String(closed.json.description)).toMatch(/\n\nClosed: Fixed the proxy by hand$/);
			const [closedList] = await run({ operation: 'listRequests', listState: 'closed' });
			expect(idsOf(closedList)).toEqual([id]);
			const [open] = await run({ operation: 'listRequests', listState: 'open' });
			expect(idsOf(open)).not.toContain(id);
			const [everything] = await run({ operation: 'listRequests', listState: 'all' });
			expect(everything).toHaveLength(3);
		});

		it.each([
			[
				{ operation: 'closeRequest', requestId: 99999 },
				/requestId.*no open Local maintenance request #99999/,
			],
			[{ operation: 'closeRequest', requestId: 0 }, /"requestId"/],
			[{ operation: 'listRequests', since: 'yesterday' }, /"since"/],
		])('names the parameter of bad input %j', async (parameters, message) => {
			const error = await run(parameters).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as Error).message).toMatch(message);
		});

		it('does not close a request twice', async () => {
			const id = ids['srv-a 2026-11-20'];
			await run({ operation: 'closeRequest', requestId: id });
			await expect(run({ operation: 'closeRequest', requestId: id })).rejects.toThrow(
				/no open Local maintenance request/,
			);
		});
	},
);
