import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { ListFilter } from '../backends/types';
import type { Operation } from '../helpers/context';

/** One item per "[HTTP KO]" request, newest first. */
export const listRequests: Operation = async function (context) {
	const state = this.getNodeParameter('listState', 0, 'open') as ListFilter['state'];
	const equipment = String(this.getNodeParameter('listEquipment', 0, '') ?? '').trim();
	const sinceText = String(this.getNodeParameter('since', 0, '') ?? '').trim();
	let since: string | undefined;
	if (sinceText) {
		const valid = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(
			sinceText,
		);
		const parsed = Date.parse(sinceText);
		if (!valid || Number.isNaN(parsed)) {
			throw new NodeOperationError(
				this.getNode(),
				`Invalid parameter "since": "${sinceText}" is not a date (2026-11-01) or a date-time with its offset`,
			);
		}
		since = new Date(parsed).toISOString();
	}
	const requests = await context.backend.list({ state, equipment: equipment || undefined, since });
	return [requests.map((request) => ({ json: request as unknown as IDataObject }))];
};
