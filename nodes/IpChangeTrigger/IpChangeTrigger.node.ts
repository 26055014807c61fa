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

import { REFUSED_OUTPUT_NAME } from '../shared/n8n/testCalls';
import { testBasicAuthCredential } from '../shared/n8n/basicAuthCredentialTest';
import { testHeaderAuthCredential } from '../shared/n8n/headerAuthCredentialTest';
import { stateStoreFor } from '../shared/n8n/store';
import { validatingWebhookMethods } from '../shared/trigger/lifecycle';
import { ALL_WEBHOOK_METHODS } from '../shared/trigger/methods';
import { DEFAULT_PATH, loadIpChangeConfig } from './config';
import { ipChangeTriggerProperties } from './description';
import { ipChangeWebhook } from './webhook';

export class IpChangeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo.sh IP Change Trigger',
		name: 'ipChangeTrigger',
		icon: { light: 'file:ipChangeTrigger.svg', dark: 'file:ipChangeTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "/" + ($parameter["path"] || "' + DEFAULT_PATH + '") }}',
		description:
			'Starts the workflow when Odoo.sh reports a new IP address (GET /_odoo.sh/ip-change?new=…&old=…), from internal addresses only',
		eventTriggerDescription: 'Waiting for an IP change notification on the test URL',
		activationMessage: 'The IP change endpoint is live for the allowed addresses.',
		defaults: { name: 'Odoo.sh IP Change Trigger' },
		triggerPanel: {
			header: 'Send an IP change notification to the test URL',
			executionsHelp: {
				inactive:
					"Odoo.sh calls <code>GET /_odoo.sh/ip-change?new=…&amp;old=…</code>. To test, click 'Listen for test event' and call the test URL above from an allowed (internal) address, e.g.<br /><code>curl '&lt;test URL&gt;?new=198.51.100.7&amp;old=203.0.113.4'</code><br />(add <code>-u user:password</code> with Basic Auth). A test call never changes the last known IP of the published workflow. A refused call shows on the Refused output with its status and reason.<br /><br />Publish the workflow for the production URL; its calls show in the executions list.",
				active:
					"The workflow is published: Odoo.sh notifications to the production URL run it and show in the <a data-key=\"executions\">executions list</a>. To test, click 'Listen for test event' and call the test URL, e.g.<br /><code>curl '&lt;test URL&gt;?new=198.51.100.7&amp;old=203.0.113.4'</code>",
			},
			activationHint:
				'Publish the workflow, then forward Odoo.sh’s call to the production URL (see the Docs link).',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['', REFUSED_OUTPUT_NAME],
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
