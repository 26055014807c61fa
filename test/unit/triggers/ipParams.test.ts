import { bodyValues, parseIpChangeParams } from '../../../nodes/IpChangeTrigger/params';

const reason = (values: Record<string, unknown>) => {
	const result = parseIpChangeParams(values);
	if (result.ok) return undefined;
	expect(result.reply.status).toBe(400);
	return (result.reply.body as { message: string }).message;
};

describe('parseIpChangeParams', () => {
	it('reads new and old as Odoo.sh sends them', () => {
		expect(parseIpChangeParams({ new: '203.0.113.7', old: '198.51.100.4' })).toEqual({
			ok: true,
			params: { new: '203.0.113.7', old: '198.51.100.4' },
		});
	});

	it('takes the legacy ip parameter as new', () => {
		expect(parseIpChangeParams({ ip: '203.0.113.7' })).toEqual({
			ok: true,
			params: { new: '203.0.113.7', old: null },
		});
	});

	it('normalizes IPv6 addresses', () => {
		expect(parseIpChangeParams({ new: '2001:DB8:0:0:0:0:0:1', old: '::FFFF:10.0.0.1' })).toEqual({
			ok: true,
			params: { new: '2001:db8::1', old: '::ffff:10.0.0.1' },
		});
	});

	it('treats an empty old as absent', () => {
		expect(parseIpChangeParams({ new: '10.0.0.1', old: '' })).toEqual({
			ok: true,
			params: { new: '10.0.0.1', old: null },
		});
	});

	it('requires new', () => {
		expect(reason({})).toBe('The "new" query parameter (the new IP address) is required');
		expect(reason({ old: '10.0.0.1' })).toBe(
			'The "new" query parameter (the new IP address) is required',
		);
		expect(reason({ new: '' })).toBe('The "new" query parameter (the new IP address) is required');
	});

	it.each([
		'not-an-ip',
		'256.1.1.1',
		'10.0.0',
		'010.0.0.1',
		' 10.0.0.1',
		'10.0.0.1:8069',
		'[::1]',
		'fe80::1%eth0',
		'10.0.0.0/8',
		'1.2.3.4; DROP TABLE',
		'::1::2',
	])('refuses new=%j with its reason', (value) => {
		expect(reason({ new: value })).toBe(
			`"new" is not a valid IPv4 or IPv6 address: ${JSON.stringify(value)}`,
		);
	});

	it('refuses an invalid old and names it', () => {
		expect(reason({ new: '10.0.0.1', old: 'yesterday' })).toBe(
			'"old" is not a valid IPv4 or IPv6 address: "yesterday"',
		);
	});

	it('refuses an invalid legacy ip and names it', () => {
		expect(reason({ ip: 'x' })).toBe('"ip" is not a valid IPv4 or IPv6 address: "x"');
	});

	it('refuses new and ip that disagree, accepts them when they agree', () => {
		expect(reason({ new: '10.0.0.1', ip: '10.0.0.2' })).toBe(
			'"new" and the legacy "ip" disagree; send only "new"',
		);
		expect(reason({ new: '2001:db8::1', ip: '2001:DB8::0:1' })).toBeUndefined();
	});

	it('refuses values that are not text (JSON bodies)', () => {
		expect(reason({ new: 167772161 })).toBe('"new" must be a string');
		expect(reason({ new: ['10.0.0.1'] })).toBe('"new" must be a string');
		expect(reason({ new: '10.0.0.1', old: { ip: '10.0.0.2' } })).toBe('"old" must be a string');
	});

	it('shortens a very long value in the reason', () => {
		expect(reason({ new: 'x'.repeat(5000) })).toBe(
			`"new" is not a valid IPv4 or IPv6 address: "${'x'.repeat(64)}…"`,
		);
	});
});

describe('bodyValues', () => {
	const buffer = (text: string) => Buffer.from(text, 'utf8');

	it('reads a form body', () => {
		expect(
			bodyValues('application/x-www-form-urlencoded', buffer('new=10.0.0.1&old=%3A%3A1')),
		).toEqual({
			ok: true,
			values: { new: '10.0.0.1', old: '::1' },
		});
	});

	it('reads a JSON object, whatever the content type', () => {
		expect(bodyValues('application/json', buffer('{"new":"10.0.0.1"}'))).toEqual({
			ok: true,
			values: { new: '10.0.0.1' },
		});
		expect(bodyValues(undefined, buffer('{"new":"10.0.0.1"}'))).toEqual({
			ok: true,
			values: { new: '10.0.0.1' },
		});
	});

	it('yields no values for an empty body', () => {
		expect(bodyValues('application/json', Buffer.alloc(0))).toEqual({ ok: true, values: {} });
	});

	it('answers 400 for malformed JSON, other formats and repeated form fields', () => {
		for (const [type, text] of [
			['application/json', '{"new":'],
			['text/plain', 'new=10.0.0.1'],
			['application/xml', '<new>10.0.0.1</new>'],
			['application/x-www-form-urlencoded', 'new=10.0.0.1&new=10.0.0.2'],
		]) {
			const result = bodyValues(type, buffer(text));
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.reply.status).toBe(400);
		}
	});

	it('answers 400 for bytes that are not UTF-8', () => {
		const result = bodyValues('application/json', Buffer.from([0xc3, 0x28]));
		expect(result).toEqual({
			ok: false,
			reply: {
				status: 400,
				body: { status: 'error', message: 'The request body is not valid UTF-8' },
			},
		});
	});
});
