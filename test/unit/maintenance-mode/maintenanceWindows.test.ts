import { LocalMaintenanceWindows } from '../../../nodes/MaintenanceMode/backends/local';
import { BACKENDS, openTestStore } from '../../support/stores';

const T0 = '2026-11-23T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe.each(BACKENDS)('LocalMaintenanceWindows on %s', (backend) => {
	async function windows() {
		const store = await openTestStore(backend);
		return { store, windows: new LocalMaintenanceWindows(store) };
	}

	it('activates for the given hours and reports remaining minutes', async () => {
		const { windows: w } = await windows();
		const status = await w.activate('srv-01', 4, 'Kernel upgrade', T0);
		expect(status).toMatchObject({
			equipment: 'srv-01',
			active: true,
			start: T0,
			end: at(240),
			remainingMinutes: 240,
			reason: 'Kernel upgrade',
			source: 'manual',
		});
		expect(await w.status('srv-01', at(60))).toMatchObject({ active: true, remainingMinutes: 180 });
		expect(await w.status('srv-02', at(60))).toMatchObject({
			active: false,
			start: null,
			end: null,
		});
	});

	it('extends the running window when activated again, keeping its start', async () => {
		const { windows: w, store } = await windows();
		await w.activate('srv-01', 4, 'first', T0);
		const extended = await w.activate('srv-01', 4, '', at(120));
		expect(extended).toMatchObject({ start: T0, end: at(360), reason: 'first' });
		expect(Number((await store.get('SELECT count(*) AS n FROM maintenance_windows'))?.n)).toBe(1);
		// A shorter activation never shortens it.
		expect((await w.activate('srv-01', 1, '', at(130))).end).toBe(at(360));
	});

	it('deactivates now, and the equipment is no longer in maintenance', async () => {
		const { windows: w } = await windows();
		await w.activate('srv-01', 4, '', T0);
		expect(await w.deactivate('srv-01', at(30))).toMatchObject({ active: false, end: at(30) });
		expect((await w.status('srv-01', at(31))).active).toBe(false);
		expect(await w.listActive(at(31))).toEqual([]);
	});

	it('expires by itself and End Expired reports each ended window once', async () => {
		const { windows: w } = await windows();
		await w.activate('srv-01', 1, 'patch', T0);
		await w.activate('srv-02', 3, '', T0);
		expect((await w.status('srv-01', at(61))).active).toBe(false);
		expect(await w.endExpired(at(59))).toEqual([]);
		const ended = await w.endExpired(at(61));
		expect(ended).toHaveLength(1);
		expect(ended[0]).toMatchObject({
			equipment: 'srv-01',
			active: false,
			end: at(60),
			reason: 'patch',
		});
		expect(await w.endExpired(at(62))).toEqual([]);
		expect((await w.listActive(at(62))).map((s) => s.equipment)).toEqual(['srv-02']);
	});

	it('filters many equipments with one read', async () => {
		const { windows: w } = await windows();
		await w.activate('a', 1, '', T0);
		await w.activate('c', 1, '', T0);
		const statuses = await w.statuses(['a', 'b', 'c', 'a'], at(10));
		expect([...statuses.entries()].map(([k, v]) => [k, v.active])).toEqual([
			['a', true],
			['b', false],
			['c', true],
		]);
	});

	it('schedules a future one-off window that becomes active at its start', async () => {
		const { windows: w } = await windows();
		const planned = await w.schedule(
			'srv-01',
			{ start: '2026-11-24 02:00', durationHours: 2, timeZone: 'Europe/Paris' },
			'planned',
			T0,
		);
		expect(planned).toMatchObject({ active: false, nextStart: '2026-11-24T01:00:00.000Z' });
		expect(await w.status('srv-01', '2026-11-24T01:30:00.000Z')).toMatchObject({
			active: true,
			end: '2026-11-24T03:00:00.000Z',
			source: 'schedule',
		});
		expect(await w.endExpired('2026-11-24T03:00:00.000Z')).toHaveLength(1);
	});

	it('keeps a weekly window at the same local time across the Paris DST change', async () => {
		const { windows: w } = await windows();
		// Sundays 02:00-05:00 Paris: 00:00Z in summer time (CEST), 01:00Z after 2026-10-25 (CET).
		await w.schedule(
			'srv-01',
			{ start: '2026-10-18 02:00', durationHours: 3, timeZone: 'Europe/Paris', weekdays: [7] },
			'weekly',
			'2026-10-01T00:00:00.000Z',
		);
		expect(await w.status('srv-01', '2026-10-18T00:30:00.000Z')).toMatchObject({
			active: true,
			start: '2026-10-18T00:00:00.000Z',
		});
		expect((await w.status('srv-01', '2026-11-01T00:30:00.000Z')).active).toBe(false);
		expect(await w.status('srv-01', '2026-11-01T01:30:00.000Z')).toMatchObject({
			active: true,
			start: '2026-11-01T01:00:00.000Z',
			end: '2026-11-01T04:00:00.000Z',
		});
	});

	it('deactivating during a weekly occurrence ends only that occurrence', async () => {
		const { windows: w } = await windows();
		await w.schedule(
			'srv-01',
			{ start: '2026-11-22 02:00', durationHours: 3, timeZone: 'UTC', weekdays: [7] },
			'',
			'2026-11-01T00:00:00.000Z',
		);
		expect((await w.status('srv-01', '2026-11-22T03:00:00.000Z')).active).toBe(true);
		await w.deactivate('srv-01', '2026-11-22T03:00:00.000Z');
		expect((await w.status('srv-01', '2026-11-22T03:30:00.000Z')).active).toBe(false);
		expect((await w.status('srv-01', '2026-11-29T03:00:00.000Z')).active).toBe(true);
	});

	it('reports each finished weekly occurrence once from End Expired', async () => {
		const { windows: w } = await windows();
		await w.schedule(
			'srv-01',
			{ start: '2026-11-22 02:00', durationHours: 1, timeZone: 'UTC', weekdays: [7] },
			'',
			'2026-11-20T00:00:00.000Z',
		);
		expect(await w.endExpired('2026-11-22T02:30:00.000Z')).toEqual([]);
		expect(await w.endExpired('2026-11-22T03:05:00.000Z')).toMatchObject([
			{ equipment: 'srv-01', start: '2026-11-22T02:00:00.000Z', end: '2026-11-22T03:00:00.000Z' },
		]);
		expect(await w.endExpired('2026-11-22T04:00:00.000Z')).toEqual([]);
		expect(await w.endExpired('2026-11-29T03:30:00.000Z')).toHaveLength(1);
	});
});
