import type { StateStore } from './stateStore';

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
export function recordCheck(store: StateStore, outcome: CheckOutcome, thresholds: Thresholds): ServiceState {
	return store.transaction(() => {
		const row = store.get(
			'SELECT consecutive_failures, consecutive_successes, reported_state FROM service_status WHERE service_key = ?',
			outcome.serviceKey,
		);
		const previousState = ((row?.reported_state as ReportedState | undefined) ?? 'unknown') as ReportedState;
		const failures = outcome.ok ? 0 : Number(row?.consecutive_failures ?? 0) + 1;
		const successes = outcome.ok ? Number(row?.consecutive_successes ?? 0) + 1 : 0;

		let reportedState = previousState;
		if (!outcome.ok && failures >= thresholds.failureThreshold) reportedState = 'down';
		if (outcome.ok && (previousState !== 'down' || successes >= thresholds.successThreshold)) {
			reportedState = 'up';
		}
		const stateChanged = reportedState !== previousState;

		store.run(
			`INSERT INTO service_status (service_key, equipment, service_name, url, last_status_code, last_check_at,
				last_ok, last_error_code, consecutive_failures, consecutive_successes, reported_state, state_changed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (service_key) DO UPDATE SET equipment = excluded.equipment, service_name = excluded.service_name,
				url = excluded.url, last_status_code = excluded.last_status_code, last_check_at = excluded.last_check_at,
				last_ok = excluded.last_ok, last_error_code = excluded.last_error_code,
				consecutive_failures = excluded.consecutive_failures,
				consecutive_successes = excluded.consecutive_successes, reported_state = excluded.reported_state,
				state_changed_at = CASE WHEN ? THEN excluded.state_changed_at ELSE service_status.state_changed_at END`,
			outcome.serviceKey,
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
			stateChanged ? outcome.checkedAt : null,
			stateChanged ? 1 : 0,
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

export function getServiceStatus(store: StateStore, serviceKey: string): ServiceStatusRow | undefined {
	const row = store.get('SELECT * FROM service_status WHERE service_key = ?', serviceKey);
	if (!row) return undefined;
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

/** Services of an equipment that are reported down now. */
export function downServicesOf(store: StateStore, equipment: string): ServiceStatusRow[] {
	return store
		.all("SELECT service_key FROM service_status WHERE equipment = ? AND reported_state = 'down'", equipment)
		.map((row) => getServiceStatus(store, String(row.service_key)) as ServiceStatusRow);
}
