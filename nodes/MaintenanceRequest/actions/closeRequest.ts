import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import type { Operation } from '../helpers/context';

/** Closes the request of each input item (its Request ID), with the note. */
export const closeRequest: Operation = async function (context) {
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			const id = Number(this.getNodeParameter('requestId', itemIndex, 0));
			if (!Number.isInteger(id) || id < 1) {
				throw new NodeOperationError(
					this.getNode(),
					`Invalid parameter "requestId": must be the ID of a request (a whole number), got ${String(id)}`,
					{ itemIndex },
				);
			}
			const note = String(this.getNodeParameter('note', itemIndex, '') ?? '').trim();
			const closed = await context.backend.closeById(id, note, context.now);
			output.push({ json: closed as unknown as IDataObject, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) throw toNodeError(this.getNode(), error, itemIndex);
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
		}
	}
	return [output];
};
