import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { odooClientFor } from '../shared/n8n/odoo';
import { refusedCall } from '../shared/n8n/testCalls';
import { readBody, type IncomingRequest } from '../shared/trigger/body';
import { logCall } from '../shared/trigger/callLog';
import { interceptFinalResponse, type ExpressResponse } from '../shared/trigger/finalResponse';
import { errorReply, OK_STATUS, sendReply, type Reply } from '../shared/trigger/reply';
import { sourceAddress } from '../shared/trigger/source';
import { screenWebhookCall } from '../shared/trigger/gate';
import { fetchTargetRecord } from './fetchRecord';
import { loadOdooWebhookConfig } from './config';
import { checkPayload, extractPayload, toEvent, type OdooEvent } from './payload';

const METHODS = ['GET', 'POST'];
const EMPTY = Buffer.alloc(0);

/**
 * One call: every refusal is answered here and starts no execution (a test call shows it on the
 * Refused output). Order: configuration, source address, method, credentials, size, payload, record.
 */
export async function odooWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as IncomingRequest;
	const res = this.getResponseObject() as unknown as ExpressResponse;
	const receivedAt = new Date().toISOString();
	const method = String(req.method ?? 'GET').toUpperCase();
	const node = this.getNode();
	const loaded = await loadOdooWebhookConfig(this);
	const config = loaded.ok ? loaded.config : undefined;
	const sourceIp = sourceAddress(req, config?.trustedProxyHops ?? 0);

	const log = (status: number, outcome: string, event?: OdooEvent) => {
		if (!config?.logCalls) return;
		logCall(this.logger, {
			trigger: node.name,
			workflowId: this.getWorkflow().id,
			method,
			sourceIp,
			status,
			outcome,
			model: event?.model,
			id: event?.id,
		});
	};
	const refuse = (reply: Reply, event?: OdooEvent): IWebhookResponseData => {
		sendReply(res, reply);
		log(reply.status, messageOf(reply), event);
		return refusedCall(this, reply, receivedAt);
	};

	const screened = screenWebhookCall(this, loaded, { sourceIp, method, methods: METHODS, req });
	if (!screened.ok) return refuse(screened.reply);
	const { config: c, query } = screened;
	const body =
		method === 'POST' ? await readBody(req, c.maxBodyBytes) : ({ ok: true, bytes: EMPTY } as const);
	if (!body.ok) return refuse(body.reply);
	const extracted = extractPayload(method, query, body.bytes);
	if (!extracted.ok) return refuse(extracted.reply);
	const { payload } = extracted;
	const converted = toEvent(payload);
	if (!converted.ok) return refuse(converted.reply);
	const { event } = converted;
	const invalid = checkPayload(event, payload, c);
	if (invalid) return refuse(invalid, event);

	const item: IDataObject = { ...event, payload: payload as IDataObject, receivedAt };
	if (c.fetchRecord) {
		let fetched;
		try {
			fetched = await fetchTargetRecord(await odooClientFor.call(this), event, c.recordFields);
		} catch (error) {
			// Building the client failed: the Odoo credential is missing or unreadable.
			this.logger.error(
				`${node.name}: the Odoo credential cannot be used: ${(error as Error).message}`,
			);
			return refuse(errorReply(500, 'The Odoo credential cannot be used; see the n8n log'), event);
		}
		if (!fetched.ok) {
			if (fetched.detail) this.logger.error(`${node.name}: ${fetched.detail}`);
			return refuse(fetched.reply, event);
		}
		item.record = fetched.record as IDataObject;
	}

	log(200, 'accepted', event);
	const workflowData = [[{ json: item }]];
	if (c.responseMode === 'lastNode') {
		interceptFinalResponse(res, (reply) =>
			log(reply.status, `workflow finished: ${messageOf(reply)}`, event),
		);
		return { workflowData };
	}
	return { webhookResponse: { ...OK_STATUS }, workflowData };
}

function messageOf(reply: Reply): string {
	if (typeof reply.body === 'string') return reply.body;
	return String(reply.body.message ?? reply.body.status ?? '');
}
