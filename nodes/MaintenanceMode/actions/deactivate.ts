import { requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';

export const deactivate: Operation = async function (context) {
	return forEachItem.call(this, async (itemIndex) =>
		context.backend.deactivate(requireEquipment.call(this, itemIndex), context.now),
	);
};
