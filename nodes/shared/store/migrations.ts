import { StoreError } from './types';

/**
 * Versioned schema, the same for both backends (dialect.ts adapts the DDL). Each entry moves the database
 * from version index to index + 1 (SQLite: PRAGMA user_version; PostgreSQL: the store_schema table), in
 * one transaction with the version. Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
	`
	CREATE TABLE maintenance_windows (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		equipment TEXT NOT NULL,
		start_at TEXT NOT NULL,
		end_at TEXT NOT NULL,
		reason TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT 'manual',
		schedule TEXT,
		ended_at TEXT,
		created_at TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX maintenance_windows_by_equipment ON maintenance_windows (equipment, ended_at);

	CREATE TABLE service_status (
		service_key TEXT PRIMARY KEY,
		equipment TEXT NOT NULL DEFAULT '',
		service_name TEXT NOT NULL DEFAULT '',
		url TEXT NOT NULL DEFAULT '',
		last_status_code INTEGER,
		last_check_at TEXT,
		last_ok INTEGER,
		last_error_code TEXT,
		consecutive_failures INTEGER NOT NULL DEFAULT 0,
		consecutive_successes INTEGER NOT NULL DEFAULT 0,
		reported_state TEXT NOT NULL DEFAULT 'unknown',
		state_changed_at TEXT
	);

	CREATE TABLE maintenance_requests (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		backend TEXT NOT NULL,
		equipment TEXT NOT NULL,
		day TEXT NOT NULL,
		name TEXT NOT NULL,
		remote_id INTEGER,
		state TEXT NOT NULL DEFAULT 'open',
		priority TEXT NOT NULL DEFAULT '2',
		description TEXT NOT NULL DEFAULT '',
		services TEXT NOT NULL DEFAULT '[]',
		created_at TEXT NOT NULL,
		closed_at TEXT,
		UNIQUE (backend, equipment, day)
	);

	CREATE TABLE pending_failures (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		backend TEXT NOT NULL,
		equipment TEXT NOT NULL,
		service_key TEXT NOT NULL,
		payload TEXT NOT NULL,
		failed_at TEXT NOT NULL,
		UNIQUE (backend, equipment, service_key)
	);

	CREATE TABLE notification_outbox (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		idempotency_key TEXT NOT NULL UNIQUE,
		target_url TEXT NOT NULL,
		payload TEXT NOT NULL,
		status TEXT NOT NULL DEFAULT 'pending',
		attempts INTEGER NOT NULL DEFAULT 0,
		next_attempt_at TEXT NOT NULL,
		claimed_until TEXT,
		last_error TEXT,
		created_at TEXT NOT NULL,
		sent_at TEXT
	);
	CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at);

	CREATE TABLE ip_state (
		scope TEXT PRIMARY KEY,
		current_ip TEXT,
		previous_ip TEXT,
		changed_at TEXT,
		last_old TEXT,
		last_new TEXT,
		last_received_at TEXT
	);
	`,
	// SQLite stores moved into this one (see moveSqliteStore), so none is moved twice.
	`
	CREATE TABLE store_imports (
		source TEXT PRIMARY KEY,
		imported_at TEXT NOT NULL,
		counts TEXT NOT NULL
	);
	`,
	// The state before the last check, so recording a check is one statement (RETURNING gives it).
	`
	ALTER TABLE service_status ADD COLUMN previous_state TEXT NOT NULL DEFAULT 'unknown';
	`,
	// Check history (nodes/shared/history): raw results, then hourly and daily aggregates per service.
	`
	CREATE TABLE history_services (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		service_key TEXT NOT NULL UNIQUE,
		last_response_ms INTEGER,
		cert_expires_at TEXT
	);

	CREATE TABLE history_raw (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		service_id INTEGER NOT NULL,
		at BIGINT NOT NULL,
		ok INTEGER NOT NULL,
		maintenance INTEGER NOT NULL,
		status_code INTEGER,
		response_ms INTEGER,
		error_code TEXT
	);
	CREATE INDEX history_raw_by_service ON history_raw (service_id, at);

	CREATE TABLE history_hourly (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		service_id INTEGER NOT NULL,
		bucket BIGINT NOT NULL,
		checks INTEGER NOT NULL,
		failures INTEGER NOT NULL,
		maintenance INTEGER NOT NULL,
		rt_sum BIGINT NOT NULL,
		rt_count INTEGER NOT NULL,
		rt_min INTEGER,
		rt_max INTEGER,
		sketch TEXT NOT NULL,
		UNIQUE (service_id, bucket)
	);
	CREATE INDEX history_hourly_by_bucket ON history_hourly (bucket);

	CREATE TABLE history_daily (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		service_id INTEGER NOT NULL,
		bucket BIGINT NOT NULL,
		checks INTEGER NOT NULL,
		failures INTEGER NOT NULL,
		maintenance INTEGER NOT NULL,
		rt_sum BIGINT NOT NULL,
		rt_count INTEGER NOT NULL,
		rt_min INTEGER,
		rt_max INTEGER,
		UNIQUE (service_id, bucket)
	);
	CREATE INDEX history_daily_by_bucket ON history_daily (bucket);
	`,
	// One row per service with what the status page shows (nodes/shared/history/summary.ts), kept current
	// by each run's history write: the page reads one row per service instead of its aggregates. The
	// page no longer reads the aggregates by bucket (pruning goes by id), so the bucket indexes go.
	`
	CREATE TABLE history_summary (
		service_id INTEGER PRIMARY KEY,
		day0 BIGINT NOT NULL,
		days TEXT NOT NULL,
		hour0 BIGINT NOT NULL,
		hours TEXT NOT NULL
	);
	DROP INDEX history_hourly_by_bucket;
	DROP INDEX history_daily_by_bucket;
	`,
];

/** The store was migrated by a newer version of the package: this one must not write into it. */
export function newerSchemaError(location: string, version: number): StoreError {
	return new StoreError(
		`The state store ${location} has schema version ${version}, newer than this version of ` +
			`n8n-nodes-odoo-maintenance understands (${MIGRATIONS.length}). Update the package on every n8n ` +
			'process that shares this store (or point this one at another store); nothing was changed.',
		location,
	);
}
