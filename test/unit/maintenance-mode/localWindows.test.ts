import { localBackend } from '../../../nodes/MaintenanceMode/backends/local';
import { BACKENDS, countRows, openTestStore } from '../../support/stores';

const T0 = '2026-11-23T10:00:00.000Z';
const ms = (offset: number) => new Date(Date.parse(T0) + offset).toISOString();

// Executions read the clock before they get the store's write lock, so the one that commits first
// may carry the later time: the store must still see one window, not a future one next to a new one.
describe.each(BACKENDS)(
	'Local backend on %s: executions whose clock reads arrive out of order',
	(name) => {
		async function setup() {
			const store = await openTestStore(name);
			return { backend: localBackend(store), count: () => countRows(store, 'maintenance_windows') };
		}

		it('an activation timed just before the running window started extends it', async () => {
			const { backend, count } = await setup();
			await backend.activate('srv-01', 1, '', ms(5));
			expect(await backend.activate('srv-01', 2, '', ms(0))).toMatchObject({
				active: true,
				start: ms(5),
				end: ms(5 + 2 * 3_600_000),
			});
			expect(await count()).toBe(1);
		});

		it('a deactivation timed just before the window started still ends it', async () => {
			const { backend } = await setup();
			await backend.activate('srv-01', 1, '', ms(5));
			expect(await backend.deactivate('srv-01', ms(0))).toMatchObject({
				active: false,
				end: ms(5),
			});
			expect(await backend.status('srv-01', ms(10))).toMatchObject({ active: false, start: null });
		});

		it('a future scheduled window is not mistaken for a running one', async () => {
			const { backend, count } = await setup();
			await backend.schedule(
				'srv-01',
				{ start: '2026-11-23T12:00:00Z', durationHours: 1, timeZone: 'UTC' },
				'',
				T0,
			);
			expect(await backend.activate('srv-01', 1, '', T0)).toMatchObject({
				start: T0,
				source: 'manual',
			});
			expect(await count()).toBe(2);
			await backend.deactivate('srv-01', ms(1000));
			expect(await backend.status('srv-01', '2026-11-23T12:30:00.000Z')).toMatchObject({
				active: true,
				source: 'schedule',
			});
		});
	},
);
