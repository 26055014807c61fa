import type { IHookFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';

import { BASIC_AUTH_CREDENTIAL, MIN_TOKEN_LENGTH, type TriggerAuth } from './auth';

/** The Authentication choice and the header-token fields, shared by both triggers. */
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
				description: 'A secret token in a request header',
			},
			{ name: 'None', value: 'none', description: 'No credentials on top of the URL' },
		],
		default: 'none',
		description: 'Credentials every call must carry; missing ones get 401, wrong ones 403',
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'X-Webhook-Token',
		required: true,
		displayOptions: { show: { authentication: ['headerAuth'] } },
	},
	{
		displayName: 'Header Token',
		name: 'headerToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: `The exact value the header must carry (at least ${MIN_TOKEN_LENGTH} characters), compared in constant time`,
		displayOptions: { show: { authentication: ['headerAuth'] } },
	},
];

/** Reads the configured authentication, with the Basic Auth credential when chosen. */
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
		return {
			type,
			headerName: String(ctx.getNodeParameter('headerName', '')).trim(),
			token: String(ctx.getNodeParameter('headerToken', '')),
		};
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
		return {
			ok: false,
			message: `The Basic Auth credential cannot be read: ${(error as Error).message}`,
		};
	}
}
