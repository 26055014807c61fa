import {
	assertTimeZone,
	validateSchedule,
	type ScheduleSpec,
} from '../../shared/time/maintenanceWindow';
import {
	asNodeError,
	parameterError,
	requireEquipment,
	textParameter,
	type Operation,
} from './context';
import { forEachItem } from './perItem';

export const scheduleWindow: Operation = async function (context) {
	return forEachItem(
		this,
		(itemIndex) => {
			const equipment = requireEquipment.call(this, itemIndex);
			const timeZone = textParameter.call(this, 'timeZone', itemIndex).trim() || this.getTimezone();
			const weekdays = this.getNodeParameter('weekdays', itemIndex, []) as unknown;
			const spec: ScheduleSpec = {
				start: textParameter.call(this, 'start', itemIndex).trim(),
				durationHours: this.getNodeParameter('scheduleDurationHours', itemIndex) as number,
				timeZone,
				// Left as is when not a list, for validateSchedule to reject naming the parameter.
				weekdays: (Array.isArray(weekdays) ? weekdays.map(Number) : weekdays) as number[],
				until: textParameter.call(this, 'until', itemIndex).trim() || undefined,
			};
			const validated = asNodeError(this, itemIndex, () => {
				assertTimeZone(timeZone);
				return validateSchedule(spec);
			});
			if (validated.weekdays.length && !context.backend.recurringWindows) {
				throw parameterError.call(
					this,
					'weekdays',
					'weekly recurring windows need the Local backend; in Odoo, plan recurring preventive maintenance on the equipment',
					itemIndex,
				);
			}
			if (!validated.weekdays.length) {
				const end = new Date(Date.parse(validated.start) + validated.durationHours * 3_600_000);
				if (end.toISOString() <= context.now) {
					throw parameterError.call(
						this,
						'start',
						`the window would already be over (it ends at ${end.toISOString()})`,
						itemIndex,
					);
				}
			}
			return { equipment, spec, reason: textParameter.call(this, 'reason', itemIndex) };
		},
		async ({ equipment, spec, reason }) =>
			context.backend.schedule(equipment, spec, reason, context.now),
	);
};
