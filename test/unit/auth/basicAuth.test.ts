import { InvalidParameterError } from '../../../nodes/shared/errors';
import {
	basicAuthHeader,
	parseBasicAuthHeader,
	verifyBasicAuth,
} from '../../../nodes/shared/auth/basicAuth';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('basicAuthHeader', () => {
	it('encodes user:password as UTF-8 base64', () => {
		expect(basicAuthHeader('odoo', 's3cret')).toBe('Basic b2RvbzpzM2NyZXQ=');
		expect(basicAuthHeader('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
		expect(basicAuthHeader('jürgen', 'пароль')).toBe(`Basic ${b64('jürgen:пароль')}`);
	});

	it('refuses a user containing ":" (it could not be decoded back)', () => {
		let caught: unknown;
		try {
			basicAuthHeader('a:b', 'c');
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InvalidParameterError);
		expect((caught as InvalidParameterError).parameter).toBe('user');
	});
});

describe('parseBasicAuthHeader', () => {
	it.each([
		['odoo', 's3cret'],
		['Aladdin', 'open sesame'],
		['user', 'pa:ss:word'],
		['user', ''],
		['', 'password'],
		['jürgen', 'пароль🔑'],
		['名前', 'p@ss w0rd!'],
	])('round-trips %p / %p', (user, password) => {
		expect(parseBasicAuthHeader(basicAuthHeader(user, password))).toEqual({ user, password });
	});

	it('splits at the first colon so the password keeps its colons', () => {
		expect(parseBasicAuthHeader(`Basic ${b64('a:b:c')}`)).toEqual({ user: 'a', password: 'b:c' });
	});

	it.each(['basic', 'BASIC', 'bAsIc'])('accepts the scheme spelled %s', (scheme) => {
		expect(parseBasicAuthHeader(`${scheme} ${b64('u:p')}`)).toEqual({ user: 'u', password: 'p' });
	});

	it('tolerates surrounding whitespace, extra spaces after the scheme and missing padding', () => {
		expect(parseBasicAuthHeader(`  Basic   ${b64('u:p')}  `)).toEqual({ user: 'u', password: 'p' });
		expect(parseBasicAuthHeader('Basic dTpwMQ')).toEqual({ user: 'u', password: 'p1' });
	});

	it.each([
		['undefined', undefined],
		['null', null],
		['empty', ''],
		['scheme only', 'Basic'],
		['scheme and space', 'Basic '],
		['missing scheme', b64('u:p')],
		['Bearer scheme', `Bearer ${b64('u:p')}`],
		['Digest scheme', 'Digest username="u"'],
		['scheme glued to token', `Basic${b64('u:p')}`],
		['no colon', `Basic ${b64('userpassword')}`],
		['not base64', 'Basic !!!!'],
		['base64url alphabet', `Basic ${Buffer.from('u:p??>').toString('base64url')}`],
		['bad padding', 'Basic dTpw='],
		['padding in the middle', 'Basic dT=pw'],
		['too much padding', 'Basic dTpwMQ==='],
		['impossible length', 'Basic dTpwM'],
		['trailing garbage', `Basic ${b64('u:p')} extra`],
		['invalid UTF-8', `Basic ${Buffer.from([0x75, 0x3a, 0xff, 0xfe]).toString('base64')}`],
		['control character', `Basic ${b64('u:p\nq')}`],
		['NUL in user', `Basic ${b64('u\u0000:p')}`],
	])('returns null for %s', (_label, header) => {
		expect(parseBasicAuthHeader(header as string | undefined)).toBeNull();
	});
});

describe('verifyBasicAuth', () => {
	const expected = { user: 'odoo', password: 'pa:ss' };
	const header = basicAuthHeader('odoo', 'pa:ss');

	it('accepts the right user and password', () => {
		expect(verifyBasicAuth(header, expected)).toBe(true);
		expect(verifyBasicAuth(header.replace('Basic', 'basic'), expected)).toBe(true);
	});

	it.each([
		['wrong user', basicAuthHeader('odo0', 'pa:ss')],
		['wrong password', basicAuthHeader('odoo', 'pa:sS')],
		['password prefix', basicAuthHeader('odoo', 'pa')],
		['longer password', basicAuthHeader('odoo', 'pa:ss ')],
		['user and password swapped', basicAuthHeader('pa', 'ss:odoo')],
		['empty credentials', basicAuthHeader('', '')],
		['no header', undefined],
		['malformed header', 'Basic %%%'],
		['bearer token', 'Bearer pa:ss'],
	])('refuses %s', (_label, given) => {
		expect(verifyBasicAuth(given, expected)).toBe(false);
	});

	it('compares unicode exactly, without normalization', () => {
		const composed = { user: 'zoé', password: 'ü' };
		expect(verifyBasicAuth(basicAuthHeader('zoé', 'ü'), composed)).toBe(true);
		expect(verifyBasicAuth(basicAuthHeader('zoe\u0301', 'ü'), composed)).toBe(false);
	});

	it('fails closed when the expected user is empty', () => {
		expect(verifyBasicAuth(basicAuthHeader('', ''), { user: '', password: '' })).toBe(false);
		expect(verifyBasicAuth(basicAuthHeader('', 'x'), { user: '', password: 'x' })).toBe(false);
	});

	it('allows an empty expected password when it is configured so', () => {
		expect(verifyBasicAuth(basicAuthHeader('u', ''), { user: 'u', password: '' })).toBe(true);
		expect(verifyBasicAuth(basicAuthHeader('u', 'x'), { user: 'u', password: '' })).toBe(false);
	});
});
