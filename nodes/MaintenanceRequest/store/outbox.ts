import type { Row, StateStore } from '../../shared/store/stateStore';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
	id: number;
	idempotencyKey: string;
	targetUrl: string;
	payload: string;
	status: OutboxStatus;
	attempts: number;
	nextAttemptAt: string;
	lastError: string | null;
	createdAt: string;
	sentAt: string | null;
}

function toMessage(row: Row): OutboxMessage {
	return {
		id: Number(row.id),
		idempotencyKey: String(row.idempotency_key),
		targetUrl: String(row.target_url),
		payload: String(row.payload),
		status: row.status as OutboxStatus,
		attempts: Number(row.attempts),
		nextAttemptAt: String(row.next_attempt_at),
		lastError: (row.last_error as string | null) ?? null,
		createdAt: String(row.created_at),
		sentAt: (row.sent_at as string | null) ?? null,
	};
}

/**
 * Notifications waiting to be delivered. A message is written in the same run that creates its request,
 * before any delivery attempt, so an unreachable endpoint (or a crash) loses nothing; it is claimed with a
 * lease before each attempt, so two executions never send it at the same time, and it is sent until an
 * attempt succeeds. Receivers get an Idempotency-Key header to drop the rare repeat after a crash.
 */
export class NotificationOutbox {
	constructor(private readonly store: StateStore) {}

	/** Queues a message once per idempotency key; a second call returns the existing message. */
	async enqueue(
		idempotencyKey: string,
		targetUrl: string,
		payload: string,
		now: string,
	): Promise<OutboxMessage> {
		await this.store.run(
			`INSERT INTO notification_outbox (idempotency_key, target_url, payload, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
			idempotencyKey,
			targetUrl,
			payload,
			now,
			now,
		);
		return (await this.byKey(idempotencyKey)) as OutboxMessage;
	}

	async byKey(idempotencyKey: string): Promise<OutboxMessage | undefined> {
		const row = await this.store.get(
			'SELECT * FROM notification_outbox WHERE idempotency_key = ?',
			idempotencyKey,
		);
		return row ? toMessage(row) : undefined;
	}

	/**
	 * Claims the oldest due message after `afterId` for `leaseMs`: only the claimer may attempt it until it
	 * is marked or the lease runs out. One at a time, so a lease never runs out while earlier messages of
	 * the same run are still being attempted. `targetUrls`, when given, limits the claim to those URLs.
	 * The hand-off is a row lock taken with SKIP LOCKED: an execution on another host claiming at the same
	 * moment passes over the message being claimed to the next due one instead of waiting for it.
	 */
	async claimNext(
		now: string,
		leaseMs: number,
		afterId = 0,
		targetUrls?: readonly string[],
	): Promise<OutboxMessage | undefined> {
		if (targetUrls && targetUrls.length === 0) return undefined;
		return this.store.transaction(async (tx) => {
			const urls = targetUrls ?? [];
			const row = await tx.get(
				`SELECT * FROM notification_outbox
				WHERE status = 'pending' AND id > ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
				${targetUrls ? `AND target_url IN (${urls.map(() => '?').join(', ')})` : ''}
				ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
				afterId,
				now,
				now,
				...urls,
			);
			if (!row) return undefined;
			const until = new Date(Date.parse(now) + leaseMs).toISOString();
			await tx.run(
				'UPDATE notification_outbox SET claimed_until = ? WHERE id = ?',
				until,
				Number(row.id),
			);
			return toMessage({ ...row, claimed_until: until });
		});
	}

	/** Gives a claimed message back unattempted (due again at once). */
	async release(id: number): Promise<void> {
		await this.store.run('UPDATE notification_outbox SET claimed_until = NULL WHERE id = ?', id);
	}

	/** Records a delivery after `attempts` attempts of this run. */
	async markSent(id: number, now: string, attempts = 1): Promise<void> {
		await this.store.run(
			`UPDATE notification_outbox SET status = 'sent', sent_at = ?, attempts = attempts + ?, claimed_until = NULL,
			last_error = NULL WHERE id = ?`,
			now,
			attempts,
			id,
		);
	}

	/**
	 * Records a failed attempt; the message is retried from `nextAttemptAt`, or given up when `giveUp`.
	 * A message another execution has meanwhile delivered stays sent.
	 */
	async markAttemptFailed(
		id: number,
		error: string,
		nextAttemptAt: string,
		attempts = 1,
		giveUp = false,
	): Promise<void> {
		await this.store.run(
			`UPDATE notification_outbox SET attempts = attempts + ?, last_error = ?, next_attempt_at = ?,
			claimed_until = NULL, status = ? WHERE id = ? AND status = 'pending'`,
			attempts,
			error,
			nextAttemptAt,
			giveUp ? 'failed' : 'pending',
			id,
		);
	}

	async counts(): Promise<Record<OutboxStatus, number>> {
		const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
		const rows = await this.store.all(
			'SELECT status, count(*) AS n FROM notification_outbox GROUP BY status',
		);
		for (const row of rows) counts[row.status as OutboxStatus] = Number(row.n);
		return counts;
	}
}
