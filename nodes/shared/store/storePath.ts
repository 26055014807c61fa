import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const STORE_PATH_ENV = 'N8N_ODOO_MAINTENANCE_STORE';
export const STORE_FILE_NAME = 'odoo-maintenance.sqlite';
/** The package's own schema in a PostgreSQL database: it never creates or reads anything elsewhere. */
export const DEFAULT_PG_SCHEMA = 'odoo_maintenance';

type Env = Record<string, string | undefined>;

/** Connection settings for node-postgres, plus what the store needs around them. */
export interface PostgresTarget {
	connection: {
		connectionString?: string;
		host?: string;
		port?: number;
		database?: string;
		user?: string;
		password?: string;
		ssl?: boolean | { ca?: string; cert?: string; key?: string; rejectUnauthorized: boolean };
	};
	schema: string;
	/** `postgresql://user@host:port/database (schema s)`: never the password. */
	location: string;
	host: string;
	database: string;
	user: string;
}

export type StoreTarget = { key: string; reason: string } & (
	{ kind: 'sqlite'; path: string } | { kind: 'postgres'; postgres: PostgresTarget }
);

/**
 * Where the state lives, in this order: the node's State Store option, else N8N_ODOO_MAINTENANCE_STORE
 * (a file path, or a postgres:// / postgresql:// URL); else n8n's own PostgreSQL database when n8n runs
 * on it (DB_TYPE=postgresdb, its DB_POSTGRESDB_* settings), in the package's own schema; else a SQLite
 * file in the n8n user folder.
 */
export function resolveStoreTarget(option?: string, env: Env = process.env): StoreTarget {
	const fromOption = option?.trim();
	const fromEnv = env[STORE_PATH_ENV]?.trim();
	const explicit = fromOption || fromEnv;
	const reason = fromOption ? 'State Store option' : `${STORE_PATH_ENV}`;
	if (explicit && isPostgresUrl(explicit)) {
		const postgres = postgresFromUrl(explicit);
		return { kind: 'postgres', key: `pg:${postgres.location}`, reason, postgres };
	}
	if (explicit) {
		const file = path.resolve(expandHome(explicit));
		return { kind: 'sqlite', key: `sqlite:${file}`, reason, path: file };
	}
	if (env.DB_TYPE?.trim() === 'postgresdb') {
		const postgres = postgresFromN8nSettings(env);
		return {
			kind: 'postgres',
			key: `pg:${postgres.location}`,
			reason: "n8n's own database (DB_TYPE=postgresdb)",
			postgres,
		};
	}
	const file = defaultSqlitePath(env);
	return {
		kind: 'sqlite',
		key: `sqlite:${file}`,
		reason: 'default file in the n8n user folder',
		path: file,
	};
}

/** The SQLite file of the store when nothing selects another place (or another backend). */
export function defaultSqlitePath(env: Env = process.env): string {
	const userFolder = env.N8N_USER_FOLDER?.trim() || os.homedir();
	return path.join(userFolder, '.n8n', STORE_FILE_NAME);
}

/** The SQLite file for an option (or the environment), as before PostgreSQL: tests and tools use it. */
export function resolveStorePath(option?: string, env: Env = process.env): string {
	const explicit = option?.trim() || env[STORE_PATH_ENV]?.trim();
	return explicit ? path.resolve(expandHome(explicit)) : defaultSqlitePath(env);
}

export function isPostgresUrl(value: string): boolean {
	return /^postgres(ql)?:\/\//i.test(value.trim());
}

/** A postgres:// URL; `?schema=name` picks the package's schema (default odoo_maintenance). */
export function postgresFromUrl(value: string): PostgresTarget {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new Error(
			`The state store URL is not a valid postgresql:// URL (${redactPassword(value)})`,
		);
	}
	const schema = checkSchema(url.searchParams.get('schema') ?? DEFAULT_PG_SCHEMA);
	url.searchParams.delete('schema');
	const host = decodeURIComponent(url.hostname || url.searchParams.get('host') || 'localhost');
	const port = url.port || '5432';
	const database =
		decodeURIComponent(url.pathname.replace(/^\//, '')) ||
		decodeURIComponent(url.username) ||
		'postgres';
	const user = decodeURIComponent(url.username) || os.userInfo().username;
	return {
		connection: { connectionString: url.toString() },
		schema,
		location: locationOf(user, host, port, database, schema),
		host: `${host}:${port}`,
		database,
		user,
	};
}

/**
 * n8n's own database, read as n8n's @n8n/config reads it: each DB_POSTGRESDB_* variable, else the file
 * named by its _FILE variant (trimmed), with n8n's defaults; SSL as n8n's connection options build it.
 */
export function postgresFromN8nSettings(env: Env): PostgresTarget {
	const read = (name: string): string | undefined => {
		if (name in env && env[name] !== undefined) return unquote(String(env[name]));
		const file = env[`${name}_FILE`];
		if (!file) return undefined;
		try {
			return unquote(fs.readFileSync(file, 'utf8'));
		} catch (error) {
			throw new Error(`Cannot read ${name}_FILE (${file}): ${(error as Error).message}`);
		}
	};
	const flag = (name: string, fallback: boolean): boolean => {
		const value = read(name)?.toLowerCase();
		if (value === 'true' || value === '1') return true;
		if (value === 'false' || value === '0') return false;
		return fallback;
	};
	const host = read('DB_POSTGRESDB_HOST') || 'localhost';
	const portText = read('DB_POSTGRESDB_PORT')?.trim();
	const port = portText && !Number.isNaN(Number(portText)) ? Number(portText) : 5432;
	const database = read('DB_POSTGRESDB_DATABASE') ?? 'n8n';
	const user = read('DB_POSTGRESDB_USER') ?? 'postgres';
	const password = read('DB_POSTGRESDB_PASSWORD') ?? '';
	const ca = read('DB_POSTGRESDB_SSL_CA') ?? '';
	const cert = read('DB_POSTGRESDB_SSL_CERT') ?? '';
	const key = read('DB_POSTGRESDB_SSL_KEY') ?? '';
	const rejectUnauthorized = flag('DB_POSTGRESDB_SSL_REJECT_UNAUTHORIZED', true);
	let ssl: PostgresTarget['connection']['ssl'] = flag('DB_POSTGRESDB_SSL_ENABLED', false);
	if (ca || cert || key || !rejectUnauthorized) {
		ssl = {
			ca: ca || undefined,
			cert: cert || undefined,
			key: key || undefined,
			rejectUnauthorized,
		};
	}
	return {
		connection: { host, port, database, user, password, ssl },
		schema: DEFAULT_PG_SCHEMA,
		location: locationOf(user, host, String(port), database, DEFAULT_PG_SCHEMA),
		host: `${host}:${port}`,
		database,
		user,
	};
}

function locationOf(
	user: string,
	host: string,
	port: string,
	database: string,
	schema: string,
): string {
	const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
	return `postgresql://${user}@${shownHost}:${port}/${database} (schema ${schema})`;
}

function checkSchema(schema: string): string {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
		throw new Error(
			`The state store schema "${schema}" is not usable: use lower-case letters, digits and underscores`,
		);
	}
	return schema;
}

/** The URL as it may be shown: without its password. */
export function redactPassword(value: string): string {
	return value.replace(/(:\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}

function unquote(value: string): string {
	return value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function expandHome(value: string): string {
	return value === '~' || value.startsWith('~/') ? path.join(os.homedir(), value.slice(1)) : value;
}
