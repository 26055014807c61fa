import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { toNodeError } from '../../shared/n8n/errors';
import type { StateStore } from '../../shared/store/stateStore';
import { assertTimeZone, localDay } from '../../shared/time/maintenanceWindow';
import type { ModuleWebhook } from '../backends/moduleWebhook';
import type { RequestBackend } from '../backends/types';

export interface RequestContext {
	backend: RequestBackend;
	store: StateStore;
	/** The time of the run (ISO 8601 UTC): the day of a request, and when notifications are queued. */
	now: string;
}

export type Operation = (
	this: IExecuteFunctions,
	context: RequestContext,
) => Promise<INodeExecutionData[][]>;

/** Output items of `json`, paired with the input items they come from. */
export function outputItems(
	this: IExecuteFunctions,
	json: IDataObject | IDataObject[],
	itemData: IPairedItemData | IPairedItemData[],
): INodeExecutionData[] {
	return this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), { itemData });
}

export function options(this: IExecuteFunctions): IDataObject {
	return this.getNodeParameter('options', 0, {}) as IDataObject;
}

export function numberOption(opts: IDataObject, name: string, fallback: number): number {
	const value = opts[name];
	if (value === undefined || value === '' || value === null) return fallback;
	const number = Number(value);
	return Number.isFinite(number) ? number : fallback;
}

/** The day (`YYYY-MM-DD`) of `now` in the "Time Zone" option, else the workflow's time zone. */
export function dayOf(this: IExecuteFunctions, now: string): string {
	const zone = String(options.call(this).timeZone || this.getTimezone());
	try {
		assertTimeZone(zone);
		return localDay(now, zone);
	} catch (error) {
		throw toNodeError(this.getNode(), error);
	}
}

/**
 * The Odoo module's webhook settings, or null (Local backend, not configured, not readable). An Odoo that does not
 * answer gives null too: the failures are kept by the report itself, and the settings are read again next run.
 */
export async function moduleWebhookOf(context: RequestContext): Promise<ModuleWebhook | null> {
	try {
		return (await context.backend.moduleWebhook?.()) ?? null;
	} catch {
		return null;
	}
}
