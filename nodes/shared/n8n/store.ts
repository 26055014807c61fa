import type { IExecuteFunctions, Logger } from 'n8n-workflow';

import { describeStore, getStateStore, type StateStore } from '../store/stateStore';

/**
 * The state store for a node's State Store option (else the environment, see resolveStoreTarget). Its
 * backend and location (never a password) go once into n8n's log.
 */
export function stateStoreFor(
	context: { logger: Logger },
	option: string | undefined,
): Promise<StateStore> {
	return getStateStore(option, context.logger);
}

/** The same for a node in a workflow, which also shows in its output pane which store answered. */
export async function executionStateStore(
	context: IExecuteFunctions,
	option: string | undefined,
): Promise<StateStore> {
	const store = await stateStoreFor(context, option);
	const { backend, location } = describeStore(store);
	context.addExecutionHints({
		message: `State store: ${backend} at ${location}`,
		type: 'info',
		location: 'outputPane',
	});
	return store;
}
