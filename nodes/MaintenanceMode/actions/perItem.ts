import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import type { MaintenanceStatus } from '../backends/types';
import { statusJson } from './context';

type Prepared<T> = { input: T } | { error: Error };

/**
 * Runs an operation once per input item, with n8n's continueOnFail handling. Every item's parameters
 * are read and checked first, so a bad item fails the node before anything is written for any item.
 */
export async function forEachItem<T>(
	fns: IExecuteFunctions,
	prepare: (itemIndex: number) => T,
	perform: (input: T, itemIndex: number) => Promise<MaintenanceStatus>,
): Promise<INodeExecutionData[][]> {
	const items = fns.getInputData();
	const prepared: Array<Prepared<T>> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared.push({ input: prepare(itemIndex) });
		} catch (error) {
			if (!fns.continueOnFail()) throw toNodeError(fns.getNode(), error, itemIndex);
			prepared.push({ error: error as Error });
		}
	}
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const item = prepared[itemIndex];
		let json;
		try {
			if ('error' in item) throw item.error;
			json = statusJson(await perform(item.input, itemIndex));
		} catch (error) {
			if (!fns.continueOnFail()) throw toNodeError(fns.getNode(), error, itemIndex);
			json = { error: (error as Error).message };
		}
		output.push(
			...fns.helpers.constructExecutionMetaData(fns.helpers.returnJsonArray(json), {
				itemData: { item: itemIndex },
			}),
		);
	}
	return [output];
}

/** Runs an operation once for the whole input (list/expiry operations) and emits its statuses. */
export function allItemsOutput(
	fns: IExecuteFunctions,
	statuses: MaintenanceStatus[],
): INodeExecutionData[][] {
	return [
		fns.helpers.constructExecutionMetaData(fns.helpers.returnJsonArray(statuses.map(statusJson)), {
			itemData: { item: 0 },
		}),
	];
}
