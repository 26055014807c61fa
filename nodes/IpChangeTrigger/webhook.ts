import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { stateStoreFor } from '../shared/n8n/store';
import { readBody, type IncomingRequest } from '../shared/webhook/body';
import { logCall } from '../shared/webhook/callLog';
import { errorReply, OK_STATUS, sendReply, type Reply } from '../shared/webhook/reply';
import { sourceAddress } from '../shared/webhook/source';
import { screenWebhookCall } from '../shared/webhook/gate';
import type { ResponseFormat } from './config';
import { recordIpChange } from './ipState';
import { loadIpChangeConfig } from './loadConfig';
import { bodyValues, parseIpChangeParams } from './params';

const METHODS = ['GET', 'POST'];
/** A notification is a few dozen bytes; anything near this is not one. */
export const MAX_BODY_BYTES = 16 * 1024;

export function okBody(format: ResponseFormat): Reply['body'] {
	return format === 'json' ? { ...OK_STATUS } : 'ok';
}

/**
 * One notification. Refusals are answered here and start nothing. Order: configuration, source
 * address (403 first, as Odoo.sh does for external callers), method, credentials, parameters.
 */
export async function ipChangeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as IncomingRequest;
	const res = this.getResponseObject();
	const receivedAt = new Date().toISOString();
	const method = String(req.method ?? 'GET').toUpperCase();
	const node = this.getNode();
	const loaded = await loadIpChangeConfig(this);
	const config = loaded.ok ? loaded.config : undefined;
	const sourceIp = sourceAddress(req, config?.trustedProxyHops ?? 0);

	const log = (status: number, outcome: string, change?: { new: string; old: string | null }) => {
		if (!config?.logCalls) return;
		logCall(this.logger, {
			trigger: node.name,
			workflowId: this.getWorkflow().id,
			method,
			sourceIp,
			status,
			outcome: change ? `${outcome} (old ${change.old ?? '-'}, new ${change.new})` : outcome,
		});
	};
	const answer = (reply: Reply, outcome?: string): IWebhookResponseData => {
		sendReply(res, reply);
		log(reply.status, outcome ?? String((reply.body as IDataObject).message ?? ''));
		return { noWebhookResponse: true };
	};

	const screened = screenWebhookCall(this, loaded, { sourceIp, method, methods: METHODS, req });
	if (!screened.ok) return answer(screened.reply);
	const { config: c, query } = screened;
	let values: Record<string, unknown> = query;
	if (method === 'POST') {
		const body = await readBody(req, MAX_BODY_BYTES);
		if (!body.ok) return answer(body.reply);
		const fromBody = bodyValues(req.headers['content-type'], body.bytes);
		if (!fromBody.ok) return answer(fromBody.reply);
		if (Object.keys(fromBody.values).length > 0) values = fromBody.values;
	}
	const parsed = parseIpChangeParams(values);
	if (!parsed.ok) return answer(parsed.reply);
	const change = parsed.params;

	let record;
	try {
		record = await recordIpChange(
			await stateStoreFor(this, c.storePath),
			c.scope,
			{ ...change, receivedAt },
			c.duplicateWindowMs,
		);
	} catch (error) {
		this.logger.error(`${node.name}: the state store failed: ${(error as Error).message}`);
		return answer(errorReply(500, 'The trigger’s state store is unavailable; see the n8n log'));
	}
	if (record.duplicate && c.onDuplicate === 'ignore') {
		sendReply(res, { status: 200, body: okBody(c.responseFormat) });
		log(200, 'duplicate, not run', change);
		return { noWebhookResponse: true };
	}

	log(200, record.duplicate ? 'duplicate, run flagged' : 'accepted', change);
	if (c.responseFormat === 'text') res.setHeader('content-type', 'text/plain; charset=utf-8');
	const item: IDataObject = {
		old: change.old,
		new: change.new,
		previousKnownIp: record.previousKnownIp,
		receivedAt,
		sourceIp,
		duplicate: record.duplicate,
		outOfOrder: record.outOfOrder,
	};
	return { webhookResponse: okBody(c.responseFormat), workflowData: [[{ json: item }]] };
}
