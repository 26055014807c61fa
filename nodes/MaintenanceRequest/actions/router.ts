import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Operation, RequestContext } from '../helpers/context';
import { reportFailures } from './reportFailures';
import { resolveRecovered } from './resolveRecovered';
import { retryPending } from './retryPending';

const operations: Record<string, Operation> = { reportFailures, resolveRecovered, retryPending };

export async function route(
	this: IExecuteFunctions,
	context: RequestContext,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	return run.call(this, context);
}
