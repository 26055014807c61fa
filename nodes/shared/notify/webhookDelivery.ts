import { basicAuthHeader } from '../auth/basicAuth';
import type { BasicAuth } from '../http-check';

export interface DeliveryAttempt {
	ok: boolean;
	/** HTTP status, or null when no response came back. */
	status: number | null;
	error: string | null;
}

/** One POST of a JSON notification; never throws. */
export async function postNotification(
	url: string,
	payload: string,
	options: { idempotencyKey: string; auth?: BasicAuth | null; timeoutMs?: number },
): Promise<DeliveryAttempt> {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		'idempotency-key': options.idempotencyKey,
		'user-agent': 'n8n-nodes-odoo-maintenance',
	};
	if (options.auth) headers.authorization = basicAuthHeader(options.auth.user, options.auth.password);
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers,
			body: payload,
			redirect: 'error',
			signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
		});
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return { ok: true, status: response.status, error: null };
		return { ok: false, status: response.status, error: `HTTP ${response.status} ${response.statusText}`.trim() };
	} catch (error) {
		const cause = (error as { cause?: { code?: string; message?: string } }).cause;
		const reason =
			(error as Error).name === 'TimeoutError'
				? 'ETIMEDOUT: no answer within the timeout'
				: cause?.code
					? `${cause.code}: ${cause.message ?? ''}`.trim()
					: (error as Error).message;
		return { ok: false, status: null, error: reason };
	}
}
