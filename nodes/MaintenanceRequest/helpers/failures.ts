import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

import { redactUrl, redactUrlsInText } from '../../shared/net/redactUrl';
import type { FailingService } from '../backends/types';

export interface ServiceItem {
	itemIndex: number;
	equipment: string;
	service: FailingService;
}

/** Reads the service fields of every item; items without an equipment are returned as errors. */
export function readServiceItems(
	this: IExecuteFunctions,
	withFailure: boolean,
	now: string,
): { services: ServiceItem[]; invalid: Array<{ itemIndex: number; error: NodeOperationError }> } {
	const services: ServiceItem[] = [];
	const invalid: Array<{ itemIndex: number; error: NodeOperationError }> = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const equipment = text(this.getNodeParameter('equipment', itemIndex, ''));
		if (!equipment) {
			invalid.push({
				itemIndex,
				error: new NodeOperationError(this.getNode(), `Item ${itemIndex} has no equipment`, {
					itemIndex,
					description:
						'Every failed service must name its equipment: set the "Equipment" parameter or an "equipment" field.',
				}),
			});
			continue;
		}
		// URLs lose their user-info (user:password@): they go into descriptions, notes, the store.
		const url = redactUrl(text(this.getNodeParameter('serviceUrl', itemIndex, '')));
		const service: FailingService = {
			service: redactUrlsInText(text(this.getNodeParameter('serviceName', itemIndex, ''))) || url,
			url,
			statusCode: withFailure
				? statusCodeOf(this.getNodeParameter('statusCode', itemIndex, -1))
				: 200,
			error: withFailure
				? redactUrlsInText(text(this.getNodeParameter('errorMessage', itemIndex, '')))
				: '',
			failedAt: withFailure ? text(this.getNodeParameter('failedAt', itemIndex, '')) || now : now,
		};
		services.push({ itemIndex, equipment, service });
	}
	return { services, invalid };
}

export function groupByEquipment(services: ServiceItem[]): Map<string, ServiceItem[]> {
	const groups = new Map<string, ServiceItem[]>();
	for (const item of services) {
		const list = groups.get(item.equipment) ?? [];
		list.push(item);
		groups.set(item.equipment, list);
	}
	return groups;
}

function text(value: unknown): string {
	return value === null || value === undefined ? '' : String(value).trim();
}

function statusCodeOf(value: unknown): number {
	const code = Number(value);
	return Number.isInteger(code) ? code : -1;
}
