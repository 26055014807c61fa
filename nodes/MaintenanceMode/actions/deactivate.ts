import { requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';

export const deactivate: Operation = async function (context) {
	return forEachItem(
		this,
		(itemIndex) => requireEquipment.call(this, itemIndex),
		async (equipment) => context.backend.deactivate(equipment, context.now),
	);
};
