/** Canvas subtitles show labels ("Filter items · Local"), not raw values ("filterItems (local)"). */
import type { INodeParameters, INodeType } from 'n8n-workflow';

import { HttpServiceCheck } from '../../../nodes/HttpServiceCheck/HttpServiceCheck.node';
import { MaintenanceMode } from '../../../nodes/MaintenanceMode/MaintenanceMode.node';
import { MaintenanceRequest } from '../../../nodes/MaintenanceRequest/MaintenanceRequest.node';

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

	it('HTTP Service Check shows the URL it checks, or where the URL comes from', () => {
		const node = new HttpServiceCheck();
		expect(subtitleOf(node, { url: 'https://shop.example.test/health', options: {} })).toBe(
			'https://shop.example.test/health',
		);
		// The editor resolves $parameter: an expression URL without input data is empty on the canvas.
		expect(subtitleOf(node, { url: '', options: {} })).toBe('URL from input');
	});
});
