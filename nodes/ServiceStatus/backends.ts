import type { OdooClient } from '../shared/odoo/client';
import { fromOdooDatetime } from '../shared/odoo/datetime';
import { recordLink } from '../shared/odoo/links';
import {
	equipmentOfHttpKoRequest,
	HTTP_KO_PREFIX,
	REQUEST_MODEL,
} from '../shared/odoo/maintenance';
import { odooMaintenanceWindows } from '../shared/odoo/maintenanceWindows';
import { openRows, windowStatuses } from '../shared/store/maintenanceWindows';
import type { StateStore } from '../shared/store/stateStore';
import type { OpenRequest, StatusBackend } from './types';

export function localStatusBackend(store: StateStore): StatusBackend {
	return {
		async openRequests() {
			const rows = await store.all(
				`SELECT id, name, equipment, created_at FROM maintenance_requests
				WHERE backend = 'local' AND state = 'open' ORDER BY created_at, id`,
			);
			return rows.map((row) => ({
				id: Number(row.id),
				name: String(row.name),
				equipment: String(row.equipment),
				equipmentId: null,
				createdAt: String(row.created_at),
				link: null,
			}));
		},
		async maintenance(equipments, now) {
			const all = new Set([...equipments, ...(await openRows(store)).map((row) => row.equipment)]);
			return [...(await windowStatuses(store, all, now)).values()];
		},
	};
}

export function odooStatusBackend(client: OdooClient, url: string): StatusBackend {
	const windows = odooMaintenanceWindows(client);
	return {
		async openRequests(): Promise<OpenRequest[]> {
			const records = await client.searchRead(
				REQUEST_MODEL,
				[
					['name', '=like', `${HTTP_KO_PREFIX}%`],
					['stage_id.done', '=', false],
				],
				{ fields: ['name', 'equipment_id', 'create_date'], order: 'id' },
			);
			return records.map((record) => {
				const equipment = record.equipment_id as [number, string] | false;
				const name = String(record.name);
				return {
					id: record.id,
					name,
					equipment: equipmentOfHttpKoRequest(name, equipment ? equipment[1] : ''),
					equipmentId: equipment ? equipment[0] : null,
					createdAt: record.create_date
						? new Date(fromOdooDatetime(String(record.create_date))).toISOString()
						: null,
					link: recordLink(url, REQUEST_MODEL, record.id),
				};
			});
		},
		// Keyed as the services name their equipment (an Odoo ID in the Odoo monitoring template).
		maintenance: async (equipments, now) =>
			[...(await windows.statuses(equipments, now))].map(([equipment, status]) => ({
				...status,
				equipment,
			})),
	};
}
