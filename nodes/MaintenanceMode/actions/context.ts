import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { InvalidParameterError } from '../../shared/errors';
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
) => Promise<INodeExecutionData[][]>;

/** What the user sees in the node for the names the time module reports. */
const PARAMETER_LABELS: Record<string, string> = {
	equipment: 'Equipment',
	durationHours: 'Duration (Hours)',
	scheduleDurationHours: 'Duration (Hours)',
	start: 'Start',
	timeZone: 'Time Zone',
	weekdays: 'Repeat on Weekdays',
	until: 'Repeat Until',
};

/** A configuration error naming the field as the node shows it. */
export function parameterError(
	this: IExecuteFunctions,
	parameter: string,
	detail: string,
	itemIndex: number,
): NodeOperationError {
	const label = PARAMETER_LABELS[parameter] ?? parameter;
	return new NodeOperationError(this.getNode(), `The parameter "${label}" is invalid: ${detail}`, {
		itemIndex,
		description: `Parameter "${label}" (${parameter}) of the ${this.getNode().name} node.`,
	});
}

/** Runs `work`, turning the plain modules' errors into n8n errors for this item. */
export function asNodeError<T>(fns: IExecuteFunctions, itemIndex: number, work: () => T): T {
	try {
		return work();
	} catch (error) {
		if (error instanceof InvalidParameterError) {
			throw parameterError.call(fns, error.parameter, error.detail, itemIndex);
		}
		throw toNodeError(fns.getNode(), error, itemIndex);
	}
}

/** The equipment of an item (name or Odoo ID); an empty one is a configuration error naming it. */
export function requireEquipment(this: IExecuteFunctions, itemIndex: number): string {
	const equipment = equipmentOf.call(this, itemIndex);
	if (!equipment) {
		throw new NodeOperationError(this.getNode(), 'The parameter "Equipment" is empty', {
			itemIndex,
			description: 'Give the equipment name or its Odoo ID.',
		});
	}
	return equipment;
}

export function equipmentOf(this: IExecuteFunctions, itemIndex: number): string {
	// extractValue: the Odoo equipment of version 2 is a resource locator (from a list, by name or by ID).
	const value = this.getNodeParameter('equipment', itemIndex, '', { extractValue: true }) as unknown;
	return value === null || value === undefined ? '' : String(value).trim();
}

export function durationParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): number {
	return asNodeError(this, itemIndex, () =>
		parseDurationHours(this.getNodeParameter(name, itemIndex), name),
	);
}

/** The typed duration, or null when none is given (0 or empty): then the default duration applies. */
export function optionalDurationParameter(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
): number | null {
	const value = this.getNodeParameter(name, itemIndex, 0) as unknown;
	if (value === null || value === undefined || value === 0 || String(value).trim() === '') return null;
	return durationParameter.call(this, name, itemIndex);
}

export function textParameter(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = this.getNodeParameter(name, itemIndex, '') as unknown;
	return value === null || value === undefined ? '' : String(value);
}

export function statusJson(status: MaintenanceStatus): IDataObject {
	const { windowId, ...rest } = status;
	return { ...rest, ...(windowId === undefined ? {} : { windowId }) };
}
