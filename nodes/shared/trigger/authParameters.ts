import type { IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import {
	BASIC_AUTH_CREDENTIAL,
	HEADER_AUTH_CREDENTIAL,
	headerAuthFromCredential,
	type TriggerAuth,
} from './auth';

/** The Authentication choice, shared by both triggers; each choice but None takes a credential. */
export const authenticationProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Basic Auth',
				value: 'basicAuth',
				description: 'User and password of an Odoo Maintenance Basic Auth credential',
			},
			{
				name: 'Header Token',
				value: 'headerAuth',
				description:
					'A secret token in a request header, from an Odoo Maintenance Header Auth credential',
			},
			{ name: 'None', value: 'none', description: 'No credentials on top of the URL' },
		],
		default: 'none',
		description: 'Credentials every call must carry; missing ones get 401, wrong ones 403',
	},
];

/** Reads the configured authentication, with its credential when one is chosen. */
export async function loadTriggerAuth(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<TriggerAuth> {
	const type = ctx.getNodeParameter('authentication', 'none') as string;
	if (type === 'basicAuth') {
		const credentials = await ctx.getCredentials(BASIC_AUTH_CREDENTIAL);
		return {
			type,
			user: typeof credentials.user === 'string' ? credentials.user : '',
			password: typeof credentials.password === 'string' ? credentials.password : '',
		};
	}
	if (type === 'headerAuth') {
		return headerAuthFromCredential(await ctx.getCredentials(HEADER_AUTH_CREDENTIAL));
	}
	return { type: 'none' };
}

/** loadTriggerAuth as a result: a credential that cannot be read makes the configuration unusable. */
export async function readTriggerAuth(
	ctx: IWebhookFunctions | IHookFunctions,
): Promise<{ ok: true; auth: TriggerAuth } | { ok: false; message: string }> {
	try {
		return { ok: true, auth: await loadTriggerAuth(ctx) };
	} catch (error) {
		const kind =
			ctx.getNodeParameter('authentication', 'none') === 'headerAuth'
				? 'Header Auth'
				: 'Basic Auth';
		return {
			ok: false,
			message: `The ${kind} credential cannot be read: ${(error as Error).message}`,
		};
	}
}
