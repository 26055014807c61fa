import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import {
	createAllowlist,
	DEFAULT_INTERNAL_RANGES,
	type Allowlist,
} from '../shared/trigger/allowlist';
import { authConfigProblem, type TriggerAuth } from '../shared/trigger/auth';
import { readTriggerAuth } from '../shared/trigger/authParameters';

export const DEFAULT_PATH = '_odoo.sh/ip-change';
export const DEFAULT_ALLOWED_IPS = DEFAULT_INTERNAL_RANGES.join(', ');
export const DEFAULT_DUPLICATE_WINDOW_SECONDS = 300;

export type OnDuplicate = 'ignore' | 'emit';
export type ResponseFormat = 'text' | 'json';

export interface IpChangeParameters {
	path: string;
	allowedIps: string;
	trustedProxyHops: number;
	duplicateWindowSeconds: number;
	onDuplicate: string;
	responseFormat: string;
	storePath: string;
	stateKey: string;
	logCalls: boolean;
}

export interface IpChangeConfig {
	allowlist: Allowlist;
	trustedProxyHops: number;
	auth: TriggerAuth;
	duplicateWindowMs: number;
	onDuplicate: OnDuplicate;
	responseFormat: ResponseFormat;
	/** Undefined: the package's default store. */
	storePath?: string;
	/** Key of this endpoint's state in the store. */
	scope: string;
	logCalls: boolean;
}

export type ConfigResult = { ok: true; config: IpChangeConfig } | { ok: false; message: string };

const PATH = /^[A-Za-z0-9._~-]+(\/[A-Za-z0-9._~-]+)*$/;

/** The path as n8n registers it: without leading or trailing slashes. */
export function normalizePath(path: string): string {
	return String(path ?? '')
		.trim()
		.replace(/^\/+|\/+$/g, '');
}

export function buildConfig(parameters: IpChangeParameters, auth: TriggerAuth): ConfigResult {
	const fail = (message: string): ConfigResult => ({ ok: false, message });
	const path = normalizePath(parameters.path) || DEFAULT_PATH;
	if (!PATH.test(path)) {
		return fail(`The path "${path}" may only contain A-Z a-z 0-9 . _ ~ - separated by single "/"`);
	}
	let allowlist: Allowlist;
	try {
		allowlist = createAllowlist(String(parameters.allowedIps ?? ''), 'IP Allowlist');
	} catch (error) {
		return fail((error as Error).message);
	}
	if (allowlist.entries.length === 0) {
		return fail(
			`The IP allowlist is empty, so every call would be refused (default: ${DEFAULT_ALLOWED_IPS})`,
		);
	}
	const trustedProxyHops = Number(parameters.trustedProxyHops ?? 0);
	if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 0 || trustedProxyHops > 10) {
		return fail('Trusted proxy hops must be a whole number from 0 to 10');
	}
	const windowSeconds = Number(
		parameters.duplicateWindowSeconds ?? DEFAULT_DUPLICATE_WINDOW_SECONDS,
	);
	if (!Number.isFinite(windowSeconds) || windowSeconds < 0 || windowSeconds > 7 * 24 * 3600) {
		return fail('The duplicate window must be from 0 to 604800 seconds (one week)');
	}
	if (parameters.onDuplicate !== 'ignore' && parameters.onDuplicate !== 'emit') {
		return fail(`Unknown duplicate handling "${parameters.onDuplicate}"`);
	}
	if (parameters.responseFormat !== 'text' && parameters.responseFormat !== 'json') {
		return fail(`Unknown response format "${parameters.responseFormat}"`);
	}
	const authProblem = authConfigProblem(auth);
	if (authProblem) return fail(authProblem);
	const stateKey = String(parameters.stateKey ?? '').trim();
	const storePath = String(parameters.storePath ?? '').trim();
	return {
		ok: true,
		config: {
			allowlist,
			trustedProxyHops,
			auth,
			duplicateWindowMs: Math.round(windowSeconds * 1000),
			onDuplicate: parameters.onDuplicate,
			responseFormat: parameters.responseFormat,
			storePath: storePath || undefined,
			scope: stateKey || `ip-change:${path}`,
			logCalls: parameters.logCalls === true,
		},
	};
}

/** The node's configuration from its parameters and credentials, checked. */
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
