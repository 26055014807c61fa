import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

import { jsonShapeProblem } from './jsonShape';
import { errorReply, type Reply } from './reply';

/** The request as n8n hands it over: an unread stream, unless n8n already buffered it. */
export type IncomingRequest = IncomingMessage & { rawBody?: Buffer; originalUrl?: string };

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reply: Reply };

export function tooLarge(limitBytes: number): Reply {
	// Connection: close, because the rest of the body is discarded rather than read.
	return errorReply(413, `The request body is larger than ${formatBytes(limitBytes)}`, {
		connection: 'close',
	});
}

/**
 * Reads the body up to `limitBytes`, answering 413 as soon as the declared or received size goes
 * over (the rest is drained and dropped, never buffered), and 415 for compressed bodies.
 */
export function readBody(req: IncomingRequest, limitBytes: number): Promise<BodyResult> {
	const encoding = String(req.headers['content-encoding'] ?? 'identity')
		.trim()
		.toLowerCase();
	if (encoding !== 'identity' && encoding !== '') {
		return Promise.resolve({
			ok: false,
			reply: errorReply(
				415,
				`Content-Encoding "${encoding}" is not supported; send the body uncompressed`,
			),
		});
	}
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limitBytes) {
		discard(req);
		return Promise.resolve({ ok: false, reply: tooLarge(limitBytes) });
	}
	if (Buffer.isBuffer(req.rawBody)) {
		const bytes = req.rawBody;
		return Promise.resolve(
			bytes.length > limitBytes ? { ok: false, reply: tooLarge(limitBytes) } : { ok: true, bytes },
		);
	}
	if (req.readableEnded) {
		return Promise.resolve({
			ok: false,
			reply: errorReply(500, 'The request body was consumed before the trigger could read it'),
		});
	}
	return new Promise((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const finish = (result: BodyResult) => {
			req.off('data', onData);
			req.off('end', onEnd);
			req.off('error', onError);
			req.off('close', onClose);
			resolve(result);
		};
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limitBytes) {
				finish({ ok: false, reply: tooLarge(limitBytes) });
				discard(req);
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
		const onError = () =>
			finish({ ok: false, reply: errorReply(400, 'The request body could not be read') });
		const onClose = () => {
			if (!req.readableEnded) onError();
		};
		req.on('data', onData);
		req.on('end', onEnd);
		req.on('error', onError);
		req.on('close', onClose);
	});
}

export type TextResult = { ok: true; text: string } | { ok: false; message: string };

/** UTF-8 text of a body, without a byte order mark; bytes that are not UTF-8 are refused. */
export function decodeUtf8(bytes: Buffer): TextResult {
	if (!isUtf8(bytes)) return { ok: false, message: 'The request body is not valid UTF-8' };
	const text = bytes.toString('utf8');
	return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

export type JsonObjectResult =
	| { ok: true; value: Record<string, unknown> }
	/** `shape`: valid JSON refused for its depth or a repeated key, not for its syntax or type. */
	| { ok: false; message: string; shape?: true };

/**
 * A JSON object (not an array, string or null), or the reason the text is not one; bodies nested
 * too deep or repeating a top-level key are refused too (see jsonShapeProblem).
 */
export function parseJsonObject(text: string): JsonObjectResult {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
		return { ok: false, message: `The request body is not valid JSON${detail}` };
	}
	const shape = jsonShapeProblem(text);
	if (shape) return { ok: false, message: shape, shape: true };
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
		return { ok: false, message: `The request body must be a JSON object, not ${kind}` };
	}
	return { ok: true, value: value as Record<string, unknown> };
}

/** Lets the client finish sending so it can read the answer, without keeping the data. */
function discard(req: IncomingRequest): void {
	req.on('error', () => {});
	req.resume();
}

/** In KiB, the unit of the Max Body Size option, so the answer quotes the configured value. */
function formatBytes(bytes: number): string {
	if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
	return `${bytes} bytes`;
}
