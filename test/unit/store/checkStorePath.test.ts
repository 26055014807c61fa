// Issue 17, point 0: a State Store Path under /proc made Node's recursive mkdir spin forever on
// n8n's main thread. Paths are checked with stat calls before anything is created.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { storePathProblem } from '../../../nodes/shared/store/checkStorePath';
import { SqliteStore } from '../../../nodes/shared/store/sqliteStore';
import { StoreError } from '../../../nodes/shared/store/stateStore';
import { bundleForChild, tempDir } from '../../support/bundle';

const child = bundleForChild(path.join(__dirname, '../../support/openStoreChild.ts'));

/** Opens the store in a child process, so that a hang is a failed test, not a frozen test run. */
function openInChild(storePath: string): { opened: boolean; message?: string } {
	const result = spawnSync(process.execPath, [child, storePath], {
		encoding: 'utf8',
		timeout: 30_000,
	});
	if (result.error) throw new Error(`opening ${storePath} did not return: ${result.error.message}`);
	return JSON.parse(result.stdout) as { opened: boolean; message?: string };
}

describe('State Store Path check', () => {
	it.each(['/proc/1/maint/store.sqlite', '/proc/self/store.sqlite', '/proc/x/y/store.sqlite'])(
		'refuses %s at once, naming it, instead of hanging',
		(storePath) => {
			expect(openInChild(storePath)).toEqual({
				opened: false,
				message: `The state store path ${storePath} cannot be used: it is under /proc, a system pseudo file system. Choose a file in a regular folder.`,
			});
		},
		60_000,
	);

	it.each([
		['/sys/kernel/store.sqlite', 'it is under /sys, a system pseudo file system'],
		['/dev/store.sqlite', 'it is under /dev, a system pseudo file system'],
		['/dev/null', 'it is under /dev, a system pseudo file system'],
	])('refuses %s', (storePath, problem) => {
		expect(storePathProblem(storePath)).toBe(problem);
		expect(() => SqliteStore.open(storePath)).toThrow(StoreError);
	});

	it('refuses a folder, a file used as a folder, and a symbolic link into /proc', () => {
		const dir = tempDir();
		try {
			const file = path.join(dir, 'plain.txt');
			fs.writeFileSync(file, 'x');
			expect(storePathProblem(dir)).toBe('it exists and is not a regular file');
			expect(storePathProblem(path.join(file, 'sub', 'store.sqlite'))).toBe(
				`${file} is not a folder`,
			);
			const link = path.join(dir, 'link');
			fs.symlinkSync('/proc/self', link);
			expect(storePathProblem(path.join(link, 'a', 'store.sqlite'))).toBe(
				`${link} leads to /proc, a system pseudo file system`,
			);
			expect(openInChild(path.join(link, 'a', 'store.sqlite')).opened).toBe(false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}, 60_000);

	it('accepts an existing store and a creatable path in regular folders', async () => {
		const dir = tempDir();
		try {
			const nested = path.join(dir, 'a', 'b', 'store.sqlite');
			expect(storePathProblem(nested)).toBeUndefined();
			await SqliteStore.open(nested).close();
			expect(storePathProblem(nested)).toBeUndefined();
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
