import type { MaintenanceStatus } from '../shared/store/maintenanceWindows';
import type { DailySeries, UptimePeriod } from '../shared/history/read';

export type ServiceState = 'up' | 'down' | 'maintenance' | 'unknown';

/** An open "[HTTP KO]" request, from the store (Local) or Odoo. */
export interface OpenRequest {
	id: number;
	name: string;
	equipment: string;
	/** Odoo's equipment ID, when the request is Odoo's. */
	equipmentId: number | null;
	createdAt: string | null;
	/** The Odoo form of the request; null for Local requests. */
	link: string | null;
}

export interface MaintenanceInfo {
	equipment: string;
	active: boolean;
	start: string | null;
	end: string | null;
	reason: string;
}

export interface ServiceOverview {
	name: string;
	url: string;
	equipment: string;
	state: ServiceState;
	lastStatusCode: number | null;
	lastCheckedAt: string | null;
	responseTimeMs: number | null;
	uptime: Record<UptimePeriod, number | null>;
	p95ResponseTimeMs: number | null;
	certificateDaysRemaining: number | null;
	openRequest: OpenRequest | null;
	/** The active window, else the next one; null when none is planned. */
	maintenance: MaintenanceInfo | null;
}

/** What the page draws beside the overview: the 90-day bar and the 24 h sparkline. */
export interface ServiceCharts {
	daily: DailySeries;
	hourlyAverageMs: Array<number | null>;
}

export interface StatusReport {
	generatedAt: string;
	services: Array<ServiceOverview & { charts: ServiceCharts }>;
	openRequests: OpenRequest[];
	maintenance: MaintenanceInfo[];
}

/** Where the open requests and maintenance windows come from: the store (Local) or Odoo. */
export interface StatusBackend {
	openRequests(): Promise<OpenRequest[]>;
	/** Status of each equipment, plus every equipment in maintenance now. */
	maintenance(equipments: string[], now: string): Promise<MaintenanceStatus[]>;
}
