// Maintenance Mode in a real n8n: activate from one workflow, filter in another, expire in a third,
// on the local store and on the Odoo test double.
import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { SqliteStore } from '../../nodes/shared/store/sqliteStore';
import { startOdooDouble, type OdooDouble } from '../support/odoo-double';
import {
	createCredential,
	createWorkflow,
	e2eInfo,
	nodeOutputs,
	nodeType,
	runWorkflow,
	sleep,
	type Execution,
} from './harness';
import { fetchSend } from '../support/fetchSend';

const TIMEOUT = 120_000;
const MAINTENANCE_MODE = nodeType('maintenanceMode');
/** Unique per run: the e2e n8n keeps one store file for every test. */
const RUN = `mm-e2e-${Date.now().toString(36)}`;

const trigger = {
	id: 'trigger',
	name: 'Manual Trigger',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

interface Credential {
	id: string;
	name: string;
}

function maintenanceNode(
	name: string,
	parameters: Record<string, unknown>,
	credential?: Credential,
) {
	return {
		id: `node-${name}`,
		name,
		type: MAINTENANCE_MODE,
		typeVersion: 1,
		position: [300, 0],
		parameters,
		...(credential ? { credentials: { odooMaintenanceApi: credential } } : {}),
	};
}

/** Manual Trigger -> one Maintenance Mode node. */
function singleNodeWorkflow(
	name: string,
	parameters: Record<string, unknown>,
	credential?: Credential,
): Promise<string> {
	return createWorkflow({
		name: `${RUN} ${name}`,
		nodes: [trigger, maintenanceNode('Maintenance Mode', parameters, credential)],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Maintenance Mode', type: 'main', index: 0 }]] },
		},
	});
}

/** Manual Trigger -> Code (one item per equipment) -> Filter Items -> "Monitor" / "Skip". */
function filterWorkflow(
	name: string,
	equipments: string[],
	backend: Record<string, unknown>,
	credential?: Credential,
): Promise<string> {
	const items = equipments.map((equipment, index) => ({
		json: { equipment, service: `svc-${index}` },
	}));
	const noOp = (id: string, y: number) => ({
		id,
		name: id,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [600, y],
		parameters: {},
	});
	return createWorkflow({
		name: `${RUN} ${name}`,
		nodes: [
			trigger,
			{
				id: 'services',
				name: 'Services',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [150, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)};` },
			},
			maintenanceNode(
				'Filter',
				{ ...backend, operation: 'filterItems', equipment: '={{ $json.equipment }}' },
				credential,
			),
			noOp('Monitor', -100),
			noOp('Skip', 100),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Services', type: 'main', index: 0 }]] },
			Services: { main: [[{ node: 'Filter', type: 'main', index: 0 }]] },
			Filter: {
				main: [
					[{ node: 'Monitor', type: 'main', index: 0 }],
					[{ node: 'Skip', type: 'main', index: 0 }],
				],
			},
		},
	});
}

async function succeeded(id: string): Promise<Execution> {
	const execution = await runWorkflow(id);
	expect({ status: execution.status, error: execution.data?.resultData.error?.message }).toEqual({
		status: 'success',
		error: undefined,
	});
	return execution;
}

/** A window long enough for the checks made while it is open, also when n8n answers slowly. */
const WINDOW_HOURS = 0.004;

/** Whether a node's run ended before `time`, started after it, or spanned it. */
function nodeRan(execution: Execution, node: string, time: number): 'before' | 'after' | 'during' {
	const [run] = execution.data?.resultData.runData[node] ?? [];
	const start = Number(run?.startTime);
	const finish = start + Number(run?.executionTime ?? 0);
	if (!Number.isFinite(start)) throw new Error(`${node} did not run in execution ${execution.id}`);
	if (finish < time) return 'before';
	return start > time ? 'after' : 'during';
}

async function filteredRun(id: string) {
	const execution = await succeeded(id);
	return { execution, result: filterResult(execution) };
}

/** [equipments on "Not in maintenance", equipments on "In maintenance"], also as the next nodes got them. */
async function filtered(id: string): Promise<[string[], string[]]> {
	return filterResult(await succeeded(id));
}

function filterResult(execution: Execution): [string[], string[]] {
	const [notIn, inMaintenance] = nodeOutputs(execution, 'Filter').map((items) =>
		items.map((item) => item.equipment as string),
	);
	const received = (node: string) =>
		execution.data?.resultData.runData[node]
			? nodeOutputs(execution, node)[0].map((item) => item.equipment as string)
			: [];
	expect(received('Monitor')).toEqual(notIn);
	expect(received('Skip')).toEqual(inMaintenance ?? []);
	return [notIn, inMaintenance ?? []];
}

async function storeRows(equipment: string) {
	const store = SqliteStore.open(e2eInfo().storePath);
	try {
		return await store.all('SELECT * FROM maintenance_windows WHERE equipment = ?', equipment);
	} finally {
		await store.close();
	}
}

describe('Maintenance Mode on the local store', () => {
	const down = `${RUN}-down`;
	const up = `${RUN}-up`;

	it(
		'activates in one workflow, filters in another and expires in a third',
		async () => {
			const activateId = await singleNodeWorkflow('activate', {
				backend: 'local',
				operation: 'activate',
				equipment: down,
				durationHours: WINDOW_HOURS,
				reason: 'e2e upgrade',
			});
			const filterId = await filterWorkflow('filter', [down, up], { backend: 'local' });
			const expireId = await singleNodeWorkflow('expire', {
				backend: 'local',
				operation: 'endExpired',
			});

			const [[activated]] = nodeOutputs(await succeeded(activateId), 'Maintenance Mode');
			expect(activated).toMatchObject({
				equipment: down,
				active: true,
				reason: 'e2e upgrade',
				source: 'manual',
				remainingMinutes: 1,
			});
			const end = Date.parse(activated.end);
			expect(end - Date.parse(activated.start)).toBe(WINDOW_HOURS * 3_600_000);
			expect(await storeRows(down)).toHaveLength(1);

			// On a busy machine a run can start after the window is over: each run is checked against the
			// time its node ran, never against the test's clock.
			const filterRun = await filteredRun(filterId);
			if (nodeRan(filterRun.execution, 'Filter', end) === 'before') {
				expect(filterRun.result).toEqual([[up], [down]]);
			}

			// End Expired has nothing of ours to end until the window is over.
			const earlyRun = await succeeded(expireId);
			if (nodeRan(earlyRun, 'Maintenance Mode', end) === 'before') {
				const [early] = nodeOutputs(earlyRun, 'Maintenance Mode');
				expect(early.filter((item) => item.equipment === down)).toEqual([]);
			}
			await sleep(Math.max(0, end - Date.now() + 50));
			const [ended] = nodeOutputs(await succeeded(expireId), 'Maintenance Mode');
			expect(ended.filter((item) => item.equipment === down)).toEqual([
				expect.objectContaining({
					equipment: down,
					active: false,
					start: activated.start,
					end: activated.end,
					reason: 'e2e upgrade',
				}),
			]);
			const [again] = nodeOutputs(await succeeded(expireId), 'Maintenance Mode');
			expect(again.filter((item) => item.equipment === down)).toEqual([]);
			expect(await storeRows(down)).toEqual([expect.objectContaining({ ended_at: activated.end })]);

			expect(await filtered(filterId)).toEqual([[down, up], []]);
		},
		TIMEOUT,
	);
});

describe('Maintenance Mode against the Odoo double', () => {
	let odoo: OdooDouble;
	let admin: OdooClient;
	let credential: Credential;
	const down = `${RUN}-odoo-down`;
	const up = `${RUN}-odoo-up`;

	beforeAll(async () => {
		odoo = await startOdooDouble();
		admin = createOdooClient(
			{
				url: odoo.url,
				db: odoo.db,
				username: odoo.admin.login,
				secret: odoo.admin.password,
				api: 'jsonrpc',
			},
			fetchSend,
		);
		await admin.create('maintenance.equipment', { name: down });
		await admin.create('maintenance.equipment', { name: up });
		await admin.call('ir.config_parameter', 'set_param', {
			kwargs: {
				key: 'maintenance_service_http_monitoring.maintenance_mode_duration',
				value: '0.5',
			},
		});
		credential = await createCredential(`${RUN} Odoo double`, 'odooMaintenanceApi', {
			url: odoo.url,
			db: odoo.db,
			username: odoo.admin.login,
			password: odoo.admin.apiKey,
			api: 'json2',
		});
	});

	afterAll(async () => {
		await odoo?.close();
	});

	it(
		'activates in one workflow and filters in another',
		async () => {
			const mark = odoo.requests.length;
			const activateId = await singleNodeWorkflow(
				'odoo activate',
				{ backend: 'odoo', operation: 'activate', equipment: down, reason: 'Firmware <2.1>' },
				credential,
			);
			const filterId = await filterWorkflow(
				'odoo filter',
				[down, up],
				{ backend: 'odoo' },
				credential,
			);

			const [[activated]] = nodeOutputs(await succeeded(activateId), 'Maintenance Mode');
			expect(activated).toMatchObject({
				equipment: down,
				active: true,
				reason: 'Firmware <2.1>',
				source: 'odoo',
			});
			// The duration came from the Odoo system parameter (0.5 h), not the node's 4 h.
			expect(Date.parse(activated.end) - Date.parse(activated.start)).toBe(30 * 60_000);
			const equipment = odoo.state
				.rows('maintenance.equipment')
				.find((row) => row.name === down) as { id: number };
			expect(odoo.state.rows('maintenance.request')).toEqual([
				expect.objectContaining({
					name: `[Maintenance mode] ${down}`,
					equipment_id: equipment.id,
					maintenance_type: 'preventive',
					schedule_date: activated.start.slice(0, 19).replace('T', ' '),
					schedule_end: activated.end.slice(0, 19).replace('T', ' '),
					description: '<p>Firmware &lt;2.1&gt;</p>',
				}),
			]);
			const calls = odoo.requests.slice(mark).filter((entry) => entry.call);
			expect(calls.length).toBeGreaterThan(0);
			expect(calls.filter((entry) => entry.protocol !== 'json2')).toEqual([]);

			expect(await filtered(filterId)).toEqual([[up], [down]]);
		},
		TIMEOUT,
	);

	it(
		'fails on bad input without calling Odoo',
		async () => {
			const id = await singleNodeWorkflow(
				'odoo bad duration',
				{ backend: 'odoo', operation: 'activate', equipment: up, durationHours: -1 },
				credential,
			);
			const before = odoo.requests.length;
			const execution = await runWorkflow(id);
			expect(execution.status).toBe('error');
			expect(execution.data?.resultData.error?.message).toBe(
				'The parameter "Duration (Hours)" is invalid: expected a positive number of hours, got -1',
			);
			expect(odoo.requests.length).toBe(before);
		},
		TIMEOUT,
	);
});

describe('Maintenance Mode rejects bad input in a real n8n', () => {
	const cases: Array<[string, Record<string, unknown>, string]> = [
		[
			'negative duration',
			{ operation: 'activate', durationHours: -2 },
			'The parameter "Duration (Hours)" is invalid: expected a positive number of hours, got -2',
		],
		[
			'non-numeric duration',
			{ operation: 'activate', durationHours: '={{ "soon" }}' },
			'The parameter "Duration (Hours)" is invalid: expected a positive number of hours, got "soon"',
		],
		[
			'empty equipment',
			{ operation: 'activate', equipment: '={{ $json.nothing }}' },
			'The parameter "Equipment" is empty',
		],
		[
			'unknown time zone',
			{ operation: 'scheduleWindow', start: '2099-01-04 02:00', timeZone: 'Mars/Olympus_Mons' },
			'The parameter "Time Zone" is invalid: expected an IANA time zone such as "Europe/Paris", got "Mars/Olympus_Mons"',
		],
		[
			'repeat end before start',
			{
				operation: 'scheduleWindow',
				start: '2099-01-04 02:00',
				timeZone: 'UTC',
				weekdays: [7],
				until: '2098-12-31',
			},
			'The parameter "Repeat Until" is invalid: must not be before start',
		],
	];

	it(
		'fails the execution with an error naming the parameter, and writes nothing',
		async () => {
			const runs = cases.map(async ([name, parameters, message], index) => {
				const equipment = `${RUN}-bad-${index}`;
				const id = await singleNodeWorkflow(`bad input: ${name}`, {
					backend: 'local',
					equipment,
					...parameters,
				});
				const execution = await runWorkflow(id);
				return {
					name,
					status: execution.status,
					message: execution.data?.resultData.error?.message,
					equipment,
					expected: message,
				};
			});
			for (const result of await Promise.all(runs)) {
				expect({ name: result.name, status: result.status }).toEqual({
					name: result.name,
					status: 'error',
				});
				expect(result.message).toContain(result.expected);
				expect(await storeRows(result.equipment)).toEqual([]);
			}
			expect(await storeRows('')).toEqual([]);
		},
		TIMEOUT,
	);
});
