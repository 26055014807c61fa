import { createHash } from 'node:crypto';

import { basicAuthHeader } from '../../shared/auth/basicAuth';
import type { BasicAuth } from '../../shared/http-check';

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

/** One POST of a JSON notification; never throws. */
export async function postNotification(
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
		const response = await fetch(url, {
			method: 'POST',
			headers,
			body: payload,
			redirect: 'error',
			signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
		});
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return { ok: true, status: response.status, error: null };
		return {
			ok: false,
			status: response.status,
			error: `HTTP ${response.status} ${response.statusText}`.trim(),
		};
	} catch (error) {
		return { ok: false, status: null, error: reasonOf(error) };
	}
}

function reasonOf(error: unknown): string {
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	if ((error as Error).name === 'TimeoutError') return 'ETIMEDOUT: no answer within the timeout';
	if (cause?.code) return `${cause.code}: ${cause.message ?? ''}`.trim();
	if (cause?.message) return `${(error as Error).message}: ${cause.message}`;
	return (error as Error).message ?? String(error);
}
