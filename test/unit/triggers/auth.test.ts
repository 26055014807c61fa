import { authConfigProblem, checkAuth, type TriggerAuth } from '../../../nodes/shared/trigger/auth';

const basic: TriggerAuth = { type: 'basicAuth', user: 'odoo', password: 'pa:ss wörd' };
const header: TriggerAuth = {
	type: 'headerAuth',
	headerName: 'X-Webhook-Token',
	token: 'tok-0123456789abcdef',
};
const encode = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

describe('checkAuth', () => {
	it('lets everything through without authentication', () => {
		expect(checkAuth({}, { type: 'none' })).toBeUndefined();
	});

	it('accepts the right Basic Auth user and password', () => {
		expect(checkAuth({ authorization: encode('odoo:pa:ss wörd') }, basic)).toBeUndefined();
	});

	it('answers 401 with a Basic challenge when no credentials are sent', () => {
		expect(checkAuth({}, basic)).toEqual({
			status: 401,
			body: { status: 'error', message: 'Authorization is required' },
			headers: { 'www-authenticate': 'Basic realm="n8n trigger", charset="UTF-8"' },
		});
	});

	it.each([
		['a wrong password', encode('odoo:pa:ss word')],
		['a wrong user', encode('Odoo:pa:ss wörd')],
		['another scheme', 'Bearer tok-0123456789abcdef'],
		['malformed base64', 'Basic ###'],
		['an empty header', ''],
	])('answers 403 for %s', (_label, authorization) => {
		expect(checkAuth({ authorization }, basic)).toEqual({
			status: 403,
			body: { status: 'error', message: 'Authorization data is wrong' },
		});
	});

	it('accepts the right header token, whatever the header name case', () => {
		expect(checkAuth({ 'x-webhook-token': 'tok-0123456789abcdef' }, header)).toBeUndefined();
	});

	it('answers 401 without the header and 403 with a wrong token', () => {
		expect(checkAuth({ authorization: encode('odoo:x') }, header)).toMatchObject({
			status: 401,
			body: { message: 'The X-Webhook-Token header is required' },
		});
		expect(checkAuth({ 'x-webhook-token': 'tok-0123456789abcdeF' }, header)?.status).toBe(403);
		expect(
			checkAuth({ 'x-webhook-token': ['tok-0123456789abcdef', 'other'] }, header)?.status,
		).toBe(403);
	});
});

describe('authConfigProblem', () => {
	it('accepts usable settings', () => {
		expect(authConfigProblem({ type: 'none' })).toBeUndefined();
		expect(authConfigProblem(basic)).toBeUndefined();
		expect(authConfigProblem(header)).toBeUndefined();
	});

	it('names what makes them unusable', () => {
		expect(authConfigProblem({ type: 'basicAuth', user: 'u', password: '' })).toBe(
			'The Basic Auth credential has an empty password',
		);
		expect(authConfigProblem({ ...header, headerName: 'X:Token' } as TriggerAuth)).toBe(
			'"X:Token" is not a valid HTTP header name',
		);
		expect(authConfigProblem({ ...header, token: '0123456789abcde' } as TriggerAuth)).toBe(
			'The header token must be at least 16 characters long',
		);
	});
});
