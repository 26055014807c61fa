/**
 * The templates are safe to import and publish: no fixed webhook ID (n8n gives each trigger a fresh random one on
 * import), no credential blocks (n8n then flags the missing credential or picks the user's own), no demo values
 * standing in for required fields, and the newest version of this package's nodes.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIR = path.resolve(__dirname, '../../../workflows');
const FILES = fs
	.readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.sort();

interface TemplateNode {
	name: string;
	type: string;
	typeVersion: number;
	disabled?: boolean;
	webhookId?: string;
	credentials?: unknown;
	parameters: Record<string, unknown>;
}

const nodesOf = (file: string): TemplateNode[] =>
	JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')).nodes;

/** Every string in a node's parameters except code, with its parameter path. */
function strings(value: unknown, at = ''): Array<[string, string]> {
	if (typeof value === 'string') return [[at, value]];
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) =>
			key === 'jsCode' ? [] : strings(inner, at ? `${at}.${key}` : key),
		);
	}
	return [];
}

const DEMO = /(https?:\/\/|@)[\w.-]*example\.(com|org|net)\b/;

describe('templates', () => {
	it('are all checked', () => expect(FILES).toHaveLength(8));

	it.each(FILES)('%s carries no webhook ID and no credential block', (file) => {
		const offenders = nodesOf(file)
			.filter((node) => node.webhookId !== undefined || node.credentials !== undefined)
			.map((node) => node.name);
		expect(offenders).toEqual([]);
	});

	it.each(FILES)('%s has no demo URL or address in a field the user must fill in', (file) => {
		const demo = nodesOf(file)
			.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
			.flatMap((node) =>
				strings(node.parameters)
					.filter(([, value]) => DEMO.test(value))
					.map(([at, value]) => `${node.name}: ${at} = ${value}`),
			);
		expect(demo).toEqual([]);
	});

	it.each(FILES)('%s sends no notification until its URL is set', (file) => {
		const notifying = nodesOf(file).filter(
			(node) => node.parameters.sendNotification === true && !node.parameters.webhookUrl,
		);
		expect(notifying).toEqual([]);
		for (const node of nodesOf(file).filter((candidate) =>
			candidate.type.endsWith('.maintenanceRequest'),
		)) {
			expect(node.parameters.sendNotification ?? false).toBe(false);
		}
	});

	it.each(FILES)('%s uses the newest version of this package’s nodes', (file) => {
		const newest: Record<string, number> = {
			'n8n-nodes-odoo-maintenance.maintenanceMode': 2,
			'n8n-nodes-odoo-maintenance.maintenanceRequest': 1.1,
			'n8n-nodes-odoo-maintenance.httpServiceCheck': 2,
		};
		for (const node of nodesOf(file).filter((candidate) => candidate.type in newest)) {
			expect([node.name, node.typeVersion]).toEqual([node.name, newest[node.type]]);
		}
	});
});
