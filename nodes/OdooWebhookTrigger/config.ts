import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { createAllowlist, type Allowlist } from '../shared/trigger/allowlist';
import { authConfigProblem, type TriggerAuth } from '../shared/trigger/auth';
import { readTriggerAuth } from '../shared/trigger/authParameters';

export type ResponseMode = 'onReceived' | 'lastNode';

/** Raw parameter values, as n8n hands them over. */
export interface OdooWebhookParameters {
	secret: string;
	responseMode: string;
	requiredFields: string;
	allowedModels: string;
	fetchRecord: boolean;
	fetchSensitiveModels: boolean;
	recordFields: string;
	maxBodySizeKb: number;
	allowedIps: string;
	trustedProxyHops: number;
	logCalls: boolean;
}

export interface OdooWebhookConfig {
	responseMode: ResponseMode;
	auth: TriggerAuth;
	requiredFields: string[];
	allowedModels: string[];
	fetchRecord: boolean;
	/** Empty: every field. */
	recordFields: string[];
	maxBodyBytes: number;
	/** Undefined: any source address. */
	allowlist?: Allowlist;
	trustedProxyHops: number;
	logCalls: boolean;
}

export type ConfigResult = { ok: true; config: OdooWebhookConfig } | { ok: false; message: string };

export const SECRET_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
const MODEL_NAME = /^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DEFAULT_MAX_BODY_KB = 1024;
const MAX_BODY_KB_CEILING = 16 * 1024;

/**
 * Models that hold secrets or access rights: system parameters (database.secret), users and their
 * API keys, groups, settings, two-factor devices. Never fetched unless the owner forces it.
 */
const SENSITIVE_MODEL = /^(ir\.|res\.users|res\.groups|res\.config|auth_)|api_?key/;

export function isSensitiveModel(model: string): boolean {
	return SENSITIVE_MODEL.test(model);
}

/**
 * With Fetch Target Record the caller chooses which record n8n reads with the Odoo credential (often
 * an administrator's), so the owner must list the models it may read, and sensitive ones need force.
 */
function fetchModelsProblem(allowedModels: string[], forceSensitive: boolean): string | undefined {
	if (allowedModels.length === 0) {
		return 'Fetch Target Record needs Allowed Models: list the models callers may have read (e.g. sale.order)';
	}
	const sensitive = allowedModels.filter(isSensitiveModel);
	if (sensitive.length > 0 && !forceSensitive) {
		return `Fetch Target Record never reads ${sensitive.join(', ')}: such models hold secrets or access rights. Remove them from Allowed Models, or turn on "Fetch Sensitive Models" if callers really must read them`;
	}
	return undefined;
}

/** Comma-, space- or newline-separated names. */
export function splitList(text: string | undefined): string[] {
	return String(text ?? '')
		.split(/[\s,]+/)
		.filter((entry) => entry !== '');
}

/**
 * Checks and normalizes the node's parameters. `hasWebhookId`: n8n's editor gives every trigger node
 * a random webhook ID that becomes part of the URL; without one (a workflow written by hand) the URL
 * would be guessable unless a secret is set.
 */
export function buildConfig(
	parameters: OdooWebhookParameters,
	auth: TriggerAuth,
	hasWebhookId: boolean,
): ConfigResult {
	const fail = (message: string): ConfigResult => ({ ok: false, message });
	const secret = String(parameters.secret ?? '');
	if (secret !== '' && !SECRET_PATTERN.test(secret)) {
		return fail(
			'The secret path component must be 22 to 128 characters from A-Z, a-z, 0-9, "-" and "_" (e.g. the output of `openssl rand -hex 16`)',
		);
	}
	if (secret === '' && !hasWebhookId) {
		return fail(
			'This node has no webhook ID (the workflow was not made in the editor): set a secret path component',
		);
	}
	if (parameters.responseMode !== 'onReceived' && parameters.responseMode !== 'lastNode') {
		return fail(`Unknown response mode "${parameters.responseMode}"`);
	}
	const authProblem = authConfigProblem(auth);
	if (authProblem) return fail(authProblem);

	const requiredFields = splitList(parameters.requiredFields);
	const badField = requiredFields.find((field) => !FIELD_NAME.test(field));
	if (badField !== undefined)
		return fail(`"${badField}" is not a valid field name (Required Fields)`);
	const allowedModels = splitList(parameters.allowedModels);
	const badModel = allowedModels.find((model) => !MODEL_NAME.test(model));
	if (badModel !== undefined)
		return fail(`"${badModel}" is not an Odoo model name such as sale.order (Allowed Models)`);
	if (parameters.fetchRecord === true) {
		const fetchProblem = fetchModelsProblem(
			allowedModels,
			parameters.fetchSensitiveModels === true,
		);
		if (fetchProblem) return fail(fetchProblem);
	}
	const recordFields = splitList(parameters.recordFields);
	const badRecordField = recordFields.find((field) => !FIELD_NAME.test(field));
	if (badRecordField !== undefined)
		return fail(`"${badRecordField}" is not a valid field name (Record Fields)`);

	const maxBodySizeKb = Number(parameters.maxBodySizeKb ?? DEFAULT_MAX_BODY_KB);
	if (
		!Number.isInteger(maxBodySizeKb) ||
		maxBodySizeKb < 1 ||
		maxBodySizeKb > MAX_BODY_KB_CEILING
	) {
		return fail(
			`The maximum body size must be a whole number of KiB from 1 to ${MAX_BODY_KB_CEILING}`,
		);
	}
	const trustedProxyHops = Number(parameters.trustedProxyHops ?? 0);
	if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 0 || trustedProxyHops > 10) {
		return fail('Trusted proxy hops must be a whole number from 0 to 10');
	}
	let allowlist: Allowlist | undefined;
	if (String(parameters.allowedIps ?? '').trim() !== '') {
		try {
			allowlist = createAllowlist(parameters.allowedIps, 'IP Allowlist');
		} catch (error) {
			return fail((error as Error).message);
		}
	}
	return {
		ok: true,
		config: {
			responseMode: parameters.responseMode,
			auth,
			requiredFields,
			allowedModels,
			fetchRecord: parameters.fetchRecord === true,
			recordFields,
			maxBodyBytes: maxBodySizeKb * 1024,
			allowlist,
			trustedProxyHops,
			logCalls: parameters.logCalls === true,
		},
	};
}

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
