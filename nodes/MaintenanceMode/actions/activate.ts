import type { IDataObject } from 'n8n-workflow';

import { durationParameter, requireEquipment, textParameter, type Operation } from './context';
import { forEachItem } from './perItem';

export const activate: Operation = async function (context) {
	return forEachItem(
		this,
		(itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return {
				equipment: requireEquipment.call(this, itemIndex),
				hours: durationParameter.call(this, 'durationHours', itemIndex),
				reason: textParameter.call(this, 'reason', itemIndex),
				durationFromOdoo: options.durationFromOdoo !== false,
			};
		},
		async ({ equipment, hours, reason, durationFromOdoo }) => {
			const duration = durationFromOdoo ? await context.backend.defaultDurationHours(hours) : hours;
			return context.backend.activate(equipment, duration, reason, context.now);
		},
	);
};
