import { recordLink } from '../../../nodes/shared/odoo/links';

describe('recordLink', () => {
	it('builds the legacy web-client link the Odoo module uses', () => {
		expect(recordLink('https://mycompany.odoo.com', 'maintenance.request', 42)).toBe(
			'https://mycompany.odoo.com/web#id=42&model=maintenance.request&view_type=form',
		);
	});

	it('ignores a trailing slash or a pasted web-client path', () => {
		expect(recordLink('https://erp.example.com/', 'maintenance.request', 7)).toBe(
			'https://erp.example.com/web#id=7&model=maintenance.request&view_type=form',
		);
		expect(
			recordLink('https://erp.example.com/odoo/maintenance/3', 'maintenance.equipment', 3),
		).toBe('https://erp.example.com/web#id=3&model=maintenance.equipment&view_type=form');
	});

	it('keeps a sub-path installation', () => {
		expect(recordLink('https://example.com/erp', 'maintenance.request', 1)).toBe(
			'https://example.com/erp/web#id=1&model=maintenance.request&view_type=form',
		);
	});
});
