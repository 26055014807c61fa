import { LocalMaintenanceWindows } from '../../shared/store/maintenanceWindows';
import type { StateStore } from '../../shared/store/stateStore';
import type { MaintenanceBackend } from './types';

export function localBackend(store: StateStore): MaintenanceBackend {
	const windows = new LocalMaintenanceWindows(store);
	return {
		recurringWindows: true,
		defaultDurationHours: async (fallback) => fallback,
		activate: async (equipment, hours, reason, now) =>
			windows.activate(equipment, hours, reason, now),
		deactivate: async (equipment, now) => windows.deactivate(equipment, now),
		status: async (equipment, now) => windows.status(equipment, now),
		statuses: async (equipments, now) => windows.statuses(equipments, now),
		listActive: async (now) => windows.listActive(now),
		schedule: async (equipment, spec, reason, now) =>
			windows.schedule(equipment, spec, reason, now),
		endExpired: async (now) => windows.endExpired(now),
	};
}
