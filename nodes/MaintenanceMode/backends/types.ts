import type { ScheduleSpec } from '../../shared/time/maintenanceWindow';
import type { MaintenanceStatus } from '../../shared/store/maintenanceWindows';

export type { MaintenanceStatus, WindowSource } from '../../shared/store/maintenanceWindows';

/** Where maintenance windows live: the embedded store (Local) or preventive requests in Odoo. */
export interface MaintenanceBackend {
	/** Whether Schedule Window accepts weekly recurring windows. */
	readonly recurringWindows: boolean;
	/** The duration to use when the node leaves it to the backend (Odoo: its system parameter). */
	defaultDurationHours(fallback: number): Promise<number>;
	activate(
		equipment: string,
		durationHours: number,
		reason: string,
		now: string,
	): Promise<MaintenanceStatus>;
	deactivate(equipment: string, now: string): Promise<MaintenanceStatus>;
	status(equipment: string, now: string): Promise<MaintenanceStatus>;
	statuses(equipments: string[], now: string): Promise<Map<string, MaintenanceStatus>>;
	listActive(now: string): Promise<MaintenanceStatus[]>;
	schedule(
		equipment: string,
		spec: ScheduleSpec,
		reason: string,
		now: string,
	): Promise<MaintenanceStatus>;
	endExpired(now: string): Promise<MaintenanceStatus[]>;
}
