import os from 'node:os';
import path from 'node:path';

export const STORE_PATH_ENV = 'N8N_ODOO_MAINTENANCE_STORE';
export const STORE_FILE_NAME = 'odoo-maintenance.sqlite';

/**
 * Where the embedded state store lives: the node option, else the environment variable, else next to
 * n8n's own database in the n8n user folder ($N8N_USER_FOLDER/.n8n, else ~/.n8n).
 */
export function resolveStorePath(
	option?: string,
	env: Record<string, string | undefined> = process.env,
): string {
	const explicit = option?.trim() || env[STORE_PATH_ENV]?.trim();
	if (explicit) return path.resolve(expandHome(explicit));
	const userFolder = env.N8N_USER_FOLDER?.trim() || os.homedir();
	return path.join(userFolder, '.n8n', STORE_FILE_NAME);
}

function expandHome(value: string): string {
	return value === '~' || value.startsWith('~/') ? path.join(os.homedir(), value.slice(1)) : value;
}
