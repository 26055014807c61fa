// Issue 17, point 6: the store file deleted (or replaced) while n8n runs. The next run must not
// write into the deleted file and report success: the state is restored at the path.
import fs from 'node:fs';
import path from 'node:path';

import { RequestLedger } from '../../../nodes/MaintenanceRequest/store/requestLedger';
import { SqliteStore } from '../../../nodes/shared/store/sqliteStore';
import {
	closeAllStateStores,
	getStateStore,
	type StateStore,
} from '../../../nodes/shared/store/stateStore';
import { tempDir } from '../../support/bundle';

const DAY = '2026-11-23';
const claim = async (store: StateStore | Promise<StateStore>) =>
	new RequestLedger(await store).claim({
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
	afterEach(async () => {
		await closeAllStateStores();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('is restored at the path with its content, so the day’s request is not claimed twice, also after a restart', async () => {
		expect((await claim(getStateStore(file))).claimed).toBe(true);
		removeStoreFiles(file);

		const next = await getStateStore(file);
		expect(fs.existsSync(file)).toBe(true);
		expect((await claim(next)).claimed).toBe(false);
		// What a restarted n8n reads: the file at the path.
		await closeAllStateStores();
		expect((await claim(getStateStore(file))).claimed).toBe(false);
	});

	it('keeps writes made after the deletion when it is noticed later', async () => {
		const store = await getStateStore(file);
		fs.rmSync(file);
		// A run already holding the store keeps writing into the deleted file …
		expect((await claim(store)).claimed).toBe(true);
		// … and the next run brings that write back to the path.
		expect((await claim(getStateStore(file))).claimed).toBe(false);
		await closeAllStateStores();
		expect((await claim(getStateStore(file))).claimed).toBe(false);
	});

	it('opens the new file when the path was replaced by another store', async () => {
		await claim(getStateStore(file));
		const other = path.join(dir, 'other.sqlite');
		await SqliteStore.open(other).close();
		removeStoreFiles(file);
		fs.renameSync(other, file);
		expect((await claim(getStateStore(file))).claimed).toBe(true);
	});
});
