import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { closeRequest } from './closeRequest';
import type { Operation, RequestContext } from '../helpers/context';
import { listRequests } from './listRequests';
import { reportFailures } from './reportFailures';
import { resolveRecovered } from './resolveRecovered';
import { retryPending } from './retryPending';

const operations: Record<string, Operation> = {
	closeRequest,
	listRequests,
	reportFailures,
	resolveRecovered,
	retryPending,
};

export async function route(
	this: IExecuteFunctions,
	context: RequestContext,
): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`);
	return run.call(this, context);
}
