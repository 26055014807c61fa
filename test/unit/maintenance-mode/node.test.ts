import {
	NodeHelpers,
	NodeOperationError,
	Workflow,
	type INodeType,
	type INodeTypes,
	type NodeExecutionHint,
} from 'n8n-workflow';

import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import { LocalMaintenanceWindows } from '../../../nodes/MaintenanceMode/backends/local';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { BACKENDS, countRows, freshStoreOption, openStoreAt } from '../../support/stores';
import { NODE, nodeError, runNode, type FakeRun } from './fakeExecute';

const HOUR_MS = 3_600_000;

describe.each(BACKENDS)('Maintenance Mode node, %s store', (backend) => {
	let storePath: string;
	let store: StateStore;

	beforeEach(async () => {
		storePath = freshStoreOption(backend);
		store = await openStoreAt(storePath);
	});

	afterEach(async () => {
		await store.close();
	});

	const windowCount = () => countRows(store, 'maintenance_windows');

	/** A run of the node on the local backend with the test's store. */
	function local(parameters: FakeRun['parameters'], run: Partial<FakeRun> = {}): FakeRun {
		return { ...run, parameters: { backend: 'local', options: { storePath }, ...parameters } };
	}

	describe('outputs, as n8n-workflow 2.41 computes them from the description', () => {
		const type = new MaintenanceMode();
		const nodeTypes = {
			getByName: () => type as INodeType,
			getByNameAndVersion: () => type as INodeType,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;

		function outputsFor(parameters: Record<string, string>) {
			const workflow = new Workflow({
				nodes: [{ ...NODE, parameters }],
				connections: {},
				active: false,
				nodeTypes,
			});
			return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(NODE.name)!, type.description);
		}

		it('are "Not in maintenance" and "In maintenance" for Filter Items', () => {
			expect(outputsFor({ operation: 'filterItems' })).toEqual([
				{ type: 'main', displayName: 'Not in maintenance' },
				{ type: 'main', displayName: 'In maintenance' },
			]);
		});

		it('are one main output for every other operation, including the default one', () => {
			for (const operation of ['activate', 'deactivate', 'getStatus', 'listActive', 'endExpired']) {
				expect(outputsFor({ operation })).toEqual([{ type: 'main' }]);
			}
			expect(outputsFor({})).toEqual([{ type: 'main' }]);
		});
	});

	describe('bad input: a NodeOperationError naming the parameter, and nothing written', () => {
		async function expectRejected(run: FakeRun, message: RegExp) {
			const error = await nodeError(run);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(message);
			expect(await windowCount()).toBe(0);
		}

		it.each([0, -1, 'abc', '', '4h', '1e2', Number.NaN, Number.POSITIVE_INFINITY, null, 9000])(
			'Activate with a duration of %p',
			async (durationHours) => {
				await expectRejected(
					local({ operation: 'activate', equipment: 'srv-01', durationHours }),
					/^The parameter "Duration \(Hours\)" is invalid: /,
				);
			},
		);

		it.each(['activate', 'deactivate', 'getStatus', 'scheduleWindow'])(
			'%s with an empty equipment',
			async (operation) => {
				for (const equipment of ['', '   ', null, undefined]) {
					await expectRejected(
						local({ operation, equipment, start: '2099-01-01 02:00' }),
						/^The parameter "Equipment" is empty$/,
					);
				}
			},
		);

		const schedule = (parameters: FakeRun['parameters']) =>
			local({
				operation: 'scheduleWindow',
				equipment: 'srv-01',
				start: '2099-03-01 02:00',
				timeZone: 'Europe/Paris',
				...parameters,
			});

		it.each<[string, FakeRun['parameters'], RegExp]>([
			['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /"Time Zone" is invalid: .*Mars/],
			['a misspelt time zone', { timeZone: 'Europe/Pairs' }, /"Time Zone" is invalid/],
			['a zero duration', { scheduleDurationHours: 0 }, /"Duration \(Hours\)" is invalid/],
			['a negative duration', { scheduleDurationHours: -2 }, /"Duration \(Hours\)" is invalid/],
			[
				'a non-numeric duration',
				{ scheduleDurationHours: 'two' },
				/"Duration \(Hours\)" is invalid/,
			],
			['an unreadable start', { start: 'next monday 2am' }, /"Start" is invalid/],
			['an empty start', { start: '' }, /"Start" is invalid/],
			['a start without a time', { start: '2099-03-01' }, /"Start" is invalid: a time of day/],
			['an impossible date', { start: '2099-02-30 02:00' }, /"Start" is invalid/],
			[
				'a window that is already over',
				{ start: '2020-01-01 02:00' },
				/"Start" is invalid: the window would already be over/,
			],
			[
				'a repeat end before the start',
				{ weekdays: [1], until: '2099-02-01' },
				/"Repeat Until" is invalid: must not be before start/,
			],
			['an unknown weekday', { weekdays: [8] }, /"Repeat on Weekdays" is invalid/],
			['weekdays that are not a list', { weekdays: 'monday' }, /"Repeat on Weekdays" is invalid/],
		])('Schedule Window with %s', async (_case, parameters, message) => {
			await expectRejected(schedule(parameters), message);
		});

		it('checks every item before writing anything', async () => {
			const run = local(
				{
					operation: 'activate',
					equipment: (item) => item.json.equipment,
					durationHours: (item) => item.json.hours,
				},
				{
					items: [
						{ json: { equipment: 'srv-ok', hours: 1 } },
						{ json: { equipment: 'srv-bad', hours: 0 } },
					],
				},
			);
			const error = await nodeError(run);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(await windowCount()).toBe(0);
		});

		it('with Continue On Fail, reports the bad item and handles the others', async () => {
			const [output] = await runNode(
				local(
					{ operation: 'activate', equipment: (item) => item.json.equipment },
					{
						items: [{ json: { equipment: '' } }, { json: { equipment: 'srv-ok' } }],
						continueOnFail: true,
					},
				),
			);
			expect(output).toEqual([
				{ json: { error: 'The parameter "Equipment" is empty' }, pairedItem: { item: 0 } },
				{
					json: expect.objectContaining({ equipment: 'srv-ok', active: true }),
					pairedItem: { item: 1 },
				},
			]);
			expect(await windowCount()).toBe(1);
		});
	});

	describe('operations on the local backend', () => {
		it('Activate emits the status with ISO 8601 instants and the default 4 hours', async () => {
			const before = Date.now();
			const [[item]] = await runNode(
				local({ operation: 'activate', equipment: 'srv-01', reason: 'Kernel upgrade' }),
			);
			const json = item.json as Record<string, any>;
			expect(json).toEqual({
				equipment: 'srv-01',
				active: true,
				start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
				end: expect.stringMatching(/Z$/),
				remainingMinutes: 240,
				reason: 'Kernel upgrade',
				source: 'manual',
				windowId: expect.any(Number),
			});
			expect(Date.parse(json.start)).toBeGreaterThanOrEqual(before);
			expect(Date.parse(json.end) - Date.parse(json.start)).toBe(4 * HOUR_MS);
			expect(item.pairedItem).toEqual({ item: 0 });
		});

		it('Get Status, List Active and Deactivate', async () => {
			await runNode(local({ operation: 'activate', equipment: 'srv-01', durationHours: 2 }));
			const [[status]] = await runNode(local({ operation: 'getStatus', equipment: 'srv-01' }));
			expect(status.json).toMatchObject({
				equipment: 'srv-01',
				active: true,
				remainingMinutes: 120,
			});
			const [listed] = await runNode(local({ operation: 'listActive' }));
			expect(listed.map((item) => item.json.equipment)).toEqual(['srv-01']);
			const [[ended]] = await runNode(local({ operation: 'deactivate', equipment: 'srv-01' }));
			expect(ended.json).toMatchObject({ equipment: 'srv-01', active: false, remainingMinutes: 0 });
			expect(await runNode(local({ operation: 'listActive' }))).toEqual([[]]);
		});

		it('Filter Items routes items by their equipment, passing them through unchanged', async () => {
			await runNode(local({ operation: 'activate', equipment: 'srv-down' }));
			const binary = { data: { data: 'aGk=', mimeType: 'text/plain' } };
			const items = [
				{ json: { equipment: 'srv-down', url: 'https://a.test/' } },
				{ json: { equipment: 'srv-up', url: 'https://b.test/' }, binary },
				{ json: { url: 'https://c.test/' } },
				{ json: { equipment: 'srv-down', url: 'https://d.test/' } },
			];
			const [notInMaintenance, inMaintenance] = await runNode(
				local({ operation: 'filterItems', equipment: (item) => item.json.equipment }, { items }),
			);
			expect(notInMaintenance).toEqual([
				{ json: items[1].json, binary, pairedItem: { item: 1 } },
				{ json: items[2].json, binary: undefined, pairedItem: { item: 2 } },
			]);
			expect(inMaintenance.map((item) => [item.json.url, item.pairedItem])).toEqual([
				['https://a.test/', { item: 0 }],
				['https://d.test/', { item: 3 }],
			]);
		});

		it('shows in the output pane which store answered (never a password)', async () => {
			const hints: NodeExecutionHint[] = [];
			await runNode({ ...local({ operation: 'activate', equipment: 'srv-01' }), hints });
			const where =
				backend === 'sqlite' ? `SQLite at ${storePath}` : `PostgreSQL at ${store.location}`;
			expect(hints).toEqual([
				{ message: `State store: ${where}`, type: 'info', location: 'outputPane' },
			]);
			expect(JSON.stringify(hints)).not.toMatch(/:[^:@/]+@/);
		});

		it('End Expired emits each ended window once', async () => {
			await new LocalMaintenanceWindows(store).activate(
				'srv-old',
				1,
				'patch',
				'2020-01-01T00:00:00.000Z',
			);
			await runNode(local({ operation: 'activate', equipment: 'srv-now' }));
			const [ended] = await runNode(local({ operation: 'endExpired' }));
			expect(ended.map((item) => item.json)).toEqual([
				expect.objectContaining({
					equipment: 'srv-old',
					active: false,
					start: '2020-01-01T00:00:00.000Z',
					end: '2020-01-01T01:00:00.000Z',
					reason: 'patch',
				}),
			]);
			expect(await runNode(local({ operation: 'endExpired' }))).toEqual([[]]);
		});

		it("Schedule Window reads the start in the given time zone, else the workflow's", async () => {
			const [[paris]] = await runNode(
				local({
					operation: 'scheduleWindow',
					equipment: 'srv-01',
					start: '2099-06-01 02:00',
					timeZone: 'Europe/Paris',
					reason: 'planned',
				}),
			);
			expect(paris.json).toMatchObject({
				active: false,
				start: '2099-06-01T00:00:00.000Z',
				end: '2099-06-01T02:00:00.000Z',
				nextStart: '2099-06-01T00:00:00.000Z',
				reason: 'planned',
				source: 'schedule',
			});
			const [[workflowZone]] = await runNode(
				local(
					{ operation: 'scheduleWindow', equipment: 'srv-02', start: '2099-06-01 02:00' },
					{ timezone: 'America/New_York' },
				),
			);
			expect(workflowZone.json).toMatchObject({ start: '2099-06-01T06:00:00.000Z' });
		});
	});
});
