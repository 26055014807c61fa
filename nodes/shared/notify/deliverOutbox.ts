import type { BasicAuth } from '../http-check';
import type { NotificationOutbox } from '../store/outbox';
import { postNotification } from './webhookDelivery';

export type NotificationState = 'sent' | 'queued' | 'failed';

export interface NotificationResult {
	status: NotificationState;
	attempts: number;
	reason: string | null;
}

export interface DeliveryOptions {
	auth?: BasicAuth | null;
	/** Attempts within this run before the message waits for a later run. */
	attemptsPerRun: number;
	/** Pause before the second attempt of a run; doubled for each further one. */
	retryDelayMs: number;
	timeoutMs?: number;
	/** A message undelivered for this long is given up (status failed). */
	maxAgeMs: number;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

const LEASE_MS = 120_000;

/**
 * Delivers every due message of the outbox (oldest first), each with a few attempts and backoff, and
 * reports what happened to each by idempotency key.
 */
export async function deliverOutbox(
	outbox: NotificationOutbox,
	options: DeliveryOptions,
	targetUrl?: string,
): Promise<Map<string, NotificationResult>> {
	const now = options.now ?? (() => new Date());
	const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const results = new Map<string, NotificationResult>();
	const due = outbox.claimDue(now().toISOString(), LEASE_MS, 500, targetUrl);
	for (const message of due) {
		let attempt = { ok: false, status: null as number | null, error: 'not attempted' as string | null };
		let attemptsThisRun = 0;
		for (let i = 0; i < options.attemptsPerRun; i++) {
			if (i > 0) await sleep(options.retryDelayMs * 2 ** (i - 1));
			attemptsThisRun++;
			attempt = await postNotification(message.targetUrl, message.payload, {
				idempotencyKey: message.idempotencyKey,
				auth: options.auth,
				timeoutMs: options.timeoutMs,
			});
			if (attempt.ok) break;
		}
		const attempts = message.attempts + attemptsThisRun;
		if (attempt.ok) {
			outbox.markSent(message.id, now().toISOString());
			results.set(message.idempotencyKey, { status: 'sent', attempts, reason: null });
			continue;
		}
		const age = now().getTime() - Date.parse(message.createdAt);
		const giveUp = age >= options.maxAgeMs;
		// Due again at the next run: the schedule of the workflow is the backoff between runs.
		outbox.markAttemptFailed(message.id, attempt.error ?? 'unknown error', now().toISOString(), giveUp);
		results.set(message.idempotencyKey, {
			status: giveUp ? 'failed' : 'queued',
			attempts,
			reason: giveUp ? `gave up after ${attempts} attempts: ${attempt.error}` : attempt.error,
		});
	}
	return results;
}
