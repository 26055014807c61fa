import {
	fromParameter,
	NodeConnectionTypes,
	NodeOperationError,
	webhookDescriptionFields,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { testBasicAuthCredential } from '../shared/n8n/basicAuthCredentialTest';
import { testHeaderAuthCredential } from '../shared/n8n/headerAuthCredentialTest';
import { stateStoreFor } from '../shared/n8n/store';
import { validatingWebhookMethods } from '../shared/webhook/lifecycle';
import { ALL_WEBHOOK_METHODS } from '../shared/webhook/methods';
import { DEFAULT_PATH } from './config';
import { ipChangeTriggerProperties } from './description';
import { loadIpChangeConfig } from './loadConfig';
import { ipChangeWebhook } from './webhook';

export class IpChangeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'IP Change Trigger',
		name: 'ipChangeTrigger',
		icon: { light: 'file:ipChangeTrigger.svg', dark: 'file:ipChangeTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "/" + ($parameter["path"] || "' + DEFAULT_PATH + '") }}',
		description:
			'Starts the workflow when Odoo.sh reports a new IP address (GET /_odoo.sh/ip-change?new=…&old=…), from internal addresses only',
		eventTriggerDescription: 'Waiting for an IP change notification on the test URL',
		activationMessage: 'The IP change endpoint is live for the allowed addresses.',
		defaults: { name: 'IP Change Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'odooMaintenanceBasicAuthApi',
				required: true,
				testedBy: 'odooMaintenanceBasicAuthTest',
				displayOptions: { show: { authentication: ['basicAuth'] } },
			},
			{
				name: 'odooMaintenanceHeaderAuthApi',
				required: true,
				testedBy: 'odooMaintenanceHeaderAuthTest',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: ALL_WEBHOOK_METHODS,
				ndvHideMethod: true,
				isFullPath: true,
				responseMode: 'onReceived',
				// '' lets n8n send the node's own answer instead of its "firstEntryJson" placeholder.
				responseData: '',
				...webhookDescriptionFields({ path: fromParameter('path', DEFAULT_PATH) }),
			},
		],
		properties: ipChangeTriggerProperties,
	};

	methods = {
		credentialTest: {
			odooMaintenanceBasicAuthTest: testBasicAuthCredential,
			odooMaintenanceHeaderAuthTest: testHeaderAuthCredential,
		},
	};

	webhookMethods = validatingWebhookMethods(async function (this: IHookFunctions) {
		const loaded = await loadIpChangeConfig(this);
		if (!loaded.ok) throw new NodeOperationError(this.getNode(), loaded.message);
		try {
			await stateStoreFor(this, loaded.config.storePath);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return ipChangeWebhook.call(this);
	}
}
