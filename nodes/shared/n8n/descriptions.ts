import type { INodeProperties } from 'n8n-workflow';

/** The "State Store" option every node that keeps state offers; `keeps` says what it keeps there. */
export function storePathOption(keeps: string): INodeProperties {
	return {
		displayName: 'State Store',
		name: 'storePath',
		type: 'string',
		default: '',
		placeholder: '~/.n8n/odoo-maintenance.sqlite',
		description: `SQLite file, or postgresql:// URL, that keeps ${keeps}. Empty: N8N_ODOO_MAINTENANCE_STORE, else n8n's own PostgreSQL (DB_TYPE=postgresdb), else odoo-maintenance.sqlite in the n8n user folder.`,
	};
}
