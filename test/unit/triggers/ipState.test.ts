import fs from 'node:fs';
import path from 'node:path';

import { getIpState, recordIpChange } from '../../../nodes/IpChangeTrigger/ipState';
import { StateStore } from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';

const WINDOW = 60_000;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, seconds)).toISOString();

describe('recordIpChange', () => {
	let dir: string;
	let store: StateStore;

	beforeEach(() => {
		dir = tempDir();
		store = StateStore.open(path.join(dir, 'state.sqlite'));
	});
	afterEach(() => {
		store.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('starts with no known IP, then remembers the new one', () => {
		expect(
			recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, WINDOW),
		).toEqual({
			previousKnownIp: null,
			duplicate: false,
			outOfOrder: false,
		});
		expect(getIpState(store, 'a')).toEqual({
			scope: 'a',
			currentIp: '2.2.2.2',
			previousIp: null,
			changedAt: at(0),
			lastOld: '1.1.1.1',
			lastNew: '2.2.2.2',
			lastReceivedAt: at(0),
		});
		expect(
			recordIpChange(store, 'a', { old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(1) }, WINDOW),
		).toEqual({
			previousKnownIp: '2.2.2.2',
			duplicate: false,
			outOfOrder: false,
		});
		expect(getIpState(store, 'a')).toMatchObject({
			currentIp: '3.3.3.3',
			previousIp: '2.2.2.2',
			changedAt: at(1),
		});
	});

	it('flags a repeat of the same change within the window as a duplicate and keeps the state', () => {
		recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		recordIpChange(store, 'a', { old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(10) }, WINDOW);
		const repeat = recordIpChange(
			store,
			'a',
			{ old: '2.2.2.2', new: '3.3.3.3', receivedAt: at(30) },
			WINDOW,
		);
		expect(repeat).toEqual({ previousKnownIp: '2.2.2.2', duplicate: true, outOfOrder: false });
		// The window runs from the first arrival: the repeat did not move it.
		expect(getIpState(store, 'a')).toMatchObject({
			currentIp: '3.3.3.3',
			previousIp: '2.2.2.2',
			lastReceivedAt: at(10),
		});
	});

	it('accepts the same change again once the window has passed', () => {
		recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, 5_000);
		const later = recordIpChange(
			store,
			'a',
			{ old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(5) },
			5_000,
		);
		expect(later.duplicate).toBe(false);
		// Current IP did not change: previous IP and change time stay those of the real change.
		expect(getIpState(store, 'a')).toMatchObject({
			currentIp: '2.2.2.2',
			previousIp: null,
			changedAt: at(0),
			lastReceivedAt: at(5),
		});
		expect(later.outOfOrder).toBe(true);
	});

	it('never flags duplicates with a zero window', () => {
		recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, 0);
		expect(
			recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, 0).duplicate,
		).toBe(false);
	});

	it('treats a missing old address as its own value when comparing changes', () => {
		recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		expect(
			recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(1) }, WINDOW)
				.duplicate,
		).toBe(true);
		expect(
			recordIpChange(store, 'a', { old: '2.2.2.2', new: '2.2.2.2', receivedAt: at(2) }, WINDOW)
				.duplicate,
		).toBe(false);
	});

	it('flags a change whose old address is not the last known one as out of order', () => {
		recordIpChange(store, 'a', { old: '1.1.1.1', new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		const skipped = recordIpChange(
			store,
			'a',
			{ old: '9.9.9.9', new: '3.3.3.3', receivedAt: at(1) },
			WINDOW,
		);
		expect(skipped).toEqual({ previousKnownIp: '2.2.2.2', duplicate: false, outOfOrder: true });
		// Out-of-order changes still become the state: the notifier has the last word.
		expect(getIpState(store, 'a')?.currentIp).toBe('3.3.3.3');
		// Without an old address there is nothing to compare.
		expect(
			recordIpChange(store, 'a', { old: null, new: '4.4.4.4', receivedAt: at(2) }, WINDOW)
				.outOfOrder,
		).toBe(false);
	});

	it('keeps scopes apart', () => {
		recordIpChange(store, 'a', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW);
		expect(
			recordIpChange(store, 'b', { old: null, new: '2.2.2.2', receivedAt: at(0) }, WINDOW),
		).toEqual({
			previousKnownIp: null,
			duplicate: false,
			outOfOrder: false,
		});
	});
});
