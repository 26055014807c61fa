import type { INodeExecutionData } from 'n8n-workflow';

import { itemParameter } from '../../shared/n8n/itemParameter';
import type { Operation } from './context';

const NOT_IN_MAINTENANCE = 0;
const IN_MAINTENANCE = 1;

/** Routes every input item by its equipment's maintenance status, reading all statuses at once. */
export const filterItems: Operation = async function (context) {
	const items = this.getInputData();
	const equipmentParameter = itemParameter(this, 'equipment', '' as unknown);
	const equipmentOf = items.map((_, itemIndex) => {
		const value = equipmentParameter(itemIndex);
		return value === null || value === undefined ? '' : String(value).trim();
	});
	const statuses = await context.backend.statuses(
		[...new Set(equipmentOf.filter((equipment) => equipment !== ''))],
		context.now,
	);
	const outputs: INodeExecutionData[][] = [[], []];
	items.forEach((item, itemIndex) => {
		const status = equipmentOf[itemIndex] ? statuses.get(equipmentOf[itemIndex]) : undefined;
		outputs[status?.active ? IN_MAINTENANCE : NOT_IN_MAINTENANCE].push({
			json: item.json,
			binary: item.binary,
			pairedItem: { item: itemIndex },
		});
	});
	return outputs;
};
