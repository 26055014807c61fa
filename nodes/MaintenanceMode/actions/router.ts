import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { activate } from './activate';
import type { Operation, OperationContext } from './context';
import { deactivate } from './deactivate';
import { endExpired } from './endExpired';
import { filterItems } from './filterItems';
import { getStatus } from './getStatus';
import { listActive } from './listActive';
import { scheduleWindow } from './scheduleWindow';

const operations: Record<string, Operation> = {
	activate,
	deactivate,
	endExpired,
	filterItems,
	getStatus,
	listActive,
	scheduleWindow,
};

export async function route(
	this: IExecuteFunctions,
	context: OperationContext,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	return run.call(this, context);
}
