import type { OdooClient } from '../../shared/odoo/client';
import { equipmentsById, findEquipment, type Equipment } from '../../shared/odoo/equipment';
import { toOdooDatetime } from '../../shared/odoo/datetime';
import { OdooError } from '../../shared/odoo/errors';
import { escapeHtml } from '../../shared/odoo/html';
import {
	maintenanceModeRequestName,
	MAINTENANCE_MODE_PREFIX,
	doneStageLookup,
	REQUEST_MODEL as REQUEST,
} from '../../shared/odoo/maintenance';
import type { OdooVals } from '../../shared/odoo/types';
import { InvalidParameterError } from '../../shared/errors';
import {
	activationWindow,
	isActive,
	parseDurationHours,
	validateSchedule,
} from '../../shared/time/maintenanceWindow';
import { odooMaintenanceWindows, type OdooWindow } from '../../shared/odoo/maintenanceWindows';
import type { MaintenanceBackend, MaintenanceStatus } from './types';

export const DURATION_PARAMETER = 'maintenance_service_http_monitoring.maintenance_mode_duration';

/**
 * Odoo backend: a maintenance window is a preventive maintenance.request on the equipment, from
 * schedule_date to schedule_end, in a stage that is not done. Requests that Odoo users plan themselves
 * count as maintenance too; this node only creates, extends and ends its own "[Maintenance mode]" ones,
 * except that Deactivate ends every window running now, so the equipment really leaves maintenance.
 */
export function odooBackend(client: OdooClient): MaintenanceBackend {
	const windows = odooMaintenanceWindows(client);
	const { supportsScheduleEnd, openWindows, statusOf } = windows;
	const firstDoneStage = doneStageLookup(client);
	let durationSetting: Promise<number | null> | undefined;

	/** The system parameter in hours, or null when it is unset, unusable or not readable by this user. */
	async function readDurationSetting(): Promise<number | null> {
		let value: unknown;
		try {
			value = await client.call('ir.config_parameter', 'get_param', {
				kwargs: { key: DURATION_PARAMETER },
			});
		} catch (error) {
			// Only settings admins may read system parameters: other users fall back to the node setting.
			if (error instanceof OdooError && error.kind === 'access') return null;
			throw error;
		}
		if (value === false || value === null || value === undefined || value === '') return null;
		try {
			return parseDurationHours(value, DURATION_PARAMETER);
		} catch (error) {
			if (error instanceof InvalidParameterError) return null;
			throw error;
		}
	}

	async function endValues(start: string, end: string): Promise<Record<string, string | number>> {
		if (await supportsScheduleEnd()) return { schedule_end: toOdooDatetime(end) };
		return { duration: (Date.parse(end) - Date.parse(start)) / 3_600_000 };
	}

	async function createWindow(equipment: Equipment, start: string, end: string, reason: string) {
		await client.create(REQUEST, {
			name: maintenanceModeRequestName(equipment.name),
			equipment_id: equipment.id,
			maintenance_type: 'preventive',
			schedule_date: toOdooDatetime(start),
			...(await endValues(start, end)),
			description: reason ? reasonHtml(reason) : false,
		});
	}

	async function closeWindow(window: OdooWindow, end: string) {
		await client.write(REQUEST, [window.id], {
			...(await endValues(window.start, end)),
			stage_id: await firstDoneStage(),
		});
		await dropOpenTodos(window.id);
	}

	/**
	 * A request with a schedule_date gives its technician an automated "Maintenance Request" to-do.
	 * Moving it to a done stage marks that to-do done, then plans a new one because schedule_date is
	 * still set (addons/maintenance/models/maintenance.py, write > activity_update). The window is over:
	 * remove the to-dos Odoo left open on it, so no finished window stays on anyone's list.
	 */
	async function dropOpenTodos(requestId: number) {
		const todos = await client.searchRead(
			'mail.activity',
			[
				['res_model', '=', REQUEST],
				['res_id', '=', requestId],
				['automated', '=', true],
			],
			{ fields: ['id'] },
		);
		if (todos.length) {
			await client.call('mail.activity', 'unlink', { ids: todos.map((todo) => todo.id) });
		}
	}

	/**
	 * Two executions activating at once may both find no running window and both create one. Whoever
	 * sees several keeps the oldest, extended to the latest end, and closes the others as empty windows;
	 * both executions reach the same result, so running this twice does no harm.
	 */
	async function mergeDuplicates(running: OdooWindow[]): Promise<boolean> {
		if (running.length < 2) return false;
		const [keep, ...duplicates] = [...running].sort((a, b) => a.id - b.id);
		const end = running.map((window) => window.end).reduce((a, b) => (a > b ? a : b));
		if (end !== keep.end) await client.write(REQUEST, [keep.id], await endValues(keep.start, end));
		for (const duplicate of duplicates) await closeWindow(duplicate, duplicate.start);
		return true;
	}

	return {
		recurringWindows: false,

		async defaultDurationHours(fallback) {
			durationSetting ??= readDurationSetting();
			return (await durationSetting) ?? fallback;
		},

		async activate(reference, hours, reason, now) {
			const equipment = await findEquipment(client, reference);
			const windows = await openWindows([['equipment_id', '=', equipment.id]]);
			const running = windows.find((window) => window.ours && isActive(window, now));
			const target = activationWindow(now, hours, running);
			if (running) {
				const vals: OdooVals = {};
				if (target.end !== running.end) {
					Object.assign(vals, await endValues(running.start, target.end));
				}
				if (reason && reason !== running.reason) vals.description = reasonHtml(reason);
				if (Object.keys(vals).length) await client.write(REQUEST, [running.id], vals);
			} else {
				await createWindow(equipment, target.start, target.end, reason);
			}
			const after = await openWindows([['equipment_id', '=', equipment.id]]);
			if (await mergeDuplicates(after.filter((window) => window.ours && isActive(window, now)))) {
				return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
			}
			return statusOf(equipment, after, now);
		},

		async deactivate(reference, now) {
			const equipment = await findEquipment(client, reference);
			const windows = await openWindows([['equipment_id', '=', equipment.id]]);
			const before = statusOf(equipment, windows, now);
			for (const window of windows.filter((candidate) => isActive(candidate, now))) {
				await closeWindow(window, now);
			}
			return {
				...before,
				active: false,
				end: before.active ? now : before.end,
				remainingMinutes: 0,
			};
		},

		statuses: (references, now) => windows.statuses(references, now),

		async status(reference, now) {
			const equipment = await findEquipment(client, reference);
			return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
		},

		async listActive(now) {
			const windows = await openWindows([['schedule_date', '<=', toOdooDatetime(now)]]);
			const running = windows.filter((candidate) => isActive(candidate, now));
			const equipments = await equipmentsById(
				client,
				running.map((window) => window.equipmentId),
			);
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
			const end = new Date(
				Date.parse(validated.start) + validated.durationHours * 3_600_000,
			).toISOString();
			await createWindow(equipment, validated.start, end, reason);
			return statusOf(equipment, await openWindows([['equipment_id', '=', equipment.id]]), now);
		},

		async endExpired(now) {
			const windows = await openWindows([
				['name', '=like', `${MAINTENANCE_MODE_PREFIX}%`],
				['schedule_date', '<=', toOdooDatetime(now)],
			]);
			const expired = windows.filter((candidate) => candidate.end <= now);
			const equipments = await equipmentsById(
				client,
				expired.map((window) => window.equipmentId),
			);
			const ended: MaintenanceStatus[] = [];
			for (const window of expired) {
				await client.write(REQUEST, [window.id], { stage_id: await firstDoneStage() });
				await dropOpenTodos(window.id);
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

function reasonHtml(reason: string): string {
	return `<p>${escapeHtml(reason)}</p>`;
}
