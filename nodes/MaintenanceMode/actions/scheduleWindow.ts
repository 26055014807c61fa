import { asNodeError, requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';
import { assertTimeZone, validateSchedule, type ScheduleSpec } from '../../shared/time/maintenanceWindow';

export const scheduleWindow: Operation = async function (context) {
	return forEachItem.call(this, async (itemIndex) => {
		const equipment = requireEquipment.call(this, itemIndex);
		const timeZone = String(this.getNodeParameter('timeZone', itemIndex, '') || this.getTimezone());
		const spec: ScheduleSpec = {
			start: String(this.getNodeParameter('start', itemIndex, '') ?? ''),
			durationHours: this.getNodeParameter('scheduleDurationHours', itemIndex) as number,
			timeZone,
			weekdays: (this.getNodeParameter('weekdays', itemIndex, []) as number[]).map(Number),
			until: String(this.getNodeParameter('until', itemIndex, '') ?? '') || undefined,
		};
		asNodeError.call(this, itemIndex, () => {
			assertTimeZone(timeZone);
			validateSchedule(spec);
		});
		const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '');
		return context.backend.schedule(equipment, spec, reason, context.now);
	});
};
