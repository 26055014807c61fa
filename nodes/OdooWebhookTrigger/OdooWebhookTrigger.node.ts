import {
	fromFunction,
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
import { odooMaintenanceApiTest } from '../shared/odoo/credentialTest';
import { validatingWebhookMethods } from '../shared/trigger/lifecycle';
import { ALL_WEBHOOK_METHODS } from '../shared/trigger/methods';
import { odooWebhookTriggerProperties } from './description';
import { loadOdooWebhookConfig } from './config';
import { odooWebhook } from './webhook';

export class OdooWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Odoo Webhook Trigger',
		name: 'odooWebhookTrigger',
		icon: { light: 'file:odooWebhookTrigger.svg', dark: 'file:odooWebhookTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["allowedModels"] || "any model" }}',
		description:
			'Starts the workflow when Odoo (or any system) calls a secret webhook URL, like Odoo Studio’s "On webhook"',
		eventTriggerDescription: 'Waiting for a call to the test URL',
		activationMessage: 'Odoo can now call the production URL of this trigger.',
		defaults: { name: 'Odoo Webhook Trigger' },
		triggerPanel: {
			header: 'Send a JSON payload to the test URL',
			executionsHelp: {
				inactive:
					"Click 'Listen for test event', then POST a payload to the test URL above, as Odoo's \"Send Webhook Notification\" does, e.g.<br /><code>curl -X POST '&lt;test URL&gt;' -H 'Content-Type: application/json' -d '{\"_model\": \"sale.order\", \"_id\": 7}'</code><br />A refused call (wrong method, credentials, missing fields) shows on the Refused output with its status and reason.<br /><br />Publish the workflow and paste the production URL into Odoo; its calls show in the executions list.",
				active:
					"The workflow is published: calls to the production URL run it and show in the <a data-key=\"executions\">executions list</a>. To test, click 'Listen for test event' and POST to the test URL, e.g.<br /><code>curl -X POST '&lt;test URL&gt;' -H 'Content-Type: application/json' -d '{\"_model\": \"sale.order\", \"_id\": 7}'</code>",
			},
			activationHint: 'Publish the workflow, then paste the production URL into Odoo.',
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
			{
				name: 'odooMaintenanceApi',
				required: true,
				testedBy: 'odooMaintenanceApiTest',
				displayOptions: { show: { fetchRecord: [true] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: ALL_WEBHOOK_METHODS,
				ndvHideMethod: true,
				isFullPath: false,
				...webhookDescriptionFields({
					// Under the node's webhook ID: `<webhookId>/odoo[/<secret>]`.
					path: fromFunction((p) => (p.secret ? 'odoo/' + String(p.secret) : 'odoo')),
					responseMode: fromParameter('responseMode', 'onReceived'),
					// '' lets n8n send the node's {"status": "ok"}; "noData" keeps the last node's output out
					// of the final answer, which the node rewrites (finalResponse.ts).
					responseData: fromFunction((p) => (p.responseMode === 'lastNode' ? 'noData' : '')),
				}),
			},
		],
		properties: odooWebhookTriggerProperties,
	};

	methods = {
		credentialTest: {
			odooMaintenanceBasicAuthTest: testBasicAuthCredential,
			odooMaintenanceHeaderAuthTest: testHeaderAuthCredential,
			odooMaintenanceApiTest,
		},
	};

	webhookMethods = validatingWebhookMethods(async function (this: IHookFunctions) {
		const loaded = await loadOdooWebhookConfig(this);
		if (!loaded.ok) throw new NodeOperationError(this.getNode(), loaded.message);
		if (loaded.config.fetchRecord) {
			try {
				await this.getCredentials('odooMaintenanceApi');
			} catch (error) {
				throw new NodeOperationError(
					this.getNode(),
					'Fetch Target Record needs an Odoo credential',
					{
						description: (error as Error).message,
					},
				);
			}
		}
	});

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return odooWebhook.call(this);
	}
}
