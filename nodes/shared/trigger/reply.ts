import type { ServerResponse } from 'node:http';

/** An HTTP answer a trigger decided on, independent of how it is written to the socket. */
export interface Reply {
	status: number;
	/** An object is sent as JSON, a string as plain text. */
	body: Record<string, unknown> | string;
	headers?: Record<string, string>;
}

export const OK_STATUS = Object.freeze({ status: 'ok' });

export function okReply(body: Reply['body'] = { ...OK_STATUS }): Reply {
	return { status: 200, body };
}

/** `{"status": "error", "message": ...}`, the shape Odoo's own webhook controller answers with. */
export function errorReply(
	status: number,
	message: string,
	headers?: Record<string, string>,
): Reply {
	return { status, body: { status: 'error', message }, headers };
}

/** Writes the reply unless something already answered; the body is JSON unless it is a string. */
export function sendReply(res: ServerResponse, reply: Reply): void {
	if (res.headersSent || res.writableEnded) return;
	const json = typeof reply.body !== 'string';
	const text = json ? JSON.stringify(reply.body) : (reply.body as string);
	res.writeHead(reply.status, {
		'content-type': json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
		'content-length': String(Buffer.byteLength(text)),
		'cache-control': 'no-store',
		...reply.headers,
	});
	res.end(text);
}
