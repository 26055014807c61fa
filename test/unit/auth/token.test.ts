import { verifyHeaderToken } from '../../../nodes/shared/trigger/token';

describe('verifyHeaderToken', () => {
	const configured = 'n8n-odoo-3f9c2b7e';

	it('accepts the exact token', () => {
		expect(verifyHeaderToken({ 'x-odoo-token': configured }, 'X-Odoo-Token', configured)).toBe(
			true,
		);
	});

	it('matches the header name case-insensitively on both sides', () => {
		expect(verifyHeaderToken({ 'X-ODOO-TOKEN': configured }, 'x-odoo-token', configured)).toBe(
			true,
		);
		expect(verifyHeaderToken({ 'x-Odoo-token': configured }, 'X-Odoo-Token', configured)).toBe(
			true,
		);
	});

	it.each([
		['shorter', configured.slice(0, -1)],
		['longer', `${configured}0`],
		['same length, one character off', `${configured.slice(0, -1)}f`],
		['different case', configured.toUpperCase()],
		['surrounding whitespace', ` ${configured}`],
		['empty', ''],
		['much longer', configured.repeat(100)],
	])('refuses a %s value', (_label, value) => {
		expect(verifyHeaderToken({ 'x-odoo-token': value }, 'x-odoo-token', configured)).toBe(false);
	});

	it('refuses a missing header or one under another name', () => {
		expect(verifyHeaderToken({}, 'x-odoo-token', configured)).toBe(false);
		expect(verifyHeaderToken({ 'x-odoo-token': undefined }, 'x-odoo-token', configured)).toBe(
			false,
		);
		expect(verifyHeaderToken({ authorization: configured }, 'x-odoo-token', configured)).toBe(
			false,
		);
	});

	it('accepts repeated identical values and refuses differing ones', () => {
		expect(
			verifyHeaderToken({ 'x-odoo-token': [configured, configured] }, 'x-odoo-token', configured),
		).toBe(true);
		expect(
			verifyHeaderToken({ 'x-odoo-token': [configured, 'other'] }, 'x-odoo-token', configured),
		).toBe(false);
		expect(
			verifyHeaderToken({ 'x-odoo-token': ['other', configured] }, 'x-odoo-token', configured),
		).toBe(false);
		expect(verifyHeaderToken({ 'x-odoo-token': [] }, 'x-odoo-token', configured)).toBe(false);
	});

	it('considers keys that differ only in case as the same header', () => {
		expect(
			verifyHeaderToken(
				{ 'x-odoo-token': configured, 'X-Odoo-Token': 'other' },
				'x-odoo-token',
				configured,
			),
		).toBe(false);
		expect(
			verifyHeaderToken(
				{ 'x-odoo-token': configured, 'X-Odoo-Token': configured },
				'x-odoo-token',
				configured,
			),
		).toBe(true);
	});

	it('refuses a comma-joined repeated header (how Node merges duplicates)', () => {
		expect(
			verifyHeaderToken(
				{ 'x-odoo-token': `${configured}, ${configured}` },
				'x-odoo-token',
				configured,
			),
		).toBe(false);
	});

	it('fails closed when the expected token is empty', () => {
		expect(verifyHeaderToken({ 'x-odoo-token': '' }, 'x-odoo-token', '')).toBe(false);
		expect(verifyHeaderToken({}, 'x-odoo-token', '')).toBe(false);
	});

	it('compares unicode tokens exactly', () => {
		expect(verifyHeaderToken({ t: 'clé' }, 't', 'clé')).toBe(true);
		expect(verifyHeaderToken({ t: 'cle\u0301' }, 't', 'clé')).toBe(false);
	});
});
