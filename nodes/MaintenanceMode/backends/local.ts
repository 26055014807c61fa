import type { Queries, StateStore } from '../../shared/store/stateStore';
import {
	activationWindow,
	isActive,
	nextOccurrence,
	validateSchedule,
	type ScheduleSpec,
	type TimeWindow,
} from '../../shared/time/maintenanceWindow';
import {
	currentWindow,
	openRows,
	specOf,
	statusOf,
	windowStatuses,
	type StoredSchedule,
	type WindowRow,
} from '../../shared/store/maintenanceWindows';
import type { MaintenanceBackend, MaintenanceStatus } from './types';

/**
 * `now` for a write, never before the start of a manual window that is not over. Executions read the
 * clock before they get the store's write lock, so a later one may commit first: its window, starting
 * a few milliseconds "after" `now`, is the running one to extend or end, not a future one.
 */
function serialNow(rows: WindowRow[], now: string): string {
	let at = now;
	for (const row of rows) {
		if (row.source === 'manual' && row.end > now && row.start > at) at = row.start;
	}
	return at;
}

/**
 * Starts a write transaction on one equipment's windows. Row locks cannot stop two executions that both
 * find no window from both inserting one, so writers of the same equipment take turns (an advisory lock
 * on PostgreSQL; SQLite's write lock already does it) and then read the locked rows.
 */
async function lockedRows(tx: Queries, equipment: string): Promise<WindowRow[]> {
	await tx.lock(`maintenance_windows:${equipment}`);
	return openRows(tx, equipment, true);
}

/** The maintenance windows of the embedded store (one transaction per write). */
export class LocalMaintenanceWindows {
	constructor(private readonly store: StateStore) {}

	/** Starts maintenance now for `durationHours`, or extends the manual window already running. */
	activate(
		equipment: string,
		durationHours: number,
		reason: string,
		now: string,
	): Promise<MaintenanceStatus> {
		return this.store.transaction(async (tx) => {
			const rows = await lockedRows(tx, equipment);
			const at = serialNow(rows, now);
			const running = rows.find((row) => row.source === 'manual' && isActive(row, at));
			const window = activationWindow(at, durationHours, running);
			if (running) {
				await tx.run(
					'UPDATE maintenance_windows SET end_at = ?, reason = ?, updated_at = ? WHERE id = ?',
					window.end,
					reason || running.reason,
					at,
					running.id,
				);
			} else {
				await tx.run(
					`INSERT INTO maintenance_windows (equipment, start_at, end_at, reason, source, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'manual', ?, ?)`,
					equipment,
					window.start,
					window.end,
					reason,
					at,
					at,
				);
			}
			return statusOf(equipment, await openRows(tx, equipment), at);
		});
	}

	/** Ends every window of the equipment that is running now; recurring schedules resume next time. */
	deactivate(equipment: string, now: string): Promise<MaintenanceStatus> {
		return this.store.transaction(async (tx) => {
			const rows = await lockedRows(tx, equipment);
			const at = serialNow(rows, now);
			const before = statusOf(equipment, rows, at);
			for (const row of rows) {
				const window = currentWindow(row, at);
				if (!window) continue;
				if (row.schedule) {
					const schedule = { ...row.schedule, skipUntil: window.end, reportedUntil: window.end };
					await tx.run(
						'UPDATE maintenance_windows SET schedule = ?, updated_at = ? WHERE id = ?',
						JSON.stringify(schedule),
						at,
						row.id,
					);
				} else {
					await tx.run(
						'UPDATE maintenance_windows SET end_at = ?, ended_at = ?, updated_at = ? WHERE id = ?',
						at,
						at,
						at,
						row.id,
					);
				}
			}
			return {
				...before,
				active: false,
				end: before.active ? at : before.end,
				remainingMinutes: 0,
			};
		});
	}

	async status(equipment: string, now: string): Promise<MaintenanceStatus> {
		return statusOf(equipment, await openRows(this.store, equipment), now);
	}

	/** Status of many equipments in one read (for filtering thousands of items). */
	async statuses(
		equipments: Iterable<string>,
		now: string,
	): Promise<Map<string, MaintenanceStatus>> {
		return windowStatuses(this.store, equipments, now);
	}

	async listActive(now: string): Promise<MaintenanceStatus[]> {
		const equipments = new Set((await openRows(this.store)).map((row) => row.equipment));
		return [...(await this.statuses(equipments, now)).values()].filter((status) => status.active);
	}

	/** Plans a future one-off or weekly recurring window. */
	schedule(
		equipment: string,
		spec: ScheduleSpec,
		reason: string,
		now: string,
	): Promise<MaintenanceStatus> {
		const validated = validateSchedule(spec);
		return this.store.transaction(async (tx) => {
			await tx.lock(`maintenance_windows:${equipment}`);
			if (validated.weekdays.length === 0) {
				const end = new Date(
					Date.parse(validated.start) + validated.durationHours * 3_600_000,
				).toISOString();
				await tx.run(
					`INSERT INTO maintenance_windows (equipment, start_at, end_at, reason, source, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'schedule', ?, ?)`,
					equipment,
					validated.start,
					end,
					reason,
					now,
					now,
				);
			} else {
				await tx.run(
					`INSERT INTO maintenance_windows (equipment, start_at, end_at, reason, source, schedule, created_at, updated_at)
					VALUES (?, ?, ?, ?, 'schedule', ?, ?, ?)`,
					equipment,
					validated.start,
					validated.until ?? '9999-12-31T23:59:59.999Z',
					reason,
					JSON.stringify(validated),
					now,
					now,
				);
			}
			return statusOf(equipment, await openRows(tx, equipment), now);
		});
	}

	/**
	 * Ends the windows whose end has passed and returns one status per ended window (each reported once).
	 * A recurring schedule stays; each of its finished occurrences is reported once.
	 */
	endExpired(now: string): Promise<MaintenanceStatus[]> {
		return this.store.transaction(async (tx) => {
			const ended: MaintenanceStatus[] = [];
			for (const row of await openRows(tx, undefined, true)) {
				if (!row.schedule) {
					if (row.end > now) continue;
					await tx.run(
						'UPDATE maintenance_windows SET ended_at = ?, updated_at = ? WHERE id = ?',
						row.end,
						now,
						row.id,
					);
					ended.push(endedStatus(row, { start: row.start, end: row.end }));
					continue;
				}
				const last = lastFinishedOccurrence(row, now);
				if (last && (!row.schedule.reportedUntil || last.end > row.schedule.reportedUntil)) {
					const schedule = { ...row.schedule, reportedUntil: last.end };
					const finished =
						row.schedule.until !== null && !nextOccurrence(specOf(row.schedule), now);
					await tx.run(
						'UPDATE maintenance_windows SET schedule = ?, ended_at = ?, updated_at = ? WHERE id = ?',
						JSON.stringify(schedule),
						finished ? last.end : null,
						now,
						row.id,
					);
					ended.push(endedStatus(row, last));
				}
			}
			return ended;
		});
	}
}

/** The most recent occurrence of a schedule that has ended by `now` (within the last week) and began after the row was created. */
function lastFinishedOccurrence(row: WindowRow, now: string): TimeWindow | null {
	const schedule = specOf(row.schedule as StoredSchedule);
	const weekAgo = new Date(Date.parse(now) - 8 * 24 * 3_600_000).toISOString();
	let cursor = weekAgo > row.createdAt ? weekAgo : row.createdAt;
	let last: TimeWindow | null = null;
	for (let i = 0; i < 64; i++) {
		const next = nextOccurrence(schedule, cursor);
		if (!next || next.end > now) break;
		last = next;
		cursor = next.start;
	}
	return last;
}

function endedStatus(row: WindowRow, window: TimeWindow): MaintenanceStatus {
	return {
		equipment: row.equipment,
		active: false,
		start: window.start,
		end: window.end,
		remainingMinutes: 0,
		reason: row.reason,
		source: row.source,
		windowId: row.id,
	};
}

/** Local backend of the Maintenance Mode node: windows in the embedded store. */
export function localBackend(store: StateStore): MaintenanceBackend {
	const windows = new LocalMaintenanceWindows(store);
	return {
		recurringWindows: true,
		defaultDurationHours: async (fallback) => fallback,
		activate: (equipment, hours, reason, now) => windows.activate(equipment, hours, reason, now),
		deactivate: (equipment, now) => windows.deactivate(equipment, now),
		status: (equipment, now) => windows.status(equipment, now),
		statuses: (equipments, now) => windows.statuses(equipments, now),
		listActive: (now) => windows.listActive(now),
		schedule: (equipment, spec, reason, now) => windows.schedule(equipment, spec, reason, now),
		endExpired: (now) => windows.endExpired(now),
	};
}
