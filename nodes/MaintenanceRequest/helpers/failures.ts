import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

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
	const automatic = this.getNodeParameter('inputMode', 0, 'define') === 'auto';
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const field = automatic
			? (name: string, fallback: unknown) => fromCheckItem(items[itemIndex].json, name) ?? fallback
			: (name: string, fallback: unknown) => this.getNodeParameter(name, itemIndex, fallback);
		const equipment = text(field('equipment', ''));
		if (!equipment) {
			invalid.push({
				itemIndex,
				error: new NodeOperationError(this.getNode(), `Item ${itemIndex} has no equipment`, {
					itemIndex,
					description: automatic
						? 'Every item must have an "equipment" field (set it in the HTTP Service Check node), or choose Input "Define Below".'
						: 'Every failed service must name its equipment: set the "Equipment" parameter or an "equipment" field.',
				}),
			});
			continue;
		}
		// URLs lose their user-info (user:password@): they go into descriptions, notes, the store.
		const url = redactUrl(text(field('serviceUrl', '')));
		const service: FailingService = {
			service: redactUrlsInText(text(field('serviceName', ''))) || url,
			url,
			statusCode: withFailure
				? statusCodeOf(field('statusCode', -1))
				: 200,
			error: withFailure
				? redactUrlsInText(text(field('errorMessage', '')))
				: '',
			failedAt: withFailure ? text(field('failedAt', '')) || now : now,
		};
		services.push({ itemIndex, equipment, service });
	}
	return { services, invalid };
}

/** A service field of an HTTP Service Check output item (Input "From HTTP Service Check"). */
function fromCheckItem(json: IDataObject, name: string): unknown {
	const check = (json.check ?? {}) as IDataObject;
	const error = check.error as IDataObject | undefined;
	switch (name) {
		case 'equipment':
			return json.equipment;
		case 'serviceName':
			return json.name;
		case 'serviceUrl':
			return check.url ?? json.url;
		case 'statusCode':
			return check.statusCode;
		case 'errorMessage':
			return error ? `${String(error.code)}: ${String(error.message)}` : '';
		case 'failedAt':
			return check.checkedAt;
	}
	return undefined;
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
