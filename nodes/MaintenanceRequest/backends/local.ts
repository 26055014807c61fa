import { httpKoRequestName } from '../../shared/odoo/maintenance';
import type { StateStore } from '../../shared/store/stateStore';
import { RequestLedger } from '../store/requestLedger';
import { describeServices } from '../helpers/describe';
import { InvalidParameterError } from '../../shared/errors';
import { listedFromLedger, toReported, type ReportedRequest, type RequestBackend } from './types';

export const LOCAL_BACKEND = 'local';

/** Local backend: the request ledger of the embedded store is the list of requests. */
export function localRequestBackend(store: StateStore): RequestBackend {
	const ledger = new RequestLedger(store);
	return {
		key: LOCAL_BACKEND,
		async report(equipment, services, { day, priority, now }) {
			const { claimed, entry } = await ledger.claim({
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
			const { entry: updated, added } = await ledger.addServices(
				entry.id,
				services,
				describeServices,
			);
			return toReported(updated ?? entry, { created: false, added });
		},
		async openRequests(equipments) {
			const open = new Map<string, ReportedRequest[]>();
			for (const equipment of equipments) {
				const entries = await ledger.openFor(LOCAL_BACKEND, equipment);
				open.set(
					equipment,
					entries.map((entry) => toReported(entry, { created: false, added: [] })),
				);
			}
			return open;
		},
		async close(_equipment, requests, _recovered, now) {
			const closed = [];
			for (const request of requests) {
				closed.push(toReported(await ledger.close(request.id, now), { created: false, added: [] }));
			}
			return closed;
		},
		async list(filter) {
			return (await ledger.list(LOCAL_BACKEND, filter)).map(listedFromLedger);
		},
		async closeById(id, note, now) {
			const closed = await ledger.closeWithNote(LOCAL_BACKEND, id, note, now);
			if (!closed) {
				throw new InvalidParameterError(
					'requestId',
					`there is no open Local maintenance request #${id}`,
				);
			}
			return listedFromLedger(closed);
		},
	};
}
