import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';

import type { MaintenanceStatus } from '../backends/types';
import { statusJson } from './context';

/** Runs an operation once per input item, with n8n's continueOnFail handling. */
export async function forEachItem(
	this: IExecuteFunctions,
	work: (itemIndex: number) => Promise<MaintenanceStatus>,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push({ json: statusJson(await work(itemIndex)), pairedItem: { item: itemIndex } });
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	}
	return [output];
}

/** Runs an operation once for the whole input (list/expiry operations) and emits its statuses. */
export function allItemsOutput(statuses: MaintenanceStatus[]): INodeExecutionData[][] {
	return [statuses.map((status) => ({ json: statusJson(status), pairedItem: { item: 0 } }))];
}
