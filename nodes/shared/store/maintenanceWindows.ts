import type { Queries, Row } from './stateStore';
import {
	isActive,
	nextOccurrence,
	occurrenceAt,
	remainingMinutes,
	type ScheduleSpec,
	type TimeWindow,
	type ValidatedSchedule,
} from '../time/maintenanceWindow';

/**
 * Reading the Local maintenance windows (written by the Maintenance Mode node), for every node that
 * needs to know whether an equipment is in maintenance: Maintenance Mode, HTTP Service Check (its
 * history) and Service Status.
 */

export type WindowSource = 'manual' | 'schedule' | 'odoo';

/** What the Maintenance Mode node reports for an equipment (both backends produce this). */
export type MaintenanceStatus = {
	equipment: string;
	active: boolean;
	start: string | null;
	end: string | null;
	remainingMinutes: number;
	reason: string;
	source: WindowSource | null;
	/** For recurring schedules: the next occurrence after now. */
	nextStart?: string | null;
	windowId?: number;
};

export interface StoredSchedule extends ValidatedSchedule {
	/** End of an occurrence the user deactivated early: that occurrence is over. */
	skipUntil?: string;
	/** End of the last occurrence reported by End Expired, so each is reported once. */
	reportedUntil?: string;
}

export interface WindowRow {
	id: number;
	equipment: string;
	start: string;
	end: string;
	reason: string;
	source: WindowSource;
	schedule: StoredSchedule | null;
	createdAt: string;
}

/** A stored (validated) schedule as the spec the time module reads. */
export function specOf(schedule: StoredSchedule): ScheduleSpec {
	return { ...schedule, until: schedule.until ?? undefined };
}

export function toWindowRow(row: Row): WindowRow {
	return {
		id: Number(row.id),
		equipment: String(row.equipment),
		start: String(row.start_at),
		end: String(row.end_at),
		reason: String(row.reason ?? ''),
		source: row.source as WindowSource,
		schedule: row.schedule ? (JSON.parse(String(row.schedule)) as StoredSchedule) : null,
		createdAt: String(row.created_at),
	};
}

export /** The window of a stored row that contains `now`, or null. */
function currentWindow(row: WindowRow, now: string): TimeWindow | null {
	if (!row.schedule) return isActive(row, now) ? { start: row.start, end: row.end } : null;
	const occurrence = occurrenceAt(specOf(row.schedule), now);
	if (!occurrence) return null;
	if (row.schedule.skipUntil && occurrence.end <= row.schedule.skipUntil) return null;
	return occurrence;
}

/**
 * The windows not ended, of one equipment or all. `lock` (in a write transaction) locks them until
 * commit, so a concurrent write to the same windows waits and then reads what this one wrote.
 */
export async function openRows(
	store: Queries,
	equipment?: string,
	lock = false,
): Promise<WindowRow[]> {
	const forUpdate = lock ? ' FOR UPDATE' : '';
	const rows =
		equipment === undefined
			? await store.all(
					`SELECT * FROM maintenance_windows WHERE ended_at IS NULL ORDER BY id${forUpdate}`,
				)
			: await store.all(
					`SELECT * FROM maintenance_windows WHERE ended_at IS NULL AND equipment = ? ORDER BY id${forUpdate}`,
					equipment,
				);
	return rows.map(toWindowRow);
}

export function statusOf(equipment: string, rows: WindowRow[], now: string): MaintenanceStatus {
	let best: { row: WindowRow; window: TimeWindow } | null = null;
	for (const row of rows) {
		const window = currentWindow(row, now);
		if (window && (!best || window.end > best.window.end)) best = { row, window };
	}
	if (best) {
		return {
			equipment,
			active: true,
			start: best.window.start,
			end: best.window.end,
			remainingMinutes: remainingMinutes(best.window, now),
			reason: best.row.reason,
			source: best.row.source,
			windowId: best.row.id,
		};
	}
	const upcoming = rows
		.map((row) => ({
			row,
			next: row.schedule ? nextOccurrence(specOf(row.schedule), now) : row.start > now ? row : null,
		}))
		.filter(
			(candidate): candidate is { row: WindowRow; next: TimeWindow } => candidate.next !== null,
		)
		.sort((a, b) => a.next.start.localeCompare(b.next.start))[0];
	return {
		equipment,
		active: false,
		start: upcoming?.next.start ?? null,
		end: upcoming?.next.end ?? null,
		remainingMinutes: 0,
		reason: upcoming?.row.reason ?? '',
		source: upcoming?.row.source ?? null,
		nextStart: upcoming?.next.start ?? null,
		windowId: upcoming?.row.id,
	};
}

/** Status of many equipments in one read (for filtering thousands of items). */
export async function windowStatuses(
	store: Queries,
	equipments: Iterable<string>,
	now: string,
): Promise<Map<string, MaintenanceStatus>> {
	const byEquipment = new Map<string, WindowRow[]>();
	for (const row of await openRows(store)) {
		const list = byEquipment.get(row.equipment) ?? [];
		list.push(row);
		byEquipment.set(row.equipment, list);
	}
	const result = new Map<string, MaintenanceStatus>();
	for (const equipment of equipments) {
		if (!result.has(equipment)) {
			result.set(equipment, statusOf(equipment, byEquipment.get(equipment) ?? [], now));
		}
	}
	return result;
}
