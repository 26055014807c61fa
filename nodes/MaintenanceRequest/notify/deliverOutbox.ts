import type { BasicAuth } from '../../shared/http-check';
import type { NotificationOutbox, OutboxMessage } from '../store/outbox';
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
	/** Only messages to these URLs are delivered (the auth goes to no other endpoint); all when absent. */
	targetUrls?: readonly string[];
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Added to the longest a message's attempts can take, for the lease that keeps it ours meanwhile. */
const LEASE_MARGIN_MS = 60_000;

/** How long one message can take in this run: every attempt timing out, plus the pauses between. */
export function leaseFor(options: DeliveryOptions): number {
	const attempts = Math.max(1, options.attemptsPerRun);
	let pauses = 0;
	for (let i = 1; i < attempts; i++) pauses += options.retryDelayMs * 2 ** (i - 1);
	return attempts * (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + pauses + LEASE_MARGIN_MS;
}

/** Up to `attemptsPerRun` POSTs of one message with backoff; the last error, or null once delivered. */
async function attempt(
	message: OutboxMessage,
	options: DeliveryOptions,
	sleep: (ms: number) => Promise<void>,
): Promise<{ error: string | null; attempts: number }> {
	const attemptsPerRun = Math.max(1, Math.floor(options.attemptsPerRun));
	let error: string | null = null;
	for (let i = 0; i < attemptsPerRun; i++) {
		if (i > 0) await sleep(options.retryDelayMs * 2 ** (i - 1));
		({ error } = await postNotification(message.targetUrl, message.payload, {
			idempotencyKey: message.idempotencyKey,
			auth: options.auth,
			timeoutMs: options.timeoutMs,
		}));
		if (error === null) return { error, attempts: i + 1 };
	}
	return { error, attempts: attemptsPerRun };
}

/**
 * Delivers every due message of the outbox (oldest first), each with a few attempts and backoff, and
 * reports what happened to each by idempotency key. Each message is claimed just before its attempts,
 * so an execution running at the same time never attempts the same message. Once an endpoint failed
 * every attempt, its other messages wait for the next run rather than hold this one up.
 */
export async function deliverOutbox(
	outbox: NotificationOutbox,
	options: DeliveryOptions,
): Promise<Map<string, NotificationResult>> {
	const now = options.now ?? (() => new Date());
	const sleep =
		options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
	const lease = leaseFor(options);
	const results = new Map<string, NotificationResult>();
	const failing = new Map<string, string>();
	let lastId = 0;
	for (;;) {
		const message = await outbox.claimNext(now().toISOString(), lease, lastId, options.targetUrls);
		if (!message) break;
		lastId = message.id;
		const previous = failing.get(message.targetUrl);
		const { error, attempts } =
			previous === undefined
				? await attempt(message, options, sleep)
				: {
						error: `not attempted, the endpoint failed earlier in this run: ${previous}`,
						attempts: 0,
					};
		const total = message.attempts + attempts;
		if (error === null) {
			await outbox.markSent(message.id, now().toISOString(), attempts);
			results.set(message.idempotencyKey, { status: 'sent', attempts: total, reason: null });
			continue;
		}
		if (previous === undefined) failing.set(message.targetUrl, error);
		const giveUp = now().getTime() - Date.parse(message.createdAt) >= options.maxAgeMs;
		// Due again at the next run: the schedule of the workflow is the backoff between runs.
		if (attempts === 0 && !giveUp) await outbox.release(message.id);
		else await outbox.markAttemptFailed(message.id, error, now().toISOString(), attempts, giveUp);
		results.set(message.idempotencyKey, {
			status: giveUp ? 'failed' : 'queued',
			attempts: total,
			reason: giveUp ? `gave up after ${total} attempts: ${error}` : error,
		});
	}
	return results;
}
