import { RequestLedger, type LedgerEntry } from '../../shared/store/requestLedger';
import type { StateStore } from '../../shared/store/stateStore';
import { equipmentOfHttpKoRequest, httpKoRequestName } from '../../shared/odoo/maintenance';
import { describeServices } from './describe';
import type { FailingService, ReportedRequest, RequestBackend } from './types';

export const LOCAL_BACKEND = 'local';

/** A ledger entry as the node outputs it; `id` and `link` are the backend's (Odoo: the record's). */
export function toReported(
	entry: LedgerEntry,
	result: { created: boolean; added: FailingService[]; id?: number; link?: string | null },
): ReportedRequest {
	return {
		id: result.id ?? entry.id,
		name: entry.name,
		priority: entry.priority,
		description: entry.description,
		equipment: equipmentOfHttpKoRequest(entry.name, entry.equipment),
		link: result.link ?? null,
		created: result.created,
		services: entry.services,
		addedServices: result.added,
	};
}

/** Local backend: the request ledger of the embedded store is the list of requests. */
export function localRequestBackend(store: StateStore): RequestBackend {
	const ledger = new RequestLedger(store);
	return {
		key: LOCAL_BACKEND,
		async report(equipment, services, { day, priority, now }) {
			const { claimed, entry } = ledger.claim({
				backend: LOCAL_BACKEND,
				equipment,
				day,
				name: httpKoRequestName(equipment),
				state: 'open',
				priority,
				description: describeServices(services),
				services,
				createdAt: now,
			});
			if (claimed) return toReported(entry, { created: true, added: services });
			const { entry: updated, added } = ledger.addServices(entry.id, services, describeServices);
			return toReported(updated ?? entry, { created: false, added });
		},
		async openRequests(equipment) {
			return ledger
				.openFor(LOCAL_BACKEND, equipment)
				.map((entry) => toReported(entry, { created: false, added: [] }));
		},
		async close(_equipment, requests, _recovered, now) {
			return requests.map((request) =>
				toReported(ledger.close(request.id, now), { created: false, added: [] }),
			);
		},
	};
}
