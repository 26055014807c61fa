import type { Operation } from './context';
import { allItemsOutput } from './perItem';

export const endExpired: Operation = async function (context) {
	return allItemsOutput(this, await context.backend.endExpired(context.now));
};
