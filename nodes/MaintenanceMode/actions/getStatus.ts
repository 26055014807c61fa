import { requireEquipment, type Operation } from './context';
import { forEachItem } from './perItem';

export const getStatus: Operation = async function (context) {
	return forEachItem.call(this, async (itemIndex) =>
		context.backend.status(requireEquipment.call(this, itemIndex), context.now),
	);
};
