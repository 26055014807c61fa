// Runs the Maintenance Mode node without n8n, on the shared fake context (test/support/fakeExecuteFunctions.ts):
// parameters as n8n would resolve them (defaults from the node description, expressions as functions of the item).
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	NodeExecutionHint,
} from 'n8n-workflow';

import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import {
	fakeExecuteFunctions as sharedFake,
	type FakeExecuteFunctions,
} from '../../support/fakeExecuteFunctions';

/** A value, or an expression: a function of the item it is evaluated for. */
type ParameterValue =
	| ((item: INodeExecutionData, itemIndex: number) => unknown)
	| string
	| number
	| boolean
	| null
	| undefined
	| unknown[]
	| Record<string, unknown>;

export interface FakeRun {
	parameters: Record<string, ParameterValue>;
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	timezone?: string;
	/** Collects the execution hints the node adds (the state store that answered). */
	hints?: NodeExecutionHint[];
}

export const NODE: INode = {
	id: '6f0c2a52-0000-4000-8000-000000000001',
	name: 'Maintenance Mode',
	type: 'n8n-nodes-odoo-maintenance.maintenanceMode',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function fakeExecuteFunctions(run: FakeRun): FakeExecuteFunctions {
	const items = run.items ?? [{ json: {} }];
	const parameters = Object.fromEntries(
		Object.entries(run.parameters).map(([name, value]) => [
			name,
			typeof value === 'function'
				? (itemIndex: number) => value(items[itemIndex], itemIndex)
				: value,
		]),
	);
	return sharedFake({
		items: items.map((item) => item.json),
		inputItems: items,
		parameters,
		properties: new MaintenanceMode().description.properties,
		credentials: run.credentials && { odooMaintenanceApi: run.credentials },
		continueOnFail: run.continueOnFail,
		timezone: run.timezone ?? 'UTC',
		nodeName: NODE.name,
		nodeType: NODE.type,
		hints: run.hints,
	});
}

/** Runs the node's execute() with the fake context. */
export function runNode(run: FakeRun): Promise<INodeExecutionData[][]> {
	return new MaintenanceMode().execute.call(fakeExecuteFunctions(run));
}

/** The error the node threw, or a failure if it did not throw. */
export async function nodeError(run: FakeRun): Promise<Error> {
	try {
		await runNode(run);
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected the node to fail');
}
