import { cachedPage, PAGE_CACHE_MS } from '../../../nodes/ServiceStatus/pageCache';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { openTestStore } from '../../support/stores';

describe('status page cache', () => {
	let store: StateStore;
	beforeAll(async () => {
		store = await openTestStore('sqlite');
	});
	afterAll(async () => {
		await store.close();
	});

	it('rebuilds a page once it is a minute old, even when the store has not changed', async () => {
		let builds = 0;
		const build = async () => ({ body: `build ${++builds}` });
		const at = Date.parse('2026-11-30T10:00:00.000Z');
		expect(await cachedPage(store, 'html', 'Status', at, build)).toEqual({ body: 'build 1' });
		expect(await cachedPage(store, 'html', 'Status', at + PAGE_CACHE_MS - 1, build)).toEqual({
			body: 'build 1',
		});
		expect(await cachedPage(store, 'html', 'Status', at + PAGE_CACHE_MS, build)).toEqual({
			body: 'build 2',
		});
		// Each format has its own page.
		expect(await cachedPage(store, 'json', 'Status', at + PAGE_CACHE_MS, build)).toEqual({
			body: 'build 3',
		});
		expect(await cachedPage(store, 'html', 'Status', at + PAGE_CACHE_MS, build)).toEqual({
			body: 'build 2',
		});
	});

	it('rebuilds after a write made while the page was being built', async () => {
		let builds = 0;
		const build = async () => {
			builds++;
			if (builds === 1)
				await store.run(
					"INSERT INTO ip_state (scope, current_ip) VALUES ('cache-test', '127.0.0.1')",
				);
			return { body: `build ${builds}` };
		};
		const at = Date.parse('2026-11-30T11:00:00.000Z');
		await cachedPage(store, 'xml', '', at, build);
		expect(await cachedPage(store, 'xml', '', at, build)).toEqual({ body: 'build 2' });
		expect(await cachedPage(store, 'xml', '', at, build)).toEqual({ body: 'build 2' });
	});
});
