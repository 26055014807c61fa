import { setTimeout as sleep } from 'node:timers/promises';

import { InvalidParameterError } from '../../../nodes/shared/errors';
import { runChecks } from '../../../nodes/shared/http-check';

interface Job {
	host: string;
	delay: number;
	id: number;
}

const jobs = (host: string, count: number, delay: (i: number) => number, offset = 0): Job[] =>
	Array.from({ length: count }, (_, i) => ({ host, delay: delay(i), id: offset + i }));

/** A worker that records how many jobs run at once, overall and per host. */
function instrumented() {
	const stats = {
		active: 0,
		maxActive: 0,
		perHost: new Map<string, number>(),
		maxPerHost: new Map<string, number>(),
		started: [] as number[],
	};
	const worker = async (job: Job) => {
		stats.started.push(job.id);
		stats.active++;
		stats.maxActive = Math.max(stats.maxActive, stats.active);
		const hostActive = (stats.perHost.get(job.host) ?? 0) + 1;
		stats.perHost.set(job.host, hostActive);
		stats.maxPerHost.set(job.host, Math.max(stats.maxPerHost.get(job.host) ?? 0, hostActive));
		await sleep(job.delay);
		stats.active--;
		stats.perHost.set(job.host, stats.perHost.get(job.host)! - 1);
		return `done ${job.id}`;
	};
	return { stats, worker };
}

const hostOf = (job: Job) => job.host;

describe('runChecks', () => {
	it('returns results in input order whatever order they finish in', async () => {
		const items = jobs('a', 20, (i) => (i * 7) % 11);
		const { worker } = instrumented();
		const results = await runChecks(items, worker, {
			concurrency: 8,
			perHostConcurrency: 8,
			hostOf,
		});
		expect(results).toEqual(items.map((job) => `done ${job.id}`));
	});

	it('never runs more than `concurrency` jobs at once, and does reach it', async () => {
		const items = Array.from({ length: 40 }, (_, i) => ({ host: `h${i}`, delay: 5, id: i }));
		const { stats, worker } = instrumented();
		await runChecks(items, worker, { concurrency: 7, perHostConcurrency: 100, hostOf });
		expect(stats.maxActive).toBe(7);
		expect(stats.started).toHaveLength(40);
	});

	it('caps jobs per host while other hosts use the remaining slots', async () => {
		const items = [
			...jobs('a', 10, () => 5),
			...jobs('b', 10, () => 5, 10),
			...jobs('c', 10, () => 5, 20),
		];
		const { stats, worker } = instrumented();
		await runChecks(items, worker, { concurrency: 5, perHostConcurrency: 2, hostOf });
		for (const host of ['a', 'b', 'c']) expect(stats.maxPerHost.get(host)).toBe(2);
		expect(stats.maxActive).toBe(5);
	});

	it('does not let a long queue for one host hold up another host', async () => {
		const items = [...jobs('busy', 20, () => 10), ...jobs('other', 1, () => 1, 20)];
		const { stats, worker } = instrumented();
		await runChecks(items, worker, { concurrency: 2, perHostConcurrency: 1, hostOf });
		expect(stats.started.indexOf(20)).toBe(1);
	});

	it('starts work only when a slot is free', async () => {
		let calls = 0;
		const gate: Array<() => void> = [];
		const pending = runChecks(
			Array.from({ length: 100 }, (_, i) => i),
			(i) => {
				calls++;
				return new Promise<number>((resolve) => gate.push(() => resolve(i)));
			},
			{ concurrency: 3, perHostConcurrency: 3, hostOf: () => 'h' },
		);
		await sleep(5);
		expect(calls).toBe(3);
		while (gate.length > 0) {
			gate.shift()!();
			await sleep(0);
		}
		expect(await pending).toEqual(Array.from({ length: 100 }, (_, i) => i));
		expect(calls).toBe(100);
	});

	it('resolves an empty list at once', async () => {
		await expect(
			runChecks([], async () => 1, { concurrency: 1, perHostConcurrency: 1, hostOf: () => '' }),
		).resolves.toEqual([]);
	});

	it('rejects with the first worker error and starts nothing more', async () => {
		let calls = 0;
		const failure = runChecks(
			Array.from({ length: 50 }, (_, i) => i),
			async (i) => {
				calls++;
				await sleep(1);
				if (i === 2) throw new Error('worker broke');
				return i;
			},
			{ concurrency: 3, perHostConcurrency: 3, hostOf: () => 'h' },
		);
		await expect(failure).rejects.toThrow('worker broke');
		await sleep(20);
		expect(calls).toBeLessThan(10);
	});

	it('rejects invalid limits', () => {
		expect(() =>
			runChecks([1], async () => 1, { concurrency: 0, perHostConcurrency: 1, hostOf: () => '' }),
		).toThrow(InvalidParameterError);
		expect(() =>
			runChecks([1], async () => 1, {
				concurrency: 1,
				perHostConcurrency: Number.NaN,
				hostOf: () => '',
			}),
		).toThrow(/perHostConcurrency/);
	});
});
