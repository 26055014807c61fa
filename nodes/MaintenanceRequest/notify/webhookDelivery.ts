import { createHash } from 'node:crypto';

import { basicAuthHeader } from '../../shared/auth/basicAuth';
import type { BasicAuth } from '../../shared/http-check';
import { SendError, type Send } from '../../shared/n8n/send';

export interface DeliveryAttempt {
	ok: boolean;
	/** HTTP status, or null when no response came back. */
	status: number | null;
	error: string | null;
}

/**
 * The `Idempotency-Key` header sent for an outbox key: a SHA-256 hex digest, so it is plain ASCII
 * whatever the equipment name (header values cannot carry other characters) and the same on every
 * attempt of the message.
 */
export function idempotencyHeader(key: string): string {
	return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** One POST of a JSON notification; never throws. A redirect is refused, not followed. */
export async function postNotification(
	send: Send,
	url: string,
	payload: string,
	options: { idempotencyKey: string; auth?: BasicAuth | null; timeoutMs?: number },
): Promise<DeliveryAttempt> {
	try {
		const headers: Record<string, string> = {
			'content-type': 'application/json',
			'idempotency-key': idempotencyHeader(options.idempotencyKey),
			'user-agent': 'n8n-nodes-odoo-maintenance',
		};
		if (options.auth)
			headers.authorization = basicAuthHeader(options.auth.user, options.auth.password);
		const response = await send({
			method: 'POST',
			url,
			headers,
			body: payload,
			timeoutMs: options.timeoutMs ?? 10_000,
		});
		if (REDIRECT_STATUSES.has(response.status)) {
			return { ok: false, status: null, error: REDIRECT_REFUSED };
		}
		if (response.status >= 200 && response.status < 300) {
			return { ok: true, status: response.status, error: null };
		}
		return {
			ok: false,
			status: response.status,
			error: `HTTP ${response.status} ${response.statusText}`.trim(),
		};
	} catch (error) {
		return { ok: false, status: null, error: reasonOf(SendError.from(error)) };
	}
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** The reason given for a redirect since notifications were first sent (with the global fetch). */
const REDIRECT_REFUSED = 'fetch failed: unexpected redirect';

function reasonOf(error: SendError): string {
	if (error.timedOut) return 'ETIMEDOUT: no answer within the timeout';
	if (error.code) return `${error.code}: ${error.message}`.trim();
	return error.message;
}
