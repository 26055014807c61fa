/** Canvas subtitles show labels ("Filter items · Local"), not raw values ("filterItems (local)"). */
import type { INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HttpServiceCheck } from '../../../nodes/HttpServiceCheck/HttpServiceCheck.node';
import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';
import { ServiceStatus } from '../../../nodes/ServiceStatus/ServiceStatus.node';

/** Evaluates a `={{ … }}` subtitle the way the editor's expression engine would for `$parameter`. */
function subtitleOf(node: INodeType, parameters: INodeParameters): unknown {
	const template = node.description.subtitle as string;
	const match = /^=\{\{(.*)\}\}$/s.exec(template.trim());
	if (!match) return template;
	return new Function('$parameter', `return (${match[1]});`)(parameters);
}

describe('subtitles', () => {
	it.each([
		[{ backend: 'local', resource: 'item', operation: 'filterItems' }, 'Filter items · Local'],
		[{ backend: 'odoo', resource: 'equipment', operation: 'activate' }, 'Activate · Odoo'],
		[{ backend: 'local', resource: 'window', operation: 'endExpired' }, 'End expired · Local'],
	])('Maintenance Mode %j reads "%s"', (parameters, expected) => {
		expect(subtitleOf(new MaintenanceMode(), parameters)).toBe(expected);
	});

	it('Maintenance Request shows its operation and backend labels', () => {
		expect(
			subtitleOf(new MaintenanceRequest(), { backend: 'odoo', operation: 'retryPending' }),
		).toBe('Retry pending · Odoo');
	});

	it.each([
		[{ backend: 'local', operation: 'statusPage' }, 'Status page · Local'],
		[{ backend: 'odoo', operation: 'overview' }, 'Overview · Odoo'],
	])('Service Status %j reads "%s"', (parameters, expected) => {
		expect(subtitleOf(new ServiceStatus(), parameters)).toBe(expected);
	});

	/**
	 * The canvas subtitle as n8n's editor computes it: the node's `subtitle` through the real expression
	 * engine, with no input data, and no subtitle at all when that throws.
	 */
	function canvasSubtitle(type: INodeType, parameters: INodeParameters): unknown {
		const node = {
			id: 'n1',
			name: 'Check',
			type: 'n8n-nodes-odoo-maintenance.httpServiceCheck',
			typeVersion: 2,
			position: [0, 0] as [number, number],
			parameters,
		};
		const nodeTypes = {
			getByName: () => type,
			getByNameAndVersion: () => type,
			getKnownTypes: () => ({}),
		} as unknown as INodeTypes;
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		try {
			return workflow.expression.getSimpleParameterValue(
				node,
				type.description.subtitle,
				'internal',
				{},
			);
		} catch {
			return undefined;
		}
	}

	it.each([
		['https://shop.example.test/health', 'https://shop.example.test/health'],
		['={{ $json.url }}', 'URL from input'],
		['', 'URL from input'],
	])('HTTP Service Check with URL %j reads "%s" on the canvas', (url, expected) => {
		expect(canvasSubtitle(new HttpServiceCheck(), { url, options: {} })).toBe(expected);
	});
});
