import type { IHookFunctions } from 'n8n-workflow';

/**
 * webhookMethods for triggers that register nothing remotely. `create` runs on every activation
 * (and for test URLs), so it checks the node's configuration there: a mistake fails the activation
 * with a clear message instead of failing every call.
 */
export function validatingWebhookMethods(validate: (this: IHookFunctions) => Promise<void>) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await validate.call(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};
}
