import { InvalidParameterError } from '../errors';

export interface PoolOptions<T> {
	/** Work items running at once across all hosts. */
	concurrency: number;
	/** Work items running at once for the same `hostOf` key. */
	perHostConcurrency: number;
	hostOf: (item: T, index: number) => string;
}

interface HostQueue {
	indices: number[];
	next: number;
	active: number;
	queued: boolean;
}

function requireLimit(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 1) {
		const detail = `must be a whole number of at least 1, got ${value}`;
		throw new InvalidParameterError(name, detail, `Invalid ${name}: ${detail}`);
	}
}

/**
 * Runs `worker` over `items` with a global and a per-host limit and resolves with the results in
 * input order. Hosts take turns, so one host with thousands of services neither gets hammered nor
 * holds up the others. Memory is the results plus one index per item: no promise is created
 * before a slot is free. Rejects with the first error a worker throws and starts no more work.
 */
export function runChecks<T, R>(
	items: readonly T[],
	worker: (item: T, index: number) => Promise<R>,
	options: PoolOptions<T>,
): Promise<R[]> {
	const { concurrency, perHostConcurrency, hostOf } = options;
	requireLimit('concurrency', concurrency);
	requireLimit('perHostConcurrency', perHostConcurrency);

	const results = new Array<R>(items.length);
	const hosts = new Map<string, HostQueue>();
	for (let index = 0; index < items.length; index++) {
		const key = hostOf(items[index], index);
		let queue = hosts.get(key);
		if (!queue) {
			queue = { indices: [], next: 0, active: 0, queued: true };
			hosts.set(key, queue);
		}
		queue.indices.push(index);
	}
	// Hosts with waiting items and a free per-host slot, served round-robin.
	let ready: HostQueue[] = [...hosts.values()];
	let readyHead = 0;

	return new Promise<R[]>((resolve, reject) => {
		let active = 0;
		let finished = 0;
		let failed = false;
		if (items.length === 0) return resolve(results);

		const enqueue = (queue: HostQueue): void => {
			if (!queue.queued && queue.next < queue.indices.length && queue.active < perHostConcurrency) {
				queue.queued = true;
				ready.push(queue);
			}
		};

		const onDone = (queue: HostQueue): void => {
			active--;
			queue.active--;
			finished++;
			if (finished === items.length) return resolve(results);
			enqueue(queue);
			pump();
		};

		const start = (queue: HostQueue, index: number): void => {
			let pending: Promise<R>;
			try {
				pending = worker(items[index], index);
			} catch (error) {
				pending = Promise.reject(error);
			}
			pending.then(
				(result) => {
					results[index] = result;
					if (!failed) onDone(queue);
				},
				(error: unknown) => {
					if (failed) return;
					failed = true;
					reject(error);
				},
			);
		};

		const pump = (): void => {
			while (!failed && active < concurrency && readyHead < ready.length) {
				const queue = ready[readyHead++];
				queue.queued = false;
				const index = queue.indices[queue.next++];
				queue.active++;
				active++;
				enqueue(queue);
				start(queue, index);
			}
			if (readyHead > 1024 && readyHead * 2 > ready.length) {
				ready = ready.slice(readyHead);
				readyHead = 0;
			}
		};

		pump();
	});
}
