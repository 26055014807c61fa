import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { readTriggerAuth } from '../shared/webhook/authParameters';
import { buildConfig, DEFAULT_MAX_BODY_KB, type ConfigResult } from './config';

/** The node's configuration from its parameters and credentials, checked. */
export async function loadOdooWebhookConfig(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<ConfigResult> {
	const auth = await readTriggerAuth(ctx);
	if (!auth.ok) return auth;
	const options = ctx.getNodeParameter('triggerOptions', {}) as IDataObject;
	return buildConfig(
		{
			secret: String(ctx.getNodeParameter('secret', '')),
			responseMode: String(ctx.getNodeParameter('responseMode', 'onReceived')),
			requiredFields: String(ctx.getNodeParameter('requiredFields', '')),
			allowedModels: String(ctx.getNodeParameter('allowedModels', '')),
			fetchRecord: ctx.getNodeParameter('fetchRecord', false) === true,
			fetchSensitiveModels: ctx.getNodeParameter('fetchSensitiveModels', false) === true,
			recordFields: String(ctx.getNodeParameter('recordFields', '')),
			maxBodySizeKb: Number(options.maxBodySizeKb ?? DEFAULT_MAX_BODY_KB),
			allowedIps: String(options.allowedIps ?? ''),
			trustedProxyHops: Number(options.trustedProxyHops ?? 0),
			logCalls: options.logCalls === true,
		},
		auth.auth,
		Boolean(ctx.getNode().webhookId),
	);
}
