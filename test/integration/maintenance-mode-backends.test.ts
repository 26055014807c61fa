import { localBackend } from '../../nodes/MaintenanceMode/backends/local';
import { DURATION_PARAMETER, odooBackend } from '../../nodes/MaintenanceMode/backends/odoo';
import type { MaintenanceBackend } from '../../nodes/MaintenanceMode/backends/types';
import { InvalidParameterError } from '../../nodes/shared/errors';
import { createOdooClient, type OdooClient } from '../../nodes/shared/odoo/client';
import { UnknownEquipmentError } from '../../nodes/shared/odoo/equipment';
import type { OdooApiMode, OdooValue } from '../../nodes/shared/odoo/types';
import { openTestStore, type Backend } from '../support/stores';
import { DEFAULT_DURATION_HOURS } from '../../nodes/shared/time/maintenanceWindow';
import { startOdooDouble, type LoggedRequest, type OdooDouble } from '../support/odoo-double';
import { float } from '../support/odoo-double/models/fields';

const T0 = '2026-11-23T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
/** An instant as Odoo stores it. */
const odooAt = (minutes: number) => at(minutes).slice(0, 19).replace('T', ' ');

const REQUEST = 'maintenance.request';
const REPAIRED = 3;

/** What the behavioural suite needs from each backend under test. */
interface Subject {
	backend: MaintenanceBackend;
	/** `source` of a window made by Activate, and by Schedule Window. */
	manualSource: string;
	scheduledSource: string;
	/** Makes sure the equipment exists (Odoo) and returns how to refer to it. */
	equipment(name: string): Promise<string>;
	/** Stored windows of the equipment, ended or not. */
	windowCount(equipment: string): Promise<number>;
}

let odoo: OdooDouble;
let admin: OdooClient;

beforeAll(async () => {
	odoo = await startOdooDouble();
});

afterAll(async () => {
	await odoo.close();
});

function odooClient(api: OdooApiMode, user: 'admin' | 'tech' = 'admin'): OdooClient {
	const account = odoo[user];
	return createOdooClient({
		url: odoo.url,
		db: odoo.db,
		username: account.login,
		secret: api === 'json2' ? account.apiKey : account.password,
		api,
	});
}

async function createEquipment(name: string): Promise<number> {
	return admin.create('maintenance.equipment', { name });
}

function requestRows(equipmentName?: string) {
	const equipment = odoo.state
		.rows('maintenance.equipment')
		.find((row) => row.name === equipmentName);
	return odoo.state
		.rows(REQUEST)
		.filter((row) => equipmentName === undefined || row.equipment_id === equipment?.id);
}

async function localSubject(storeBackend: Backend): Promise<Subject> {
	const store = await openTestStore(storeBackend);
	return {
		backend: localBackend(store),
		manualSource: 'manual',
		scheduledSource: 'schedule',
		equipment: async (name) => name,
		windowCount: async (equipment) =>
			Number(
				(
					await store.get(
						'SELECT count(*) AS n FROM maintenance_windows WHERE equipment = ?',
						equipment,
					)
				)?.n,
			),
	};
}

function odooSubject(api: OdooApiMode): Subject {
	return {
		backend: odooBackend(odooClient(api)),
		manualSource: 'odoo',
		scheduledSource: 'odoo',
		equipment: async (name) => {
			await createEquipment(name);
			return name;
		},
		windowCount: async (equipment) => requestRows(equipment).length,
	};
}

const subjects: Array<[string, () => Subject | Promise<Subject>]> = [
	['Local (SQLite store)', () => localSubject('sqlite')],
	['Local (PostgreSQL store)', () => localSubject('postgres')],
	['Odoo over JSON-RPC', () => odooSubject('jsonrpc')],
	['Odoo over JSON-2', () => odooSubject('json2')],
];

describe.each(subjects)('%s backend', (name, makeSubject) => {
	let subject: Subject;
	let backend: MaintenanceBackend;

	beforeEach(async () => {
		await odoo.reset();
		admin = odooClient('jsonrpc');
		subject = await makeSubject();
		backend = subject.backend;
	});

	it('activates for 4 hours by default, with the reason', async () => {
		const srv = await subject.equipment('srv-01');
		const hours = await backend.defaultDurationHours(DEFAULT_DURATION_HOURS);
		expect(hours).toBe(4);
		expect(await backend.activate(srv, hours, 'Kernel upgrade', T0)).toMatchObject({
			equipment: 'srv-01',
			active: true,
			start: T0,
			end: at(240),
			remainingMinutes: 240,
			reason: 'Kernel upgrade',
			source: subject.manualSource,
		});
		expect(await backend.status(srv, at(60))).toMatchObject({
			active: true,
			end: at(240),
			remainingMinutes: 180,
			reason: 'Kernel upgrade',
		});
		expect(await backend.status(srv, at(240))).toMatchObject({
			active: false,
			remainingMinutes: 0,
		});
	});

	it('extends the running window when activated again, with no second record', async () => {
		const srv = await subject.equipment('srv-01');
		await backend.activate(srv, 4, 'first', T0);
		expect(await backend.activate(srv, 4, '', at(120))).toMatchObject({
			active: true,
			start: T0,
			end: at(360),
			reason: 'first',
		});
		// A shorter activation never shortens it; a new reason replaces the old one.
		expect(await backend.activate(srv, 1, 'second', at(130))).toMatchObject({
			start: T0,
			end: at(360),
			reason: 'second',
		});
		expect(await subject.windowCount('srv-01')).toBe(1);
	});

	it('starts a new window when the previous one has expired', async () => {
		const srv = await subject.equipment('srv-01');
		await backend.activate(srv, 1, '', T0);
		expect(await backend.activate(srv, 1, '', at(90))).toMatchObject({
			active: true,
			start: at(90),
			end: at(150),
		});
		expect(await subject.windowCount('srv-01')).toBe(2);
	});

	it('deactivates now: the equipment is no longer in maintenance', async () => {
		const srv = await subject.equipment('srv-01');
		await backend.activate(srv, 4, 'patch', T0);
		expect(await backend.deactivate(srv, at(30))).toMatchObject({
			equipment: 'srv-01',
			active: false,
			start: T0,
			end: at(30),
			remainingMinutes: 0,
		});
		expect(await backend.status(srv, at(30))).toMatchObject({ active: false });
		expect(await backend.status(srv, at(31))).toMatchObject({ active: false, start: null });
		expect(await backend.listActive(at(31))).toEqual([]);
		// Deactivating again changes nothing.
		expect(await backend.deactivate(srv, at(40))).toMatchObject({ active: false, end: null });
	});

	it('reports an equipment that was never in maintenance as not in maintenance', async () => {
		const srv = await subject.equipment('srv-idle');
		expect(await backend.status(srv, T0)).toEqual({
			equipment: 'srv-idle',
			active: false,
			start: null,
			end: null,
			remainingMinutes: 0,
			reason: '',
			source: null,
			nextStart: null,
		});
	});

	it('lists the equipment in maintenance now', async () => {
		const [a, b, c] = [
			await subject.equipment('srv-a'),
			await subject.equipment('srv-b'),
			await subject.equipment('srv-c'),
		];
		await backend.activate(a, 1, 'a', T0);
		await backend.activate(b, 2, 'b', T0);
		await backend.activate(c, 3, 'c', T0);
		await backend.deactivate(b, at(10));
		const active = await backend.listActive(at(20));
		expect(active.map((status) => [status.equipment, status.end]).sort()).toEqual([
			['srv-a', at(60)],
			['srv-c', at(180)],
		]);
		expect(active.every((status) => status.active)).toBe(true);
		expect((await backend.listActive(at(61))).map((status) => status.equipment)).toEqual(['srv-c']);
	});

	it('gives the statuses of many equipments at once, for Filter Items', async () => {
		const a = await subject.equipment('srv-a');
		const b = await subject.equipment('srv-b');
		await backend.activate(a, 1, '', T0);
		const statuses = await backend.statuses([a, b, a], at(10));
		expect([...statuses.entries()].map(([key, status]) => [key, status.active])).toEqual([
			[a, true],
			[b, false],
		]);
	});

	it('ends expired windows and reports each of them once', async () => {
		const a = await subject.equipment('srv-a');
		const b = await subject.equipment('srv-b');
		await backend.activate(a, 1, 'patch', T0);
		await backend.activate(b, 3, '', T0);
		expect(await backend.endExpired(at(59))).toEqual([]);
		// Windows are half-open: at its end, a window is over.
		expect(await backend.status(a, at(60))).toMatchObject({ active: false });
		const ended = await backend.endExpired(at(60));
		expect(ended).toEqual([
			expect.objectContaining({
				equipment: 'srv-a',
				active: false,
				start: T0,
				end: at(60),
				remainingMinutes: 0,
				reason: 'patch',
			}),
		]);
		expect(await backend.endExpired(at(62))).toEqual([]);
		expect((await backend.listActive(at(62))).map((status) => status.equipment)).toEqual(['srv-b']);
		// An expired window that was ended is not extended by a new activation: a new one starts.
		expect(await backend.activate(a, 1, '', at(70))).toMatchObject({ start: at(70) });
	});

	it('schedules a future one-off window in a time zone', async () => {
		const srv = await subject.equipment('srv-01');
		// 02:00 in Paris on 24 November (CET, UTC+1) is 01:00 UTC.
		const spec = { start: '2026-11-24 02:00', durationHours: 2, timeZone: 'Europe/Paris' };
		expect(await backend.schedule(srv, spec, 'planned', T0)).toMatchObject({
			equipment: 'srv-01',
			active: false,
			start: '2026-11-24T01:00:00.000Z',
			end: '2026-11-24T03:00:00.000Z',
			nextStart: '2026-11-24T01:00:00.000Z',
			reason: 'planned',
			source: subject.scheduledSource,
		});
		expect(await backend.status(srv, '2026-11-24T00:59:59.000Z')).toMatchObject({ active: false });
		expect(await backend.status(srv, '2026-11-24T01:30:00.000Z')).toMatchObject({
			active: true,
			end: '2026-11-24T03:00:00.000Z',
			remainingMinutes: 90,
			reason: 'planned',
			source: subject.scheduledSource,
		});
		expect(await backend.status(srv, '2026-11-24T03:00:00.000Z')).toMatchObject({ active: false });
	});

	if (name.startsWith('Local')) {
		it('schedules a weekly window that follows the local clock across daylight saving', async () => {
			const srv = await subject.equipment('srv-01');
			// Sundays 03:30-04:30 in New York from 1 March 2026; DST starts on Sunday 8 March at 02:00.
			const spec = {
				start: '2026-03-01 03:30',
				durationHours: 1,
				timeZone: 'America/New_York',
				weekdays: [7],
			};
			await backend.schedule(srv, spec, 'weekly', '2026-02-28T00:00:00.000Z');
			// 03:30 EST = 08:30 UTC; a week later 03:30 EDT = 07:30 UTC.
			expect(await backend.status(srv, '2026-03-01T08:45:00.000Z')).toMatchObject({ active: true });
			expect(await backend.status(srv, '2026-03-08T08:45:00.000Z')).toMatchObject({
				active: false,
				nextStart: '2026-03-15T07:30:00.000Z',
			});
			expect(await backend.status(srv, '2026-03-08T07:45:00.000Z')).toMatchObject({
				active: true,
				start: '2026-03-08T07:30:00.000Z',
				end: '2026-03-08T08:30:00.000Z',
				reason: 'weekly',
				source: 'schedule',
			});
		});
	} else {
		it('refuses weekly windows with a clear error naming the weekdays, writing nothing', async () => {
			const srv = await subject.equipment('srv-01');
			const weekly = {
				start: '2026-11-24 02:00',
				durationHours: 2,
				timeZone: 'UTC',
				weekdays: [1],
			};
			const error = await backend.schedule(srv, weekly, '', T0).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(InvalidParameterError);
			expect(error).toMatchObject({ parameter: 'weekdays' });
			expect(backend.recurringWindows).toBe(false);
			expect(requestRows()).toEqual([]);
		});
	}
});

/** The values a create or write sent to maintenance.request, whatever the protocol. */
function sentVals(
	entry: LoggedRequest,
): { method: string; vals: Record<string, OdooValue> } | null {
	if (entry.call !== `${REQUEST}.create` && entry.call !== `${REQUEST}.write`) return null;
	const method = entry.call.split('.').pop() as string;
	const body = entry.body as Record<string, any>;
	if (entry.protocol === 'json2') {
		return { method, vals: method === 'create' ? body.vals_list[0] : body.vals };
	}
	const args = body.params.args[5] as any[];
	return { method, vals: method === 'create' ? args[0] : args[1] };
}

/** Every string in a request body that looks like a date. */
function dateStrings(value: unknown): string[] {
	if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? [value] : [];
	if (Array.isArray(value)) return value.flatMap(dateStrings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(dateStrings);
	return [];
}

describe.each<[string, OdooApiMode]>([
	['JSON-RPC', 'jsonrpc'],
	['JSON-2', 'json2'],
])('Odoo backend over %s', (_name, api) => {
	let backend: MaintenanceBackend;

	beforeEach(async () => {
		await odoo.reset();
		admin = odooClient('jsonrpc');
		backend = odooBackend(odooClient(api));
	});

	it('keeps one preventive "[Maintenance mode]" request per window and extends it', async () => {
		const id = await createEquipment('srv-01');
		await backend.activate('srv-01', 4, 'Kernel <upgrade> & reboot', T0);
		await backend.activate('srv-01', 4, '', at(120));
		const rows = requestRows('srv-01');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			name: '[Maintenance mode] srv-01',
			equipment_id: id,
			maintenance_type: 'preventive',
			schedule_date: odooAt(0),
			schedule_end: odooAt(360),
			stage_id: 1,
			description: '<p>Kernel &lt;upgrade&gt; &amp; reboot</p>',
		});
		expect(await backend.status('srv-01', T0)).toMatchObject({
			reason: 'Kernel <upgrade> & reboot',
		});
	});

	it('two executions activating at once leave one running window with the later end', async () => {
		await createEquipment('srv-01');
		const [first, second] = [odooBackend(odooClient(api)), odooBackend(odooClient(api))];
		await Promise.all([
			first.activate('srv-01', 4, '', T0),
			second.activate('srv-01', 5, '', at(1)),
		]);
		const open = requestRows('srv-01').filter((row) => row.stage_id !== REPAIRED);
		expect(open).toEqual([expect.objectContaining({ schedule_end: odooAt(301) })]);
		expect(await backend.status('srv-01', at(2))).toMatchObject({ active: true, end: at(301) });
		expect(await backend.listActive(at(2))).toHaveLength(1);
		// A duplicate that lost the race is closed without counting as maintenance.
		for (const row of requestRows('srv-01').filter((candidate) => candidate.id !== open[0].id)) {
			expect(row).toMatchObject({ stage_id: REPAIRED, schedule_end: row.schedule_date });
		}
		expect(await backend.endExpired(at(400))).toHaveLength(1);
	});

	it('deactivates by ending the request now in the first done stage', async () => {
		await createEquipment('srv-01');
		await backend.activate('srv-01', 4, '', T0);
		await backend.deactivate('srv-01', at(30));
		expect(requestRows('srv-01')).toEqual([
			expect.objectContaining({
				schedule_date: odooAt(0),
				schedule_end: odooAt(30),
				stage_id: REPAIRED,
			}),
		]);
	});

	it("leaves no open to-do behind a finished window (deactivated, merged or expired), on the technician's list either", async () => {
		const equipment = await createEquipment('srv-01');
		// A technician on the equipment: the windows are assigned to them, not to the caller.
		await admin.write('maintenance.equipment', [equipment], { technician_user_id: odoo.tech.uid });
		const openTodos = () =>
			odoo.state
				.rows('mail.activity')
				.filter((row) => row.res_model === REQUEST && row.active !== false);

		await backend.activate('srv-01', 4, '', T0);
		// While the window runs, Odoo's own to-do is there, for the technician.
		expect(openTodos()).toEqual([
			expect.objectContaining({ user_id: odoo.tech.uid, date_deadline: T0.slice(0, 10) }),
		]);
		await backend.deactivate('srv-01', at(30));
		expect(openTodos()).toEqual([]);

		await backend.activate('srv-01', 1, '', at(40));
		expect(await backend.endExpired(at(200))).toHaveLength(1);
		expect(openTodos()).toEqual([]);

		const [first, second] = [odooBackend(odooClient(api)), odooBackend(odooClient(api))];
		await Promise.all([
			first.activate('srv-01', 4, '', at(300)),
			second.activate('srv-01', 5, '', at(301)),
		]);
		await backend.deactivate('srv-01', at(320));
		expect(openTodos()).toEqual([]);
		// Odoo marked the first to-do of each window done (its history stays).
		expect(
			odoo.state.rows('mail.activity').filter((row) => row.active === false).length,
		).toBeGreaterThanOrEqual(2);
	});

	it('uses the first done stage by sequence, whatever its id', async () => {
		await admin.write('maintenance.stage', [4], { sequence: 0 });
		await createEquipment('srv-01');
		await backend.activate('srv-01', 1, '', T0);
		await backend.deactivate('srv-01', at(5));
		await backend.activate('srv-01', 1, '', at(10));
		await backend.endExpired(at(80));
		expect(requestRows('srv-01').map((row) => row.stage_id)).toEqual([4, 4]);
	});

	it('moves expired windows to the done stage, keeping their end', async () => {
		await createEquipment('srv-01');
		await backend.activate('srv-01', 1, '', T0);
		expect(await backend.endExpired(at(61))).toHaveLength(1);
		expect(requestRows('srv-01')).toEqual([
			expect.objectContaining({ schedule_end: odooAt(60), stage_id: REPAIRED }),
		]);
	});

	it('finds equipment by ID and reports it by name', async () => {
		const id = await createEquipment('srv-by-id');
		expect(await backend.activate(String(id), 1, '', T0)).toMatchObject({
			equipment: 'srv-by-id',
			active: true,
		});
		expect((await backend.statuses([String(id)], at(1))).get(String(id))).toMatchObject({
			active: true,
		});
	});

	it('names an unknown equipment in a clear error and never creates a record', async () => {
		await createEquipment('srv-known');
		const equipmentBefore = odoo.state.rows('maintenance.equipment').length;
		const mark = odoo.calls().length;
		const spec = { start: '2026-11-24 02:00', durationHours: 2, timeZone: 'UTC' };
		for (const attempt of [
			backend.activate('srv-unknown', 4, '', T0),
			backend.deactivate('srv-unknown', T0),
			backend.status('srv-unknown', T0),
			backend.schedule('srv-unknown', spec, '', T0),
			backend.activate('9999', 4, '', T0),
		]) {
			const error = await attempt.catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(UnknownEquipmentError);
			expect((error as Error).message).toMatch(
				/^Equipment "(srv-unknown|9999)" does not exist in Odoo/,
			);
		}
		// For filtering, an unknown equipment is simply not in maintenance.
		const statuses = await backend.statuses(['srv-unknown', 'srv-known'], T0);
		expect(statuses.get('srv-unknown')).toMatchObject({ equipment: 'srv-unknown', active: false });
		expect(statuses.get('srv-known')).toMatchObject({ active: false });
		expect(odoo.state.rows('maintenance.equipment')).toHaveLength(equipmentBefore);
		expect(requestRows()).toEqual([]);
		expect(odoo.calls().slice(mark)).not.toContain('maintenance.equipment.create');
	});

	describe('preventive requests planned by Odoo users', () => {
		let tech: OdooClient;
		beforeEach(() => {
			tech = odooClient(api === 'json2' ? 'json2' : 'jsonrpc', 'tech');
		});

		async function plan(equipmentId: number, vals: Record<string, OdooValue>) {
			return tech.create(REQUEST, {
				name: 'Disk replacement',
				equipment_id: equipmentId,
				maintenance_type: 'preventive',
				schedule_date: odooAt(-30),
				schedule_end: odooAt(90),
				description: '<p>Swap <b>disk 2</b></p>',
				...vals,
			});
		}

		it('count as maintenance for status, filtering and listing', async () => {
			const planned = await createEquipment('srv-planned');
			await plan(planned, {});
			const expected = {
				equipment: 'srv-planned',
				active: true,
				start: at(-30),
				end: at(90),
				remainingMinutes: 90,
				reason: 'Swap disk 2',
				source: 'odoo',
			};
			expect(await backend.status('srv-planned', T0)).toMatchObject(expected);
			expect((await backend.statuses(['srv-planned'], T0)).get('srv-planned')).toMatchObject(
				expected,
			);
			expect(await backend.listActive(T0)).toEqual([expect.objectContaining(expected)]);
			expect(await backend.status('srv-planned', at(90))).toMatchObject({ active: false });
		});

		it('do not count when corrective, done, archived or not yet started', async () => {
			const names = ['srv-corrective', 'srv-done', 'srv-archived', 'srv-later'];
			const ids = await Promise.all(names.map((name) => createEquipment(name)));
			await plan(ids[0], { maintenance_type: 'corrective' });
			await plan(ids[1], { stage_id: REPAIRED });
			await plan(ids[2], { archive: true });
			await plan(ids[3], { schedule_date: odooAt(60), schedule_end: odooAt(120) });
			const statuses = await backend.statuses(names, T0);
			expect(names.map((name) => statuses.get(name)?.active)).toEqual([false, false, false, false]);
			expect(statuses.get('srv-later')).toMatchObject({ nextStart: at(60), end: at(120) });
			expect(await backend.listActive(T0)).toEqual([]);
		});

		it('are left alone by Activate and End Expired; Deactivate ends them too', async () => {
			const id = await createEquipment('srv-planned');
			const planned = await plan(id, {});
			// Activating during the planned window adds our own window, which outlasts it.
			expect(await backend.activate('srv-planned', 4, 'ours', T0)).toMatchObject({
				active: true,
				end: at(240),
				reason: 'ours',
			});
			expect(odoo.state.row(REQUEST, planned)).toMatchObject({
				schedule_end: odooAt(90),
				stage_id: 1,
			});
			expect((await backend.endExpired(at(100))).map((status) => status.equipment)).toEqual([]);
			expect(odoo.state.row(REQUEST, planned)).toMatchObject({ stage_id: 1 });
			// Deactivating takes the equipment out of maintenance, whoever planned the window.
			const early = await createEquipment('srv-early');
			const running = await plan(early, {});
			await backend.deactivate('srv-early', T0);
			expect(odoo.state.row(REQUEST, running)).toMatchObject({
				schedule_end: odooAt(0),
				stage_id: REPAIRED,
			});
			expect(await backend.status('srv-early', T0)).toMatchObject({ active: false });
		});
	});

	it('sends every datetime to Odoo as UTC "YYYY-MM-DD HH:MM:SS"', async () => {
		await createEquipment('srv-01');
		const mark = odoo.requests.length;
		const now = '2026-11-23T10:00:00.750Z';
		await backend.activate('srv-01', 4, '', now);
		await backend.activate('srv-01', 5, '', '2026-11-23T10:30:00.250Z');
		await backend.schedule(
			'srv-01',
			{ start: '2026-11-24 02:00', durationHours: 2, timeZone: 'Europe/Paris' },
			'',
			now,
		);
		await backend.deactivate('srv-01', '2026-11-23T11:15:30.999Z');
		await backend.listActive(now);
		await backend.endExpired('2026-11-24T05:00:00.000Z');
		const requests = odoo.requests.slice(mark);
		const writes = requests.flatMap((entry) => sentVals(entry) ?? []);
		expect(
			writes.map(({ method, vals }) => [method, vals.schedule_date, vals.schedule_end]),
		).toEqual([
			['create', '2026-11-23 10:00:00', '2026-11-23 14:00:00'],
			['write', undefined, '2026-11-23 15:30:00'],
			['create', '2026-11-24 01:00:00', '2026-11-24 03:00:00'],
			['write', undefined, '2026-11-23 11:15:30'],
			['write', undefined, undefined],
		]);
		const dates = requests.flatMap((entry) => dateStrings(entry.body));
		expect(dates.length).toBeGreaterThanOrEqual(6);
		for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		// Odoo would have refused anything else: every call succeeded.
		expect(requests.filter((entry) => entry.failure)).toEqual([]);
	});

	describe('default duration', () => {
		async function setParameter(value: string | false) {
			await admin.call('ir.config_parameter', 'set_param', {
				kwargs: { key: DURATION_PARAMETER, value },
			});
		}

		it('comes from the system parameter when it is set and readable (admin)', async () => {
			await setParameter('6');
			expect(await backend.defaultDurationHours(4)).toBe(6);
			await createEquipment('srv-01');
			expect(
				await backend.activate('srv-01', await backend.defaultDurationHours(4), '', T0),
			).toMatchObject({
				end: at(360),
			});
			// Read once per execution.
			expect(odoo.calls().filter((call) => call === 'ir.config_parameter.get_param')).toHaveLength(
				1,
			);
		});

		it('accepts decimal hours', async () => {
			await setParameter(' 1.5 ');
			expect(await backend.defaultDurationHours(4)).toBe(1.5);
		});

		it('falls back to the node setting when the parameter is unset or unusable', async () => {
			expect(await backend.defaultDurationHours(4)).toBe(4);
			for (const value of ['0', '-2', 'abc', '1e3']) {
				await setParameter(value);
				expect(await odooBackend(odooClient(api)).defaultDurationHours(3)).toBe(3);
			}
		});

		it('falls back to the node setting when the user may not read system parameters', async () => {
			await setParameter('6');
			await expect(
				odooClient(api, 'tech').call('ir.config_parameter', 'get_param', {
					kwargs: { key: DURATION_PARAMETER },
				}),
			).rejects.toMatchObject({ kind: 'access', odooName: 'odoo.exceptions.AccessError' });
			const techBackend = odooBackend(odooClient(api, 'tech'));
			const mark = odoo.requests.length;
			expect(await techBackend.defaultDurationHours(2)).toBe(2);
			expect(odoo.calls().slice(-1)).toEqual(['ir.config_parameter.get_param']);
			expect(odoo.requests.length).toBeGreaterThan(mark);
			// The same user can still create and end windows.
			await createEquipment('srv-01');
			expect(await techBackend.activate('srv-01', 2, '', T0)).toMatchObject({ end: at(120) });
			expect(await techBackend.deactivate('srv-01', at(1))).toMatchObject({ end: at(1) });
		});
	});
});

describe('Odoo backend on a server without schedule_end (before Odoo 17)', () => {
	let legacy: OdooDouble;
	let backend: MaintenanceBackend;

	beforeAll(async () => {
		legacy = await startOdooDouble({ version: '16.0' });
	});

	afterAll(async () => {
		await legacy.close();
	});

	beforeEach(async () => {
		await legacy.reset();
		// The double models Odoo 19. Odoo 16's maintenance.request has no schedule_end, and its
		// duration is a plain float in hours that clients write.
		const model = legacy.state.requireModel(REQUEST);
		delete model.fields.schedule_end;
		model.fields.duration = float('Duration');
		const beforeCreate = model.beforeCreate;
		const beforeWrite = model.beforeWrite;
		model.beforeCreate = (env, row) => {
			beforeCreate?.(env, row);
			delete row.schedule_end;
		};
		model.beforeWrite = (env, row, vals) => {
			beforeWrite?.(env, row, vals);
			delete vals.schedule_end;
		};
		const client = createOdooClient({
			url: legacy.url,
			db: legacy.db,
			username: legacy.admin.login,
			secret: legacy.admin.password,
			api: 'auto',
		});
		await client.create('maintenance.equipment', { name: 'srv-16' });
		backend = odooBackend(client);
	});

	it('writes duration instead of schedule_end and reads windows back from it', async () => {
		expect(await backend.activate('srv-16', 4, 'upgrade', T0)).toMatchObject({
			active: true,
			start: T0,
			end: at(240),
		});
		expect(await backend.activate('srv-16', 4, '', at(120))).toMatchObject({ end: at(360) });
		expect(await backend.status('srv-16', at(300))).toMatchObject({
			active: true,
			remainingMinutes: 60,
		});
		await backend.deactivate('srv-16', at(30));
		const rows = legacy.state.rows(REQUEST);
		expect(rows).toEqual([
			expect.objectContaining({ schedule_date: odooAt(0), duration: 0.5, stage_id: REPAIRED }),
		]);
		expect(rows[0]).not.toHaveProperty('schedule_end');
		const sent = legacy.requests.flatMap((entry) => sentVals(entry) ?? []);
		expect(sent.map(({ vals }) => [vals.duration, 'schedule_end' in vals])).toEqual([
			[4, false],
			[6, false],
			[0.5, false],
		]);
		expect(await backend.status('srv-16', at(31))).toMatchObject({ active: false });
	});

	it('ends expired windows by their duration', async () => {
		await backend.activate('srv-16', 1, '', T0);
		expect(await backend.endExpired(at(59))).toEqual([]);
		expect(await backend.endExpired(at(60))).toEqual([
			expect.objectContaining({ equipment: 'srv-16', end: at(60) }),
		]);
	});
});
