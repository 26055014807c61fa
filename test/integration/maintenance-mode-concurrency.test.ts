import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { bundleForChild, tempDir } from '../support/bundle';
import { BACKENDS, freshStoreOption, openStoreAt } from '../support/stores';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A child process standing for one n8n execution after another: `<store> <equipment> activate|deactivate
 * <hours>`. It opens the store, says "ready", waits for "go" on stdin (so both children start together),
 * runs its operation over and over with the real clock as the node does, saying "op" after each, until
 * "stop", and prints what each run returned.
 */
const WORKER = `
import { localBackend } from ${JSON.stringify(path.join(ROOT, 'nodes/MaintenanceMode/backends/local'))};
import { getStateStore } from ${JSON.stringify(path.join(ROOT, 'nodes/shared/store/stateStore'))};

const [storePath, equipment, operation, hours] = process.argv.slice(2);
getStateStore(storePath).then((store) => {
const backend = localBackend(store);
let stopped = false;
process.stdin.on('data', (chunk) => (stopped ||= String(chunk).includes('stop')));
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
	const results = [];
	for (let i = 0; !stopped; i++) {
		const now = new Date().toISOString();
		const duration = Number(hours) + i / 10000;
		const status =
			operation === 'activate'
				? await backend.activate(equipment, duration, '', now)
				: await backend.deactivate(equipment, now);
		results.push({ now, hours: duration, status });
		process.stdout.write('op\\n');
		// Executions do not hammer the store back to back: without a pause, SQLite's busy handler
		// (which sleeps between retries) lets one process take the lock over and over.
		await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
	}
	process.stdout.write(JSON.stringify(results) + '\\n');
	process.stdin.destroy();
	await store.close();
});
});
`;

interface Result {
	now: string;
	hours: number;
	status: { active: boolean; start: string | null; end: string | null; windowId?: number };
}

interface WindowRow {
	id: number;
	start_at: string;
	end_at: string;
	ended_at: string | null;
}

/** How long both workers run their operation in a loop, at least. */
const RUN_MS = 400;
/** Operations each worker completes after the other's first one, at least, before both stop. */
const OVERLAP_OPS = 5;
const WAIT_MS = 30_000;

let worker: string;

beforeAll(() => {
	const dir = tempDir('odoo-maint-mm-worker-');
	const entry = path.join(dir, 'maintenanceModeWorker.ts');
	fs.writeFileSync(entry, WORKER);
	worker = bundleForChild(entry);
});

function startWorker(args: string[], onOp: () => void) {
	const child = spawn(process.execPath, [worker, ...args]);
	let pending = '';
	let results = '';
	let stderr = '';
	let ops = 0;
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const ready = new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			const lines = (pending + chunk).split('\n');
			pending = lines.pop()!;
			for (const line of lines) {
				if (line === 'ready') resolve();
				else if (line === 'op') {
					ops++;
					onOp();
				} else results = line;
			}
		});
		child.on('close', (code) =>
			reject(new Error(`worker exited (${code}) before ready: ${stderr}`)),
		);
	});
	const done = new Promise<Result[]>((resolve, reject) => {
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`worker exited with ${code}: ${stderr}`));
			resolve(JSON.parse(results) as Result[]);
		});
	});
	return {
		ready,
		done,
		ops: () => ops,
		go: () => child.stdin.write('go\n'),
		stop: () => child.stdin.write('stop\n'),
	};
}

/**
 * Starts both workers, releases them at once, and returns what each one reported. They stop when each
 * has completed OVERLAP_OPS operations after the other's first one (and RUN_MS has passed): so they really
 * ran at the same time, also when a busy machine schedules one of them late.
 */
/** Rounds of the activate/deactivate race before it counts as never interleaving. */
const MAX_ROUNDS = 5; // the test allows 60 s a round

async function runTogether(a: string[], b: string[]): Promise<[Result[], Result[]]> {
	let settle: () => void = () => undefined;
	let timer: NodeJS.Timeout | undefined;
	const overlapped = new Promise<void>((resolve, reject) => {
		settle = resolve;
		timer = setTimeout(
			() => reject(new Error(`the workers did not run side by side within ${WAIT_MS} ms`)),
			WAIT_MS,
		);
	});
	const baseline: Array<number | undefined> = [undefined, undefined];
	const check = () => {
		workers.forEach((w, i) => {
			if (baseline[i] === undefined && workers[1 - i].ops() > 0) baseline[i] = w.ops();
		});
		if (
			workers.every((w, i) => baseline[i] !== undefined && w.ops() - baseline[i]! >= OVERLAP_OPS)
		) {
			settle();
		}
	};
	const workers = [startWorker(a, check), startWorker(b, check)];
	await Promise.all(workers.map((w) => w.ready));
	for (const w of workers) w.go();
	try {
		await Promise.all([overlapped, new Promise((resolve) => setTimeout(resolve, RUN_MS))]);
	} finally {
		clearTimeout(timer);
		for (const w of workers) w.stop();
	}
	const results = (await Promise.all(workers.map((w) => w.done))) as [Result[], Result[]];
	// Both really ran at the same time.
	const span = (list: Result[]) => [list[0].now, list[list.length - 1].now];
	const [[firstFrom, firstTo], [secondFrom, secondTo]] = results.map(span);
	expect(later(firstFrom, secondFrom) < (firstTo < secondTo ? firstTo : secondTo)).toBe(true);
	return results;
}

async function windows(file: string, equipment: string): Promise<WindowRow[]> {
	const store = await openStoreAt(file);
	try {
		const rows = await store.all(
			'SELECT id, start_at, end_at, ended_at FROM maintenance_windows WHERE equipment = ? ORDER BY id',
			equipment,
		);
		return rows.map((row) => ({ ...row, id: Number(row.id) }) as unknown as WindowRow);
	} finally {
		await store.close();
	}
}

const plus = (instant: string, hours: number) =>
	new Date(Date.parse(instant) + Math.round(hours * 3_600_000)).toISOString();
const later = (a: string, b: string) => (a > b ? a : b);

describe.each(BACKENDS)('two executions (processes) on the same %s store at once', (backend) => {
	it('activating the same equipment keeps exactly one window, ending at the latest end', async () => {
		const file = freshStoreOption(backend);
		await (await openStoreAt(file)).close();
		const [first, second] = await runTogether(
			[file, 'srv-shared', 'activate', '1'],
			[file, 'srv-shared', 'activate', '1.5'],
		);
		const rows = await windows(file, 'srv-shared');
		expect(rows).toHaveLength(1);
		const [row] = rows;
		expect(row.ended_at).toBeNull();
		const all = [...first, ...second];
		expect(all.every((result) => result.status.active && result.status.windowId === row.id)).toBe(
			true,
		);
		// Activation extends and never shortens, so the window ends at the latest requested end
		// (requests timed before the window's start count from its start).
		const expectedEnd = all
			.map((result) => plus(later(result.now, row.start_at), result.hours))
			.reduce(later);
		expect(row.end_at).toBe(expectedEnd);
		// The window starts at the time of the activation that created it: the first to reach the store, which need
		// not be the earliest timed (each execution reads the clock before it waits for the store).
		expect(all.map((result) => result.now)).toContain(row.start_at);
		expect(all.every((result) => result.status.start === row.start_at)).toBe(true);
	}, 60_000);

	it('activating and deactivating at once: every window and every ending is accounted for', async () => {
		// The accounting must hold in every round; a busy machine may let one process run ahead so that the
		// windows were not ended and re-created while the other ran, so rounds repeat (bounded) until they were.
		let interleaved = false;
		for (let round = 0; round < MAX_ROUNDS && !interleaved; round++) {
			interleaved = await activateAndDeactivateTogether();
		}
		expect(interleaved).toBe(true);
	}, 300_000);

	async function activateAndDeactivateTogether(): Promise<boolean> {
		const file = freshStoreOption(backend);
		await (await openStoreAt(file)).close();
		const [activations, deactivations] = await runTogether(
			[file, 'srv-shared', 'activate', '1'],
			[file, 'srv-shared', 'deactivate', '1'],
		);
		const rows = await windows(file, 'srv-shared');
		expect(activations.every((result) => result.status.active)).toBe(true);
		// Every window was created by an activation, and each activation reported its window.
		const activated = new Set(activations.map((result) => result.status.windowId));
		expect([...activated].sort((a, b) => Number(a) - Number(b))).toEqual(rows.map((row) => row.id));
		// Each ended window was ended by exactly one deactivation, which reported it.
		const endings = deactivations.filter((result) => result.status.windowId !== undefined);
		expect(endings.map((result) => result.status.windowId).sort()).toEqual(
			rows
				.filter((row) => row.ended_at !== null)
				.map((row) => row.id)
				.sort(),
		);
		for (const ending of endings) {
			const row = rows.find((candidate) => candidate.id === ending.status.windowId);
			expect(row).toMatchObject({ ended_at: ending.status.end, end_at: ending.status.end });
		}
		// At most the last window is still open, with every extension it got.
		const open = rows.filter((row) => row.ended_at === null);
		expect(open.length).toBeLessThanOrEqual(1);
		if (open.length) {
			expect(open[0].id).toBe(activations[activations.length - 1].status.windowId);
			const ends = activations
				.filter((result) => result.status.windowId === open[0].id)
				.map((result) => result.status.end as string);
			expect(open[0].end_at).toBe(ends.reduce(later));
		}
		// Both really interleaved: windows were ended and re-created while the other ran.
		return endings.length > 1 && rows.length > 1;
	}
});
