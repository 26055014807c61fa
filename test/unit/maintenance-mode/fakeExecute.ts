// A small IExecuteFunctions for running the Maintenance Mode node without n8n: parameters as n8n
// would resolve them (defaults filled in, expressions given as functions of the item).
import type {
	NodeExecutionHint,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import { silentLogger } from '../../support/fakeExecuteFunctions';

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

/** Node defaults, as n8n fills them in for the parameters shown. */
const DEFAULTS: Record<string, unknown> = {
	backend: 'local',
	operation: 'activate',
	equipment: '',
	durationHours: 4,
	reason: '',
	start: '',
	scheduleDurationHours: 2,
	timeZone: '',
	weekdays: [],
	until: '',
	options: {},
};

export const NODE: INode = {
	id: '6f0c2a52-0000-4000-8000-000000000001',
	name: 'Maintenance Mode',
	type: 'n8n-nodes-odoo-maintenance.maintenanceMode',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function fakeExecuteFunctions(run: FakeRun): IExecuteFunctions {
	const items = run.items ?? [{ json: {} }];
	const parameters = { ...DEFAULTS, ...run.parameters };
	const fns = {
		getInputData: () => items,
		getNode: () => NODE,
		continueOnFail: () => run.continueOnFail === true,
		getTimezone: () => run.timezone ?? 'UTC',
		logger: silentLogger,
		addExecutionHints: (...hints: NodeExecutionHint[]) => run.hints?.push(...hints),
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			if (!(name in parameters)) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			const value = parameters[name];
			return typeof value === 'function' ? value(items[itemIndex], itemIndex) : value;
		},
		async getCredentials(type: string) {
			if (type !== 'odooMaintenanceApi' || !run.credentials) {
				throw new Error(`Node does not have credentials of type "${type}"`);
			}
			return run.credentials;
		},
	};
	return fns as unknown as IExecuteFunctions;
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
