import { inspect } from 'node:util';

import {
	createOdooError,
	displayUrl,
	errorFromOdooException,
	kindOfOdooException,
	redactSecret,
} from '../../../nodes/shared/odoo/errors';

describe('redaction of the secret', () => {
	const secret = 'p@ss word/+"x';

	it('masks the secret raw, URL-encoded and JSON-escaped', () => {
		const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)}`;
		expect(redactSecret(text, secret)).toBe('a *** b *** c "***"');
	});

	it('leaves the text alone when there is no secret', () => {
		expect(redactSecret('nothing to hide', '')).toBe('nothing to hide');
	});

	it('masks every field of an OdooError', () => {
		const error = createOdooError(
			{
				kind: 'validation',
				message: `Wrong value for x.y: '${secret}'`,
				odooName: 'builtins.ValueError',
				debug: `Traceback ... ${secret}`,
			},
			secret,
		);
		expect(error.message).toBe("Wrong value for x.y: '***'");
		expect(`${error.stack}${JSON.stringify(error)}${inspect(error)}`).not.toContain(secret);
	});

	it('drops credentials from a URL before showing it', () => {
		expect(displayUrl('https://admin:hunter2@erp.example.com/')).toBe('https://erp.example.com');
	});
});

describe('classification of Odoo exceptions', () => {
	it.each([
		['odoo.exceptions.AccessDenied', 'Access Denied', 'auth'],
		['werkzeug.exceptions.Unauthorized', 'Invalid apikey', 'auth'],
		['odoo.exceptions.AccessError', "You are not allowed to access 'System Parameter'", 'access'],
		['odoo.exceptions.ValidationError', 'Missing required value', 'validation'],
		['builtins.ValueError', "Wrong value for x: 'bogus'", 'validation'],
		['odoo.exceptions.UserError', 'You cannot do that', 'validation'],
		['odoo.exceptions.UserError', "Object no.such.model doesn't exist", 'notFound'],
		['builtins.AttributeError', "The method 'x.y' does not exist", 'notFound'],
		['werkzeug.exceptions.NotFound', "the model 'x' does not exist", 'notFound'],
		['builtins.TypeError', 'takes 1 positional argument', 'server'],
	])('%s (%s) is %s', (name, message, kind) => {
		expect(kindOfOdooException(name, message)).toBe(kind);
	});

	it('turns an unknown database into a clear message', () => {
		const error = errorFromOdooException(
			{
				name: 'psycopg2.OperationalError',
				message:
					'connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "acme" does not exist\n',
			},
			{ secret: 'test-secret', db: 'acme', fallbackMessage: 'Odoo Server Error' },
		);
		expect(error).toMatchObject({
			kind: 'notFound',
			odooName: 'psycopg2.OperationalError',
			message: 'Database "acme" does not exist on this Odoo server',
		});
	});

	it("keeps Odoo's own message", () => {
		const error = errorFromOdooException(
			{
				name: 'builtins.ValueError',
				message: "Wrong value for maintenance.request.maintenance_type: 'bogus'",
			},
			{ secret: 'test-secret', db: 'odoo', httpStatus: 500, fallbackMessage: 'x' },
		);
		expect(error.message).toBe("Wrong value for maintenance.request.maintenance_type: 'bogus'");
		expect(error.httpStatus).toBe(500);
	});
});
