import type { Queries, Row, SqlValue, StateStore } from './types';

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

/** The state after a check, as the SQL of `recordCheck` computes it for a known service (keep both alike). */
function nextState(
	previous: ReportedState,
	ok: boolean,
	failures: number,
	successes: number,
	thresholds: Thresholds,
): ReportedState {
	if (!ok && failures >= thresholds.failureThreshold) return 'down';
	if (ok && (previous !== 'down' || successes >= thresholds.successThreshold)) return 'up';
	return previous;
}

/** nextState in SQL, over the stored row (`service_status`) and the check (`excluded`). */
const NEXT_STATE = `CASE
	WHEN excluded.last_ok = 0 AND service_status.consecutive_failures + 1 >= ? THEN 'down'
	WHEN excluded.last_ok = 1 AND (service_status.reported_state <> 'down'
		OR service_status.consecutive_successes + 1 >= ?) THEN 'up'
	ELSE service_status.reported_state END`;

/** A check to record and the thresholds it is judged by. */
export interface CheckToRecord {
	outcome: CheckOutcome;
	thresholds: Thresholds;
}

/** Rows per statement: 12 parameters each, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/**
 * Records one check of a service and applies the thresholds, atomically, so two executions checking the
 * same service never lose a count. A service starts 'unknown'; the first good run reports it up at once
 * (there is nothing to recover from), failures need `failureThreshold` runs in a row, recovery from down
 * needs `successThreshold`.
 */
export async function recordCheck(
	store: StateStore,
	outcome: CheckOutcome,
	thresholds: Thresholds,
): Promise<ServiceState> {
	return (await recordChecks(store, [{ outcome, thresholds }]))[0];
}

/**
 * Records the checks of a run as `recordCheck` does, a few hundred per statement: INSERT … ON CONFLICT
 * DO UPDATE locks each row and computes its new counts from the latest committed ones (PostgreSQL
 * re-reads a row another transaction changed meanwhile; SQLite holds its write lock), so concurrent
 * runs from any host count one after the other. Each statement commits on its own and takes its rows
 * in service-key order, so two runs sharing services wait for each other but never deadlock. A service
 * listed twice is recorded twice, in order, by a later statement. Returns the states in input order.
 */
export async function recordChecks(
	store: StateStore,
	checks: readonly CheckToRecord[],
): Promise<ServiceState[]> {
	const states = new Array<ServiceState>(checks.length);
	for (const statement of statements(checks)) {
		const rows = await store.all(upsertSql(statement.length), ...upsertParams(checks, statement));
		const byKey = new Map(rows.map((row) => [String(row.service_key), row]));
		for (const position of statement) {
			const { outcome } = checks[position];
			states[position] = stateOf(byKey.get(outcome.serviceKey) as Row, outcome);
		}
	}
	return states;
}

/**
 * Positions of the checks, per statement: same thresholds, a service at most once, service-key order.
 * The n-th occurrence of a service goes into the n-th round of statements.
 */
function statements(checks: readonly CheckToRecord[]): number[][] {
	const seen = new Map<string, number>();
	const groups = new Map<string, number[]>();
	checks.forEach(({ outcome, thresholds }, position) => {
		const round = seen.get(outcome.serviceKey) ?? 0;
		seen.set(outcome.serviceKey, round + 1);
		const group = `${round}|${thresholds.failureThreshold}|${thresholds.successThreshold}`;
		const positions = groups.get(group);
		if (positions) positions.push(position);
		else groups.set(group, [position]);
	});
	const ordered = [...groups.entries()].sort(
		([a], [b]) => Number(a.split('|')[0]) - Number(b.split('|')[0]),
	);
	const result: number[][] = [];
	for (const [, positions] of ordered) {
		positions.sort((a, b) =>
			compareKeys(checks[a].outcome.serviceKey, checks[b].outcome.serviceKey),
		);
		for (let start = 0; start < positions.length; start += CHUNK) {
			result.push(positions.slice(start, start + CHUNK));
		}
	}
	return result;
}

function compareKeys(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function upsertSql(rows: number): string {
	const values = Array.from(
		{ length: rows },
		() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', ?)",
	);
	return `INSERT INTO service_status (service_key, equipment, service_name, url, last_status_code, last_check_at,
			last_ok, last_error_code, consecutive_failures, consecutive_successes, reported_state,
			previous_state, state_changed_at)
		VALUES ${values.join(', ')}
		ON CONFLICT (service_key) DO UPDATE SET equipment = excluded.equipment,
			service_name = excluded.service_name, url = excluded.url,
			last_status_code = excluded.last_status_code, last_check_at = excluded.last_check_at,
			last_ok = excluded.last_ok, last_error_code = excluded.last_error_code,
			consecutive_failures = CASE WHEN excluded.last_ok = 1 THEN 0
				ELSE service_status.consecutive_failures + 1 END,
			consecutive_successes = CASE WHEN excluded.last_ok = 1
				THEN service_status.consecutive_successes + 1 ELSE 0 END,
			previous_state = service_status.reported_state,
			reported_state = ${NEXT_STATE},
			state_changed_at = CASE WHEN ${NEXT_STATE} <> service_status.reported_state
				THEN excluded.last_check_at ELSE service_status.state_changed_at END
		RETURNING service_key, consecutive_failures, consecutive_successes, reported_state, previous_state`;
}

/** The rows' values, then the thresholds (shared by the statement's rows) for both NEXT_STATEs. */
function upsertParams(checks: readonly CheckToRecord[], positions: number[]): SqlValue[] {
	const params: SqlValue[] = [];
	for (const position of positions) {
		const { outcome, thresholds } = checks[position];
		const ok = outcome.ok ? 1 : 0;
		// For a service seen for the first time (the INSERT).
		const first = nextState('unknown', outcome.ok, 1 - ok, ok, thresholds);
		params.push(
			outcome.serviceKey,
			outcome.equipment,
			outcome.serviceName,
			outcome.url,
			outcome.statusCode,
			outcome.checkedAt,
			ok,
			outcome.errorCode,
			1 - ok,
			ok,
			first,
			first === 'unknown' ? null : outcome.checkedAt,
		);
	}
	const { failureThreshold, successThreshold } = checks[positions[0]].thresholds;
	params.push(failureThreshold, successThreshold, failureThreshold, successThreshold);
	return params;
}

function stateOf(row: Row, outcome: CheckOutcome): ServiceState {
	const reportedState = row.reported_state as ReportedState;
	const previousState = row.previous_state as ReportedState;
	return {
		consecutiveFailures: Number(row.consecutive_failures),
		consecutiveSuccesses: Number(row.consecutive_successes),
		reportedState,
		previousState,
		stateChanged: reportedState !== previousState,
		lastStatusCode: outcome.statusCode,
		lastCheckAt: outcome.checkedAt,
	};
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
