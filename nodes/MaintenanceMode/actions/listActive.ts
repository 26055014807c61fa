import type { Operation } from './context';
import { allItemsOutput } from './perItem';

export const listActive: Operation = async function (context) {
	return allItemsOutput(this, await context.backend.listActive(context.now));
};
