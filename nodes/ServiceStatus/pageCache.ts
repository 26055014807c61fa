import type { IDataObject } from 'n8n-workflow';

import type { StateStore } from '../shared/store/stateStore';

/** A cached page is reused for at most this long, so time alone (a window starting, the hour turning) shows within it. */
export const PAGE_CACHE_MS = 60_000;

interface Entry {
	variant: string;
	version: string;
	builtAt: number;
	json: IDataObject;
}

const cache = new WeakMap<StateStore, Map<string, Entry>>();

/**
 * The SQLite store's write counter: it changes with every row written through this process's connection
 * (total_changes) and every commit by another connection (data_version). Null for PostgreSQL, whose
 * writers are other processes it cannot watch as cheaply: its pages are never cached.
 */
export async function storeVersion(store: StateStore): Promise<string | null> {
	if (store.dialect !== 'sqlite') return null;
	const [[changes], [data]] = [
		await store.all('SELECT total_changes() AS changes'),
		await store.all('PRAGMA data_version'),
	];
	return `${String(changes.changes)}:${String(data.data_version)}`;
}

/**
 * The page built by `build`, or the one built before for the same slot and variant when the store has
 * not changed since and it is less than PAGE_CACHE_MS old (10,000 services take hundreds of
 * milliseconds to read and render). One page per slot (format), so titles that vary cannot pile up.
 */
export async function cachedPage(
	store: StateStore,
	slot: string,
	variant: string,
	now: number,
	build: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const version = await storeVersion(store);
	if (version === null) return build();
	let pages = cache.get(store);
	if (!pages) cache.set(store, (pages = new Map()));
	const entry = pages.get(slot);
	if (
		entry &&
		entry.variant === variant &&
		entry.version === version &&
		now - entry.builtAt < PAGE_CACHE_MS
	)
		return entry.json;
	// Kept with the version read before the build: a write during it makes the next request rebuild.
	const json = await build();
	pages.set(slot, { variant, version, builtAt: now, json });
	return json;
}
