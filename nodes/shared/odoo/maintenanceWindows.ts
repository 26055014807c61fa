import type { OdooClient } from './client';
import { findEquipments, type Equipment } from './equipment';
import { fromOdooDatetime } from './datetime';
import { htmlToText } from './html';
import { MAINTENANCE_MODE_PREFIX, REQUEST_MODEL as REQUEST } from './maintenance';
import type { OdooDomain, OdooRecord } from './types';
import type { MaintenanceStatus } from '../store/maintenanceWindows';
import { isActive, remainingMinutes } from '../time/maintenanceWindow';

export interface OdooWindow {
	id: number;
	name: string;
	equipmentId: number;
	start: string;
	end: string;
	reason: string;
	ours: boolean;
}

/**
 * Maintenance windows in Odoo, read for Maintenance Mode and Service Status: a window is a preventive
 * maintenance.request on the equipment, from schedule_date to schedule_end (or duration), in a stage
 * that is not done.
 */
export function odooMaintenanceWindows(client: OdooClient) {
	let hasScheduleEnd: boolean | undefined;

	async function supportsScheduleEnd(): Promise<boolean> {
		if (hasScheduleEnd === undefined) {
			const fields = (await client.call(REQUEST, 'fields_get', {
				kwargs: { allfields: ['schedule_end'], attributes: ['type'] },
			})) as Record<string, unknown>;
			hasScheduleEnd = Boolean(fields && 'schedule_end' in fields);
		}
		return hasScheduleEnd;
	}

	async function openWindows(domain: OdooDomain): Promise<OdooWindow[]> {
		const withEnd = await supportsScheduleEnd();
		const records = await client.searchRead(
			REQUEST,
			[
				['maintenance_type', '=', 'preventive'],
				['stage_id.done', '=', false],
				['archive', '=', false],
				['schedule_date', '!=', false],
				...domain,
			],
			{
				fields: [
					'name',
					'equipment_id',
					'schedule_date',
					withEnd ? 'schedule_end' : 'duration',
					'description',
				],
				order: 'schedule_date, id',
			},
		);
		return records.map((record) => toWindow(record, withEnd));
	}

	function statusOf(equipment: Equipment, windows: OdooWindow[], now: string): MaintenanceStatus {
		const running = windows
			.filter((window) => window.equipmentId === equipment.id && isActive(window, now))
			.sort((a, b) => b.end.localeCompare(a.end))[0];
		if (running) {
			return {
				equipment: equipment.name,
				active: true,
				start: running.start,
				end: running.end,
				remainingMinutes: remainingMinutes(running, now),
				reason: running.reason,
				source: 'odoo',
				windowId: running.id,
			};
		}
		const upcoming = windows
			.filter((window) => window.equipmentId === equipment.id && window.start > now)
			.sort((a, b) => a.start.localeCompare(b.start))[0];
		return {
			equipment: equipment.name,
			active: false,
			start: upcoming?.start ?? null,
			end: upcoming?.end ?? null,
			remainingMinutes: 0,
			reason: upcoming?.reason ?? '',
			source: upcoming ? 'odoo' : null,
			nextStart: upcoming?.start ?? null,
			windowId: upcoming?.id,
		};
	}

	/** Status of many equipments (names or Odoo IDs) in two reads. */
	async function statuses(
		references: string[],
		now: string,
	): Promise<Map<string, MaintenanceStatus>> {
		const equipments = await findEquipments(client, references);
		const ids = [...new Set([...equipments.values()].map((equipment) => equipment.id))];
		const windows = ids.length ? await openWindows([['equipment_id', 'in', ids]]) : [];
		const result = new Map<string, MaintenanceStatus>();
		for (const reference of references) {
			const equipment = equipments.get(reference);
			// Unknown equipment cannot be in maintenance: its items are monitored as usual.
			result.set(
				reference,
				equipment ? statusOf(equipment, windows, now) : notInMaintenance(reference),
			);
		}
		return result;
	}

	return { supportsScheduleEnd, openWindows, statusOf, statuses };
}

function notInMaintenance(equipment: string): MaintenanceStatus {
	return {
		equipment,
		active: false,
		start: null,
		end: null,
		remainingMinutes: 0,
		reason: '',
		source: null,
	};
}

/** Instants as the Local backend writes them (with milliseconds), so that they compare as strings. */
function isoInstant(odooDatetime: string): string {
	return new Date(fromOdooDatetime(odooDatetime)).toISOString();
}

function toWindow(record: OdooRecord, withEnd: boolean): OdooWindow {
	const start = isoInstant(String(record.schedule_date));
	const end =
		withEnd && record.schedule_end
			? isoInstant(String(record.schedule_end))
			: new Date(Date.parse(start) + Number(record.duration || 0) * 3_600_000).toISOString();
	const equipment = record.equipment_id as [number, string] | false;
	const name = String(record.name);
	return {
		id: record.id,
		name,
		equipmentId: equipment ? equipment[0] : 0,
		start,
		end,
		reason: htmlToText(record.description),
		ours: name.startsWith(MAINTENANCE_MODE_PREFIX),
	};
}
