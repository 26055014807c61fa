import { sameAddress } from '../shared/net/ipAddress';
import type { Queries, StateStore } from '../shared/store/stateStore';

export interface IpChange {
	/** The address before the change, as the notifier reports it; null when it sent none. */
	old: string | null;
	new: string;
	/** ISO 8601 time the notification arrived. */
	receivedAt: string;
}

export interface IpChangeRecord {
	/** The current IP known before this notification (for a duplicate: before the original). */
	previousKnownIp: string | null;
	/** Same `old` and `new` as the last accepted notification, within the duplicate window. */
	duplicate: boolean;
	/** `old` is given and differs from `previousKnownIp` (a notification missed or out of order). */
	outOfOrder: boolean;
}

export interface IpStateRow {
	scope: string;
	currentIp: string | null;
	previousIp: string | null;
	changedAt: string | null;
	lastOld: string | null;
	lastNew: string | null;
	lastReceivedAt: string | null;
}

/**
 * Records one IP-change notification for `scope`, atomically (one write transaction, so two
 * executions or processes never both treat the same change as new). Addresses are compared by
 * value: an IPv4 address and its IPv4-mapped IPv6 form (`::ffff:a.b.c.d`) are the same.
 *
 * A duplicate (same `old` and `new` as the last accepted notification, received less than
 * `duplicateWindowMs` after it) changes nothing, so the window runs from the first arrival and a
 * notifier retrying forever is not suppressed forever. Anything else becomes the new state.
 */
export function recordIpChange(
	store: StateStore,
	scope: string,
	change: IpChange,
	duplicateWindowMs: number,
): Promise<IpChangeRecord> {
	return store.transaction(async (tx) => {
		// The row exists (a concurrent first insert is waited for), then is locked until commit, so two
		// processes never both read the state before either has written it.
		await tx.run('INSERT INTO ip_state (scope) VALUES (?) ON CONFLICT (scope) DO NOTHING', scope);
		const row = await getIpState(tx, scope, { lock: true });
		if (row && isDuplicate(row, change, duplicateWindowMs)) {
			return {
				previousKnownIp: row.previousIp,
				duplicate: true,
				outOfOrder: isOutOfOrder(change.old, row.previousIp),
			};
		}
		const previousKnownIp = row?.currentIp ?? null;
		const changed = !sameAddress(previousKnownIp, change.new);
		await tx.run(
			`INSERT INTO ip_state (scope, current_ip, previous_ip, changed_at, last_old, last_new, last_received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (scope) DO UPDATE SET current_ip = excluded.current_ip,
				previous_ip = CASE WHEN ? = 1 THEN excluded.previous_ip ELSE ip_state.previous_ip END,
				changed_at = CASE WHEN ? = 1 THEN excluded.changed_at ELSE ip_state.changed_at END,
				last_old = excluded.last_old, last_new = excluded.last_new,
				last_received_at = excluded.last_received_at`,
			scope,
			change.new,
			previousKnownIp,
			change.receivedAt,
			change.old,
			change.new,
			change.receivedAt,
			changed ? 1 : 0,
			changed ? 1 : 0,
		);
		return {
			previousKnownIp,
			duplicate: false,
			outOfOrder: isOutOfOrder(change.old, previousKnownIp),
		};
	});
}

export async function getIpState(
	store: Queries,
	scope: string,
	{ lock = false } = {},
): Promise<IpStateRow | undefined> {
	const row = await store.get(
		`SELECT * FROM ip_state WHERE scope = ?${lock ? ' FOR UPDATE' : ''}`,
		scope,
	);
	if (!row) return undefined;
	const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
	return {
		scope: String(row.scope),
		currentIp: text(row.current_ip),
		previousIp: text(row.previous_ip),
		changedAt: text(row.changed_at),
		lastOld: text(row.last_old),
		lastNew: text(row.last_new),
		lastReceivedAt: text(row.last_received_at),
	};
}

function isDuplicate(row: IpStateRow, change: IpChange, windowMs: number): boolean {
	if (!(windowMs > 0) || row.lastReceivedAt === null) return false;
	if (!sameAddress(row.lastNew, change.new) || !sameAddress(row.lastOld, change.old)) return false;
	// A clock set back makes the elapsed time negative: still "within" the window.
	const elapsed = Date.parse(change.receivedAt) - Date.parse(row.lastReceivedAt);
	return !Number.isNaN(elapsed) && elapsed < windowMs;
}

function isOutOfOrder(old: string | null, known: string | null): boolean {
	return old !== null && known !== null && !sameAddress(old, known);
}
