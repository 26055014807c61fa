import { requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';

export const getStatus: Operation = async function (context) {
	return forEachItem(
		this,
		(itemIndex) => requireEquipment.call(this, itemIndex),
		async (equipment) => context.backend.status(equipment, context.now),
	);
};
