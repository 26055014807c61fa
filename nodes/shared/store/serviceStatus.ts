import type { Queries, Row, StateStore } from './types';

export type ReportedState = 'up' | 'down' | 'unknown';

/** How a service is identified in the store: by equipment, name and URL. */
export function serviceKey(equipment: string, serviceName: string, url: string): string {
	return `${equipment}|${serviceName}|${url}`;
}

export interface CheckOutcome {
	serviceKey: string;
	equipment: string;
	serviceName: string;
	url: string;
	ok: boolean;
	statusCode: number;
	errorCode: string | null;
	checkedAt: string;
}

export interface Thresholds {
	/** Consecutive failed runs before a service is reported down. */
	failureThreshold: number;
	/** Consecutive good runs before a down service is reported up again. */
	successThreshold: number;
}

export interface ServiceState {
	consecutiveFailures: number;
	consecutiveSuccesses: number;
	reportedState: ReportedState;
	previousState: ReportedState;
	stateChanged: boolean;
	lastStatusCode: number | null;
	lastCheckAt: string | null;
}

/**
 * Records one check of a service and applies the thresholds, atomically, so two executions checking the
 * same service never lose a count. A service starts 'unknown'; the first good run reports it up at once
 * (there is nothing to recover from), failures need `failureThreshold` runs in a row, recovery from down
 * needs `successThreshold`.
 */
export function recordCheck(
	store: StateStore,
	outcome: CheckOutcome,
	thresholds: Thresholds,
): Promise<ServiceState> {
	return store.transaction(async (tx) => {
		// The row exists (INSERT … ON CONFLICT DO NOTHING waits for a concurrent first insert), then is
		// locked (FOR UPDATE) until commit: two processes counting the same service take turns.
		await tx.run(
			'INSERT INTO service_status (service_key) VALUES (?) ON CONFLICT (service_key) DO NOTHING',
			outcome.serviceKey,
		);
		const row = await tx.get(
			`SELECT consecutive_failures, consecutive_successes, reported_state FROM service_status
			WHERE service_key = ? FOR UPDATE`,
			outcome.serviceKey,
		);
		const previousState = (row?.reported_state as ReportedState | undefined) ?? 'unknown';
		const failures = outcome.ok ? 0 : Number(row?.consecutive_failures ?? 0) + 1;
		const successes = outcome.ok ? Number(row?.consecutive_successes ?? 0) + 1 : 0;

		let reportedState = previousState;
		if (!outcome.ok && failures >= thresholds.failureThreshold) reportedState = 'down';
		if (outcome.ok && (previousState !== 'down' || successes >= thresholds.successThreshold)) {
			reportedState = 'up';
		}
		const stateChanged = reportedState !== previousState;

		await tx.run(
			`UPDATE service_status SET equipment = ?, service_name = ?, url = ?, last_status_code = ?,
				last_check_at = ?, last_ok = ?, last_error_code = ?, consecutive_failures = ?,
				consecutive_successes = ?, reported_state = ?,
				state_changed_at = CASE WHEN ? = 1 THEN ? ELSE state_changed_at END
			WHERE service_key = ?`,
			outcome.equipment,
			outcome.serviceName,
			outcome.url,
			outcome.statusCode,
			outcome.checkedAt,
			outcome.ok ? 1 : 0,
			outcome.errorCode,
			failures,
			successes,
			reportedState,
			stateChanged ? 1 : 0,
			outcome.checkedAt,
			outcome.serviceKey,
		);
		return {
			consecutiveFailures: failures,
			consecutiveSuccesses: successes,
			reportedState,
			previousState,
			stateChanged,
			lastStatusCode: outcome.statusCode,
			lastCheckAt: outcome.checkedAt,
		};
	});
}

export interface ServiceStatusRow {
	serviceKey: string;
	equipment: string;
	serviceName: string;
	url: string;
	lastStatusCode: number | null;
	lastCheckAt: string | null;
	consecutiveFailures: number;
	consecutiveSuccesses: number;
	reportedState: ReportedState;
}

export async function getServiceStatus(
	store: Queries,
	serviceKey: string,
): Promise<ServiceStatusRow | undefined> {
	const row = await store.get('SELECT * FROM service_status WHERE service_key = ?', serviceKey);
	return row && toStatusRow(row);
}

/** Services of an equipment that are reported down now. */
export async function downServicesOf(
	store: Queries,
	equipment: string,
): Promise<ServiceStatusRow[]> {
	const rows = await store.all(
		"SELECT * FROM service_status WHERE equipment = ? AND reported_state = 'down' ORDER BY service_key",
		equipment,
	);
	return rows.map(toStatusRow);
}

function toStatusRow(row: Row): ServiceStatusRow {
	return {
		serviceKey: String(row.service_key),
		equipment: String(row.equipment),
		serviceName: String(row.service_name),
		url: String(row.url),
		lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
		lastCheckAt: (row.last_check_at as string | null) ?? null,
		consecutiveFailures: Number(row.consecutive_failures),
		consecutiveSuccesses: Number(row.consecutive_successes),
		reportedState: row.reported_state as ReportedState,
	};
}
