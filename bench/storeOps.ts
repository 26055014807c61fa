// Store operations timed one by one, for bench/store.bench.mjs: the same calls on any StateStore.
import { LocalMaintenanceWindows } from '../nodes/MaintenanceMode/backends/local';
import { RequestLedger } from '../nodes/MaintenanceRequest/store/requestLedger';
import { openPostgresStore } from '../nodes/shared/store/postgresStore';
import { recordCheck } from '../nodes/shared/store/serviceStatus';
import { SqliteStore } from '../nodes/shared/store/sqliteStore';
import { postgresFromUrl } from '../nodes/shared/store/storePath';
import type { StateStore } from '../nodes/shared/store/stateStore';

export const EQUIPMENTS = 1_000;
const NOW = '2026-11-23T10:00:00.000Z';
const LIMITS = { failureThreshold: 3, successThreshold: 1 };

export function openStore(place: string): Promise<StateStore> {
	return /^postgres/.test(place)
		? openPostgresStore(postgresFromUrl(place))
		: Promise.resolve(SqliteStore.open(place));
}

async function timed(count: number, operation: (i: number) => Promise<unknown>): Promise<number[]> {
	const samples: number[] = [];
	for (let i = 0; i < count; i++) {
		const started = performance.now();
		await operation(i);
		samples.push(performance.now() - started);
	}
	return samples;
}

const equipment = (i: number) => `srv-${String(i).padStart(4, '0')}`;

/** Milliseconds per call of each operation, `prefix` keeping warm-up keys apart from measured ones. */
export async function measure(store: StateStore, prefix = ''): Promise<Record<string, number[]>> {
	const ledger = new RequestLedger(store);
	const claim = (i: number) =>
		ledger.claim({
			backend: 'local',
			equipment: `${prefix}${equipment(i)}`,
			day: '2026-11-23',
			name: `[HTTP KO] ${equipment(i)}`,
			state: 'open',
			priority: '2',
			description: 'Service KO',
			services: [],
			createdAt: NOW,
		});
	const check = (i: number) =>
		recordCheck(
			store,
			{
				serviceKey: `${prefix}${equipment(i)}|web|https://${equipment(i)}.test/`,
				equipment: `${prefix}${equipment(i)}`,
				serviceName: 'web',
				url: `https://${equipment(i)}.test/`,
				ok: false,
				statusCode: 503,
				errorCode: 'UNEXPECTED_STATUS',
				checkedAt: NOW,
			},
			LIMITS,
		);
	const windows = new LocalMaintenanceWindows(store);
	const all = Array.from({ length: EQUIPMENTS }, (_, i) => `${prefix}${equipment(i)}`);
	const result: Record<string, number[]> = {
		'claim (new request)': await timed(EQUIPMENTS, claim),
		'claim (dedup: exists)': await timed(EQUIPMENTS, claim),
		'status upsert (new)': await timed(EQUIPMENTS, check),
		'status upsert (update)': await timed(EQUIPMENTS, check),
	};
	// One in ten equipment in maintenance, then Filter Items' lookup of all 1,000 at once.
	for (let i = 0; i < EQUIPMENTS; i += 10) await windows.activate(all[i], 4, 'bench', NOW);
	result['window lookup, 1,000 equipment'] = await timed(200, () => windows.statuses(all, NOW));
	return result;
}
