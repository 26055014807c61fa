import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { readTriggerAuth } from '../shared/webhook/authParameters';
import {
	buildConfig,
	DEFAULT_ALLOWED_IPS,
	DEFAULT_DUPLICATE_WINDOW_SECONDS,
	DEFAULT_PATH,
	type ConfigResult,
} from './config';

export async function loadIpChangeConfig(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<ConfigResult> {
	const auth = await readTriggerAuth(ctx);
	if (!auth.ok) return auth;
	const options = ctx.getNodeParameter('triggerOptions', {}) as IDataObject;
	return buildConfig(
		{
			path: String(ctx.getNodeParameter('path', DEFAULT_PATH)),
			allowedIps: String(ctx.getNodeParameter('allowedIps', DEFAULT_ALLOWED_IPS)),
			trustedProxyHops: Number(ctx.getNodeParameter('trustedProxyHops', 0)),
			duplicateWindowSeconds: Number(
				ctx.getNodeParameter('duplicateWindowSeconds', DEFAULT_DUPLICATE_WINDOW_SECONDS),
			),
			onDuplicate: String(ctx.getNodeParameter('onDuplicate', 'ignore')),
			responseFormat: String(options.responseFormat ?? 'text'),
			storePath: String(options.storePath ?? ''),
			stateKey: String(options.stateKey ?? ''),
			logCalls: options.logCalls === true,
		},
		auth.auth,
	);
}
