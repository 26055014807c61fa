import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import { parseDurationHours } from '../../shared/time/maintenanceWindow';
import type { MaintenanceBackend, MaintenanceStatus } from '../backends/types';

export interface OperationContext {
	backend: MaintenanceBackend;
	now: string;
}

export type Operation = (
	this: IExecuteFunctions,
	context: OperationContext,
) => Promise<import('n8n-workflow').INodeExecutionData[][]>;

/** Reads the equipment parameter of an item; an empty one is a configuration error naming it. */
export function requireEquipment(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('equipment', itemIndex, '') as unknown;
	const equipment = value === null || value === undefined ? '' : String(value).trim();
	if (!equipment) {
		throw new NodeOperationError(this.getNode(), 'The parameter "Equipment" is empty', {
			itemIndex,
			description: 'Give the equipment name or its Odoo ID.',
		});
	}
	return equipment;
}

export function durationParameter(this: IExecuteFunctions, name: string, itemIndex: number): number {
	return asNodeError.call<IExecuteFunctions, [number, () => number], number>(this, itemIndex, () =>
		parseDurationHours(this.getNodeParameter(name, itemIndex), name),
	);
}

/** Runs `work`, turning the plain modules' errors into n8n errors for this item. */
export function asNodeError<T>(this: IExecuteFunctions, itemIndex: number, work: () => T): T {
	try {
		return work();
	} catch (error) {
		throw toNodeError(this.getNode(), error, itemIndex);
	}
}

export function statusJson(status: MaintenanceStatus): IDataObject {
	const { windowId, ...rest } = status;
	return { ...rest, ...(windowId === undefined ? {} : { windowId }) } as IDataObject;
}
