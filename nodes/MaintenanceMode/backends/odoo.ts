import type { OdooClient } from '../../shared/odoo/client';
import {
	equipmentsById,
	findEquipment,
	findEquipments,
	type Equipment,
} from '../../shared/odoo/equipment';
import { fromOdooDatetime, toOdooDatetime } from '../../shared/odoo/datetime';
import { OdooError } from '../../shared/odoo/errors';
import { escapeHtml } from '../../shared/odoo/html';
import type { OdooDomain, OdooRecord } from '../../shared/odoo/types';
import { InvalidParameterError } from '../../shared/errors';
import {
	activationWindow,
	isActive,
	parseDurationHours,
	remainingMinutes,
	validateSchedule,
} from '../../shared/time/maintenanceWindow';
import type { MaintenanceBackend, MaintenanceStatus } from './types';

export const MAINTENANCE_MODE_PREFIX = '[Maintenance mode]';
export const DURATION_PARAMETER = 'maintenance_service_http_monitoring.maintenance_mode_duration';
const REQUEST = 'maintenance.request';

interface OdooWindow {
	id: number;
	name: string;
	equipmentId: number;
	start: string;
	end: string;
	reason: string;
	ours: boolean;
}

/**
 * Odoo backend: a maintenance window is a preventive maintenance.request on the equipment, from
 * schedule_date to schedule_end, in a stage that is not done. Requests that Odoo users plan themselves
 * count as maintenance too; this node only creates, extends and ends its own "[Maintenance mode]" ones,
 * except that Deactivate ends every window running now, so the equipment really leaves maintenance.
 */
export function odooBackend(client: OdooClient): MaintenanceBackend {
	let hasScheduleEnd: boolean | undefined;
	let doneStageId: number | undefined;

	async function supportsScheduleEnd(): Promise<boolean> {
		if (hasScheduleEnd === undefined) {
			const fields = (await client.call(REQUEST, 'fields_get', {
				kwargs: { allfields: ['schedule_end'], attributes: ['type'] },
			})) as Record<string, unknown>;
			hasScheduleEnd = Boolean(fields && 'schedule_end' in fields);
		}
		return hasScheduleEnd;
	}

	async function firstDoneStage(): Promise<number> {
		if (doneStageId === undefined) {
			const stages = await client.searchRead('maintenance.stage', [['done', '=', true]], {
				fields: ['id'],
				order: 'sequence, id',
				limit: 1,
			});
			if (!stages.length) throw new Error('Odoo has no maintenance stage marked as done');
			doneStageId = stages[0].id;
		}
		return doneStageId;
	}

	async function openWindows(domain: OdooDomain): Promise<OdooWindow[]> {
		const withEnd = await supportsScheduleEnd();
		const records = await client.searchRead(
			REQUEST,
			[
				['maintenance_type', '=', 'preventive'],
				['stage_id.done', '=', false],
				['schedule_date', '!=', false],
				...domain,
			],
			{
				fields: ['name', 'equipment_id', 'schedule_date', withEnd ? 'schedule_end' : 'duration', 'description'],
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

	async function endValues(start: string, end: string): Promise<Record<string, string | number>> {
		if (await supportsScheduleEnd()) return { schedule_end: toOdooDatetime(end) };
		return { duration: (Date.parse(end) - Date.parse(start)) / 3_600_000 };
	}

	async function createWindow(equipment: Equipment, start: string, end: string, reason: string) {
		await client.create(REQUEST, {
			name: `${MAINTENANCE_MODE_PREFIX} ${equipment.name}`,
			equipment_id: equipment.id,
			maintenance_type: 'preventive',
			schedule_date: toOdooDatetime(start),
			...(await endValues(start, end)),
			description: reason ? `<p>${escapeHtml(reason)}</p>` : false,
		});
	}

	async function closeWindow(window: OdooWindow, end: string) {
		await client.write(REQUEST, [window.id], {
			...(await endValues(window.start, end)),
			stage_id: await firstDoneStage(),
		});
	}

	return {
		async defaultDurationHours(fallback) {
			try {
				const value = await client.call('ir.config_parameter', 'get_param', {
					kwargs: { key: DURATION_PARAMETER },
				});
				if (value === false || value === null || value === undefined || value === '') return fallback;
				return parseDurationHours(value, DURATION_PARAMETER);
			} catch (error) {
				// Only admins may read system parameters: a technician's credential falls back to the node setting.
				if (error instanceof OdooError && error.kind === 'access') return fallback;
				if (error instanceof InvalidParameterError) return fallback;
				throw error;
			}
		},

		async activate(reference, hours, reason, now) {
			const equipment = await findEquipment(client, reference);
			const windows = await openWindows([['equipment_id', '=', equipment.id]]);
			const running = windows.find((window) => window.ours && isActive(window, now));
			const target = activationWindow(now, hours, running);
			if (running) {
				if (target.end !== running.end) {
					await client.write(REQUEST, [running.id], await endValues(running.start, target.end));
				}
			} else {
				await createWindow(equipment, target.start, target.end, reason);
			}
			return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
		},

		async deactivate(reference, now) {
			const equipment = await findEquipment(client, reference);
			const windows = await openWindows([['equipment_id', '=', equipment.id]]);
			const before = statusOf(equipment, windows, now);
			for (const window of windows.filter((candidate) => isActive(candidate, now))) {
				await closeWindow(window, now);
			}
			return { ...before, active: false, end: before.active ? now : before.end, remainingMinutes: 0 };
		},

		async status(reference, now) {
			const equipment = await findEquipment(client, reference);
			return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
		},

		async statuses(references, now) {
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
		},

		async listActive(now) {
			const windows = await openWindows([['schedule_date', '<=', toOdooDatetime(now)]]);
			const running = windows.filter((candidate) => isActive(candidate, now));
			const equipments = await equipmentsById(client, running.map((window) => window.equipmentId));
			return [...equipments.values()].map((equipment) => statusOf(equipment, windows, now));
		},

		async schedule(reference, spec, reason, now) {
			const validated = validateSchedule(spec);
			if (validated.weekdays.length) {
				throw new InvalidParameterError(
					'weekdays',
					'weekly recurring windows need the Local backend; in Odoo, plan recurring preventive maintenance on the equipment',
				);
			}
			const equipment = await findEquipment(client, reference);
			const end = new Date(Date.parse(validated.start) + validated.durationHours * 3_600_000).toISOString();
			await createWindow(equipment, validated.start, end, reason);
			return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
		},

		async endExpired(now) {
			const windows = await openWindows([
				['name', '=like', `${MAINTENANCE_MODE_PREFIX}%`],
				['schedule_date', '<=', toOdooDatetime(now)],
			]);
			const expired = windows.filter((candidate) => candidate.end <= now);
			const equipments = await equipmentsById(client, expired.map((window) => window.equipmentId));
			const ended: MaintenanceStatus[] = [];
			for (const window of expired) {
				await client.write(REQUEST, [window.id], { stage_id: await firstDoneStage() });
				ended.push({
					equipment: equipments.get(window.equipmentId)?.name ?? '',
					active: false,
					start: window.start,
					end: window.end,
					remainingMinutes: 0,
					reason: window.reason,
					source: 'odoo',
					windowId: window.id,
				});
			}
			return ended;
		},
	};
}

function notInMaintenance(equipment: string): MaintenanceStatus {
	return { equipment, active: false, start: null, end: null, remainingMinutes: 0, reason: '', source: null };
}

function toWindow(record: OdooRecord, withEnd: boolean): OdooWindow {
	const start = fromOdooDatetime(String(record.schedule_date));
	const end =
		withEnd && record.schedule_end
			? fromOdooDatetime(String(record.schedule_end))
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

function htmlToText(value: unknown): string {
	if (!value) return '';
	return String(value)
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}
