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

/**
 * A canvas subtitle showing the labels (not the values) of the chosen options, e.g. "Filter items · Local":
 * an expression over `$parameter` looking each value up in a table built from the properties.
 */
export function labelSubtitle(properties: INodeProperties[], names: string[]): string {
	const parts = names.map((name) => {
		const labels: Record<string, string> = {};
		for (const property of properties.filter((candidate) => candidate.name === name)) {
			for (const option of property.options ?? []) {
				if ('value' in option) labels[String(option.value)] = sentenceCase(option.name);
			}
		}
		return `(${JSON.stringify(labels)}[$parameter[${JSON.stringify(name)}]] || "")`;
	});
	return `={{ [${parts.join(', ')}].filter(Boolean).join(" · ") }}`;
}

function sentenceCase(label: string): string {
	return label.charAt(0) + label.slice(1).toLowerCase();
}
