// Runs the Maintenance Request node's actions through the fake IExecuteFunctions.
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { RequestContext } from '../../../nodes/MaintenanceRequest/actions/context';
import { route } from '../../../nodes/MaintenanceRequest/actions/router';
import type { RequestBackend } from '../../../nodes/MaintenanceRequest/backends/types';
import { maintenanceRequestProperties } from '../../../nodes/MaintenanceRequest/description';
import type { StateStore } from '../../../nodes/shared/store/stateStore';
import { fakeExecuteFunctions } from '../../support/fakeExecuteFunctions';

export interface RunOptions {
	items: IDataObject[];
	parameters?: Record<string, unknown>;
	continueOnFail?: boolean;
	timezone?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

/** Runs one operation of the node on `items` with `context` (its backend, store and time). */
export async function runAction(
	context: RequestContext,
	{ items, parameters = {}, continueOnFail, timezone = 'UTC', credentials }: RunOptions,
): Promise<INodeExecutionData[]> {
	const fake = fakeExecuteFunctions({
		items,
		parameters,
		properties: maintenanceRequestProperties,
		continueOnFail,
		timezone,
		credentials,
		now: new Date(context.now),
	});
	const [output] = await route.call(fake, context);
	return output;
}

export function contextAt(backend: RequestBackend, store: StateStore, now: string): RequestContext {
	return { backend, store, now };
}

/** An item of the Down output of HTTP Service Check. */
export function downItem(
	equipment: string | undefined,
	name: string,
	url: string,
	failure: {
		statusCode?: number;
		error?: { code: string; message: string };
		checkedAt?: string;
	} = {},
): IDataObject {
	const statusCode = failure.statusCode ?? (failure.error ? -1 : 503);
	return {
		name,
		url,
		...(equipment === undefined ? {} : { equipment }),
		check: {
			url,
			ok: false,
			statusCode,
			error: failure.error ?? { code: 'UNEXPECTED_STATUS', message: `HTTP ${statusCode}` },
			checkedAt: failure.checkedAt ?? '2026-11-23T10:00:00.000Z',
			state: 'down',
		},
	};
}

/** An item of the Up output of HTTP Service Check. */
export function upItem(equipment: string, name: string, url: string): IDataObject {
	return {
		name,
		url,
		equipment,
		check: {
			url,
			ok: true,
			statusCode: 200,
			error: null,
			checkedAt: '2026-11-23T11:00:00.000Z',
			state: 'up',
		},
	};
}

export const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
