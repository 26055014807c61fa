import type { ServerResponse } from 'node:http';

import { errorReply, okReply, type Reply } from './reply';

/** Express's response, as n8n passes it to webhook nodes. */
export interface ExpressResponse extends ServerResponse {
	json(body?: unknown): unknown;
	send(body?: unknown): unknown;
}

/**
 * What "respond when the workflow finishes" answers, from what n8n was about to send: n8n answers
 * a successful run with the last node's data (nothing here: responseData "noData") and a failed
 * run with 500 `{"message": "Error in workflow"}`. Odoo's callers expect `{"status": ...}`.
 */
export function workflowOutcomeReply(status: number, body: unknown): Reply {
	if (status < 400) return okReply();
	let detail = '';
	if (typeof body === 'string') detail = body;
	else if (
		body &&
		typeof body === 'object' &&
		typeof (body as { message?: unknown }).message === 'string'
	) {
		detail = (body as { message: string }).message;
	}
	return errorReply(status, detail ? `The workflow failed (${detail})` : 'The workflow failed');
}

/**
 * Rewrites the answer n8n sends once the execution ends, since n8n offers nodes no hook for it:
 * n8n writes it with Express's `res.json` or `res.send` (webhook-request-handler), so both are
 * wrapped once for this response and restored on first use.
 */
export function interceptFinalResponse(
	res: ExpressResponse,
	onReply?: (reply: Reply) => void,
): void {
	const json = res.json;
	const send = res.send;
	const rewrite = (body: unknown) => {
		res.json = json;
		res.send = send;
		const reply = workflowOutcomeReply(res.statusCode, body);
		onReply?.(reply);
		if (!res.headersSent) {
			res.statusCode = reply.status;
			res.removeHeader('content-type');
			res.setHeader('cache-control', 'no-store');
		}
		return json.call(res, reply.body);
	};
	res.json = rewrite;
	res.send = rewrite;
}
