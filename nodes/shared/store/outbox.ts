import type { Row, StateStore } from './stateStore';

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
	enqueue(idempotencyKey: string, targetUrl: string, payload: string, now: string): OutboxMessage {
		this.store.run(
			`INSERT INTO notification_outbox (idempotency_key, target_url, payload, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
			idempotencyKey,
			targetUrl,
			payload,
			now,
			now,
		);
		return this.byKey(idempotencyKey) as OutboxMessage;
	}

	byKey(idempotencyKey: string): OutboxMessage | undefined {
		const row = this.store.get('SELECT * FROM notification_outbox WHERE idempotency_key = ?', idempotencyKey);
		return row ? toMessage(row) : undefined;
	}

	/** Claims up to `limit` due messages for `leaseMs`; only the claimer may attempt them meanwhile. */
	claimDue(now: string, leaseMs: number, limit = 100, targetUrl?: string): OutboxMessage[] {
		return this.store.transaction(() => {
			const rows = this.store.all(
				`SELECT * FROM notification_outbox
				WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
				${targetUrl === undefined ? '' : 'AND target_url = ?'}
				ORDER BY id LIMIT ?`,
				...(targetUrl === undefined ? [now, now, limit] : [now, now, targetUrl, limit]),
			);
			const until = new Date(Date.parse(now) + leaseMs).toISOString();
			for (const row of rows) {
				this.store.run('UPDATE notification_outbox SET claimed_until = ? WHERE id = ?', until, row.id);
			}
			return rows.map(toMessage);
		});
	}

	markSent(id: number, now: string): void {
		this.store.run(
			"UPDATE notification_outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, claimed_until = NULL, last_error = NULL WHERE id = ?",
			now,
			id,
		);
	}

	/** Records a failed attempt; the message is retried from `nextAttemptAt`, or given up when `giveUp`. */
	markAttemptFailed(id: number, error: string, nextAttemptAt: string, giveUp = false): void {
		this.store.run(
			`UPDATE notification_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
			claimed_until = NULL, status = ? WHERE id = ?`,
			error,
			nextAttemptAt,
			giveUp ? 'failed' : 'pending',
			id,
		);
	}

	counts(): Record<OutboxStatus, number> {
		const counts: Record<OutboxStatus, number> = { pending: 0, sent: 0, failed: 0 };
		for (const row of this.store.all('SELECT status, count(*) AS n FROM notification_outbox GROUP BY status')) {
			counts[row.status as OutboxStatus] = Number(row.n);
		}
		return counts;
	}
}
