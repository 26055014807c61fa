import { getIpState, recordIpChange } from '../../../nodes/IpChangeTrigger/ipState';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { BACKENDS, openTestStore } from '../../support/stores';

const WINDOW = 60_000;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds)).toISOString();

describe.each(BACKENDS)('recordIpChange, %s store', (backend) => {
	let store: StateStore;

	beforeEach(async () => {
		store = await openTestStore(backend);
	});
	afterEach(() => store.close());

	it('starts with no known IP, then remembers the new one', async () => {
		expect(
			await recordIpChange(
				store,
				'a',
				{ old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) },
				WINDOW,
			),
		).toEqual({
			previousKnownIp: null,
			duplicate: false,
			outOfOrder: false,
		});
		expect(await getIpState(store, 'a')).toEqual({
			scope: 'a',
			currentIp: '2.2.2.2',
			previousIp: null,
			changedAt: at(0),
			lastOld: '1.1.1.1',
			lastNew: '2.2.2.2',
			lastReceivedAt: at(0),
		});
		expect(
			await recordIpChange(
				store,
				'a',
				{ old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(1) },
				WINDOW,
			),
		).toEqual({
			previousKnownIp: '2.2.2.2',
			duplicate: false,
			outOfOrder: false,
		});
		expect(await getIpState(store, 'a')).toMatchObject({
			currentIp: '3.3.3.3',
			previousIp: '2.2.2.2',
			changedAt: at(1),
		});
	});

	it('flags a repeat of the same change within the window as a duplicate and keeps the state', async () => {
		await recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		await recordIpChange(
			store,
			'a',
			{ old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(10) },
			WINDOW,
		);
		const repeat = await recordIpChange(
			store,
			'a',
			{ old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(30) },
			WINDOW,
		);
		expect(repeat).toEqual({ previousKnownIp: '2.2.2.2', duplicate: true, outOfOrder: false });
		// The window runs from the first arrival: the repeat did not move it.
		expect(await getIpState(store, 'a')).toMatchObject({
			currentIp: '3.3.3.3',
			previousIp: '2.2.2.2',
			lastReceivedAt: at(10),
		});
	});

	it('accepts the same change again once the window has passed', async () => {
		await recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, 5_000);
		const later = await recordIpChange(
			store,
			'a',
			{ old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(5) },
			5_000,
		);
		expect(later.duplicate).toBe(false);
		// Current IP did not change: previous IP and change time stay those of the real change.
		expect(await getIpState(store, 'a')).toMatchObject({
			currentIp: '2.2.2.2',
			previousIp: null,
			changedAt: at(0),
			lastReceivedAt: at(5),
		});
		expect(later.outOfOrder).toBe(true);
	});

	it('never flags duplicates with a zero window', async () => {
		await recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, 0);
		expect(
			(await recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, 0))
				.duplicate,
		).toBe(false);
	});

	it('treats a missing old address as its own value when comparing changes', async () => {
		await recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		expect(
			(await recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(1) }, WINDOW))
				.duplicate,
		).toBe(true);
		expect(
			(
				await recordIpChange(
					store,
					'a',
					{ old: '2.2.2.2', new: '2.2.2.2', receivedAt: at(2) },
					WINDOW,
				)
			).duplicate,
		).toBe(false);
	});

	it('flags a change whose old address is not the last known one as out of order', async () => {
		await recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		const skipped = await recordIpChange(
			store,
			'a',
			{ old: '9.9.9.9', new: '3.3.3.3', receivedAt: at(1) },
			WINDOW,
		);
		expect(skipped).toEqual({ previousKnownIp: '2.2.2.2', duplicate: false, outOfOrder: true });
		// Out-of-order changes still become the state: the notifier has the last word.
		expect((await getIpState(store, 'a'))?.currentIp).toBe('3.3.3.3');
		// Without an old address there is nothing to compare.
		expect(
			(await recordIpChange(store, 'a', { old: null, new: '4.4.4.4', receivedAt: at(2) }, WINDOW))
				.outOfOrder,
		).toBe(false);
	});

	it('keeps scopes apart', async () => {
		await recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		expect(
			await recordIpChange(store, 'b', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW),
		).toEqual({
			previousKnownIp: null,
			duplicate: false,
			outOfOrder: false,
		});
	});
});
