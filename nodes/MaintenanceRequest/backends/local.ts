import { RequestLedger, type LedgerEntry } from '../../shared/store/requestLedger';
import type { StateStore } from '../../shared/store/stateStore';
import { describeServices, requestName } from './describe';
import type { FailingService, ReportedRequest, RequestBackend } from './types';

export const LOCAL_BACKEND = 'local';

export function toReported(
	entry: LedgerEntry,
	created: boolean,
	addedServices: FailingService[],
	link: string | null,
	id = entry.id,
): ReportedRequest {
	return {
		id,
		name: entry.name,
		priority: entry.priority,
		description: entry.description,
		equipment: entry.equipment,
		link,
		created,
		services: entry.services,
		addedServices,
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
				name: requestName(equipment),
				state: 'open',
				priority,
				description: describeServices(services),
				services,
				createdAt: now,
			});
			if (claimed) {
				return toReported(entry, true, services, null);
			}
			const { entry: updated, added } = ledger.addServices(entry.id, services, describeServices);
			return toReported(updated ?? entry, false, added, null);
		},
		async openRequests(equipment) {
			return ledger.openFor(LOCAL_BACKEND, equipment).map((entry) => toReported(entry, false, [], null));
		},
		async close(equipment, _recovered, now) {
			return ledger
				.openFor(LOCAL_BACKEND, equipment)
				.map((entry) => toReported(ledger.close(entry.id, now), false, [], null));
		},
	};
}
