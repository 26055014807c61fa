import { defaultDatabase, normalizeBaseUrl } from '../../../nodes/shared/odoo/connection';
import { isTransient } from '../../../nodes/shared/odoo/retry';
import { OdooError } from '../../../nodes/shared/odoo/errors';

describe('connection settings', () => {
	it.each([
		['https://mycompany.odoo.com/', 'https://mycompany.odoo.com'],
		['https://mycompany.odoo.com/web#id=3&model=x', 'https://mycompany.odoo.com'],
		['https://mycompany.odoo.com/odoo/maintenance', 'https://mycompany.odoo.com'],
		['http://10.0.0.5:8069', 'http://10.0.0.5:8069'],
		['https://example.com/erp/', 'https://example.com/erp'],
	])('normalizes %s to %s', (input, expected) => {
		expect(normalizeBaseUrl(input)).toBe(expected);
	});

	it('defaults the database to the first host label, like n8n’s Odoo node', () => {
		expect(defaultDatabase('https://mycompany.odoo.com')).toBe('mycompany');
		expect(defaultDatabase('http://localhost:8069')).toBe('localhost');
		expect(defaultDatabase('not a url')).toBe('');
	});
});

describe('transient failures (the ones a read is retried on)', () => {
	it.each([
		[{ kind: 'network' as const, message: 'x' }, true],
		[{ kind: 'timeout' as const, message: 'x' }, true],
		[{ kind: 'server' as const, message: 'x', httpStatus: 502 }, true],
		[{ kind: 'server' as const, message: 'x', httpStatus: 504 }, true],
		[{ kind: 'server' as const, message: 'x', httpStatus: 500 }, false],
		[{ kind: 'auth' as const, message: 'x', httpStatus: 401 }, false],
		[{ kind: 'validation' as const, message: 'x' }, false],
	])('%o -> %s', (init, expected) => {
		expect(isTransient(new OdooError(init))).toBe(expected);
	});
});
