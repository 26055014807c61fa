// Issue 17, point 6: the store file deleted (or replaced) while n8n runs. The next run must not
// write into the deleted file and report success: the state is restored at the path.
import fs from 'node:fs';
import path from 'node:path';

import { RequestLedger } from '../../../nodes/MaintenanceRequest/store/requestLedger';
import {
	closeAllStateStores,
	getStateStore,
	StateStore,
} from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';

const DAY = '2026-11-23';
const claim = (store: StateStore) =>
	new RequestLedger(store).claim({
		backend: 'local',
		equipment: 'srv-a',
		day: DAY,
		name: '[HTTP KO] srv-a',
		state: 'open',
		priority: '2',
		description: 'Service KO',
		services: [],
		createdAt: `${DAY}T10:00:00.000Z`,
	});

function removeStoreFiles(file: string): void {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

describe('a store file deleted while open', () => {
	let dir: string;
	let file: string;
	beforeEach(() => {
		dir = tempDir();
		file = path.join(dir, 'state.sqlite');
	});
	afterEach(() => {
		closeAllStateStores();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('is restored at the path with its content, so the day’s request is not claimed twice, also after a restart', () => {
		expect(claim(getStateStore(file)).claimed).toBe(true);
		removeStoreFiles(file);

		const next = getStateStore(file);
		expect(fs.existsSync(file)).toBe(true);
		expect(claim(next).claimed).toBe(false);
		// What a restarted n8n reads: the file at the path.
		closeAllStateStores();
		expect(claim(getStateStore(file)).claimed).toBe(false);
	});

	it('keeps writes made after the deletion when it is noticed later', () => {
		const store = getStateStore(file);
		fs.rmSync(file);
		// A run already holding the store keeps writing into the deleted file …
		expect(claim(store).claimed).toBe(true);
		// … and the next run brings that write back to the path.
		expect(claim(getStateStore(file)).claimed).toBe(false);
		closeAllStateStores();
		expect(claim(getStateStore(file)).claimed).toBe(false);
	});

	it('opens the new file when the path was replaced by another store', () => {
		claim(getStateStore(file));
		const other = path.join(dir, 'other.sqlite');
		StateStore.open(other).close();
		removeStoreFiles(file);
		fs.renameSync(other, file);
		expect(claim(getStateStore(file)).claimed).toBe(true);
	});
});
