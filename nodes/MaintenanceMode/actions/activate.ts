import type { IDataObject } from 'n8n-workflow';

import { durationParameter, requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';

export const activate: Operation = async function (context) {
	return forEachItem.call(this, async (itemIndex) => {
		const equipment = requireEquipment.call(this, itemIndex);
		let hours = durationParameter.call(this, 'durationHours', itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		if (options.durationFromOdoo !== false) hours = await context.backend.defaultDurationHours(hours);
		const reason = String(this.getNodeParameter('reason', itemIndex, '') ?? '');
		return context.backend.activate(equipment, hours, reason, context.now);
	});
};
