import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_DURATION_HOURS } from '../descriptions/fields';
import { optionalDurationParameter, requireEquipment, textParameter, type Operation } from './context';
import { forEachItem } from './perItem';

export const activate: Operation = async function (context) {
	return forEachItem(
		this,
		(itemIndex) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
			return {
				equipment: requireEquipment.call(this, itemIndex),
				hours: optionalDurationParameter.call(this, 'durationHours', itemIndex),
				reason: textParameter.call(this, 'reason', itemIndex),
				durationFromOdoo: options.durationFromOdoo !== false,
			};
		},
		async ({ equipment, hours, reason, durationFromOdoo }) => {
			// A typed duration wins; the Odoo system parameter is only the default when none is given.
			let duration = hours ?? DEFAULT_DURATION_HOURS;
			if (hours === null && durationFromOdoo) {
				duration = await context.backend.defaultDurationHours(DEFAULT_DURATION_HOURS);
			}
			return context.backend.activate(equipment, duration, reason, context.now);
		},
	);
};
