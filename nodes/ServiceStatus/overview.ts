import { readServiceStats, type DailySeries, type ServiceStats } from '../shared/history/read';
import { emptyDailySeries } from '../shared/history/summaryCells';
import type { MaintenanceStatus } from '../shared/store/maintenanceWindows';
import type { StateStore } from '../shared/store/stateStore';
import type {
	MaintenanceInfo,
	OpenRequest,
	ServiceOverview,
	ServiceState,
	StatusBackend,
	StatusReport,
} from './types';

const DAY_MS = 86_400_000;
const NO_DAYS: DailySeries = emptyDailySeries(0);
const NO_HOURS: Array<number | null> = [];

interface StatusRow {
	serviceKey: string;
	name: string;
	url: string;
	equipment: string;
	reportedState: string;
	lastStatusCode: number | null;
	lastCheckedAt: string | null;
}

/**
 * Everything the Service Status operations show, read once: the services the HTTP Service Check has
 * recorded, their history figures, the open requests and the maintenance windows of the backend.
 */
export async function buildStatusReport(
	store: StateStore,
	backend: StatusBackend,
	now: Date,
	onlyServiceKey?: string,
): Promise<StatusReport> {
	const rows = (
		await store.all(
			`SELECT service_key, service_name, url, equipment, reported_state, last_status_code, last_check_at
			FROM service_status${onlyServiceKey === undefined ? '' : ' WHERE service_key = ?'}
			ORDER BY equipment, service_name, url`,
			...(onlyServiceKey === undefined ? [] : [onlyServiceKey]),
		)
	).map((row): StatusRow => ({
		serviceKey: String(row.service_key),
		name: String(row.service_name),
		url: String(row.url),
		equipment: String(row.equipment),
		reportedState: String(row.reported_state),
		lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
		lastCheckedAt: (row.last_check_at as string | null) ?? null,
	}));
	const nowIso = now.toISOString();
	const [stats, openRequests, windows] = await Promise.all([
		readServiceStats(store, now.getTime(), onlyServiceKey),
		backend.openRequests(),
		backend.maintenance([...new Set(rows.map((row) => row.equipment).filter(Boolean))], nowIso),
	]);
	const maintenance = windows.filter((status) => status.start !== null).map(toInfo);
	const windowOf = new Map(maintenance.map((info) => [info.equipment, info]));
	const requestOf = requestsByEquipment(openRequests);
	const services = rows.map((row) => {
		const figures = stats.get(row.serviceKey);
		const window = windowOf.get(row.equipment) ?? null;
		const overview: ServiceOverview = {
			name: row.name,
			url: row.url,
			equipment: row.equipment,
			state: stateOf(row.reportedState, window),
			lastStatusCode: row.lastStatusCode === -1 ? null : row.lastStatusCode,
			lastCheckedAt: row.lastCheckedAt,
			responseTimeMs: figures?.lastResponseMs ?? null,
			uptime: figures?.uptime ?? { '24h': null, '7d': null, '30d': null },
			p95ResponseTimeMs: figures?.p95Ms24h ?? null,
			certificateDaysRemaining: certificateDays(figures, now),
			openRequest: requestOf.get(row.equipment) ?? null,
			maintenance: window,
		};
		return {
			...overview,
			charts: {
				daily: figures?.daily ?? NO_DAYS,
				hourlyAverageMs: figures?.hourlyAverageMs ?? NO_HOURS,
			},
		};
	});
	maintenance.sort(
		(a, b) => Number(b.active) - Number(a.active) || String(a.start).localeCompare(String(b.start)),
	);
	return { generatedAt: nowIso, services, openRequests, maintenance };
}

function stateOf(reported: string, window: MaintenanceInfo | null): ServiceState {
	if (window?.active) return 'maintenance';
	return reported === 'up' || reported === 'down' ? reported : 'unknown';
}

function certificateDays(figures: ServiceStats | undefined, now: Date): number | null {
	if (!figures?.certExpiresAt) return null;
	return Math.floor((Date.parse(figures.certExpiresAt) - now.getTime()) / DAY_MS);
}

/** Each equipment's (first) open request: by name (Local, or the name in "[HTTP KO] <equipment>") or Odoo ID. */
function requestsByEquipment(requests: OpenRequest[]): Map<string, OpenRequest> {
	const byEquipment = new Map<string, OpenRequest>();
	for (const request of requests) {
		for (const key of [
			request.equipment,
			request.equipmentId === null ? null : String(request.equipmentId),
		]) {
			if (key !== null && !byEquipment.has(key)) byEquipment.set(key, request);
		}
	}
	return byEquipment;
}

function toInfo(status: MaintenanceStatus): MaintenanceInfo {
	return {
		equipment: status.equipment,
		active: status.active,
		start: status.start,
		end: status.end,
		reason: status.reason,
	};
}
