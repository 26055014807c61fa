import type { IncomingHttpHeaders } from 'node:http';

import type { IWebhookFunctions } from 'n8n-workflow';

import type { Allowlist } from './allowlist';
import { checkAuth, type TriggerAuth } from './auth';
import { checkMethod } from './methods';
import { parseQuery } from './query';
import { errorReply, type Reply } from './reply';
import { checkSource } from './source';

export type LoadedConfig<C> = { ok: true; config: C } | { ok: false; message: string };

export type ScreenResult<C> =
	| { ok: true; config: C; query: Record<string, string> }
	| { ok: false; reply: Reply; misconfigured?: string };

/**
 * The checks every trigger call passes first, in this order: the node's configuration, the source
 * address, the method, the credentials, the query string. A refusal carries the reply to send.
 */
export function screenCall<C extends { allowlist?: Allowlist; auth: TriggerAuth }>(
	loaded: LoadedConfig<C>,
	call: {
		sourceIp: string;
		method: string;
		methods: readonly string[];
		headers: IncomingHttpHeaders;
		url?: string;
	},
): ScreenResult<C> {
	if (!loaded.ok) {
		return {
			ok: false,
			reply: errorReply(500, `The trigger is misconfigured: ${loaded.message}`),
			misconfigured: loaded.message,
		};
	}
	const config = loaded.config;
	const refused =
		checkSource(call.sourceIp, config.allowlist) ??
		checkMethod(call.method, call.methods) ??
		checkAuth(call.headers, config.auth);
	if (refused) return { ok: false, reply: refused };
	const query = parseQuery(call.url);
	if (!query.ok) return { ok: false, reply: errorReply(400, query.message) };
	return { ok: true, config, query: query.values };
}

/** screenCall for a trigger's webhook call; a misconfigured trigger is also reported in n8n's log. */
export function screenWebhookCall<C extends { allowlist?: Allowlist; auth: TriggerAuth }>(
	ctx: IWebhookFunctions,
	loaded: LoadedConfig<C>,
	call: {
		sourceIp: string;
		method: string;
		methods: readonly string[];
		req: { headers: IncomingHttpHeaders; originalUrl?: string; url?: string };
	},
): ScreenResult<C> {
	const screened = screenCall(loaded, {
		sourceIp: call.sourceIp,
		method: call.method,
		methods: call.methods,
		headers: call.req.headers,
		url: call.req.originalUrl ?? call.req.url,
	});
	if (!screened.ok && screened.misconfigured) {
		ctx.logger.error(
			`${ctx.getNode().name}: refused a call, the trigger is misconfigured: ${screened.misconfigured}`,
		);
	}
	return screened;
}
