import { InvalidParameterError } from '../../../nodes/shared/errors';
import {
	createAllowlist,
	DEFAULT_INTERNAL_RANGES,
	parseCidr,
} from '../../../nodes/shared/trigger/allowlist';

function expectInvalid(fn: () => unknown, parameter: string, ...fragments: string[]): void {
	let caught: unknown;
	try {
		fn();
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(InvalidParameterError);
	expect((caught as InvalidParameterError).parameter).toBe(parameter);
	for (const fragment of [parameter, ...fragments]) {
		expect((caught as InvalidParameterError).message).toContain(fragment);
	}
}

describe('parseCidr', () => {
	it.each([
		['10.0.0.0/8', 4, 8, '10.0.0.0/8'],
		['0.0.0.0/0', 4, 0, '0.0.0.0/0'],
		['10.1.2.3', 4, 32, '10.1.2.3/32'],
		['10.1.2.3/32', 4, 32, '10.1.2.3/32'],
		['fd00::/8', 6, 8, 'fd00::/8'],
		['FD00:0::/8', 6, 8, 'fd00::/8'],
		['::/0', 6, 0, '::/0'],
		['::1', 6, 128, '::1/128'],
		['::ffff:10.0.0.0/104', 6, 104, '::ffff:10.0.0.0/104'],
	])('parses %s', (text, version, prefixLength, normalized) => {
		expect(parseCidr(text)).toMatchObject({ version, prefixLength, normalized });
	});

	it.each([
		['10.0.0.0/33', 'from 0 to 32'],
		['::/129', 'from 0 to 128'],
		['10.0.0.0/-1', 'prefix length'],
		['10.0.0.0/', 'prefix length'],
		['10.0.0.0/08', 'prefix length'],
		['10.0.0.0/8/8', 'prefix length'],
		['10.0.0.0/a', 'prefix length'],
		['10.0.0.0/ 8', 'prefix length'],
		['10.0.0.0/1000', 'prefix length'],
		['10.0.0/8', 'not an IPv4 or IPv6 address'],
		['fe80::1%eth0/64', 'not an IPv4 or IPv6 address'],
		['fe80::1%eth0', 'not an IPv4 or IPv6 address'],
		['/8', 'not an IPv4 or IPv6 address'],
		['example.com', 'not an IPv4 or IPv6 address'],
		['10.0.0.1/8', 'did you mean "10.0.0.0/8"'],
		['172.20.0.0/11', 'did you mean "172.0.0.0/11"'],
		['fd00::1/8', 'did you mean "fd00::/8"'],
	])('rejects %s quoting the entry', (text, detail) => {
		expectInvalid(() => parseCidr(text), 'allowedIps', JSON.stringify(text), detail);
	});

	it('names a caller-supplied parameter', () => {
		expectInvalid(() => parseCidr('1.2.3.4/40', 'trustedProxies'), 'trustedProxies');
	});
});

describe('createAllowlist matching', () => {
	it.each([
		['172.15.255.255', false],
		['172.16.0.0', true],
		['172.20.1.2', true],
		['172.31.255.255', true],
		['172.32.0.0', false],
	])('172.16.0.0/12 and %s -> %p', (ip, allowed) => {
		expect(createAllowlist('172.16.0.0/12').allows(ip)).toBe(allowed);
	});

	it('/0 matches every address of its family', () => {
		const v4 = createAllowlist('0.0.0.0/0');
		expect(v4.allows('0.0.0.0')).toBe(true);
		expect(v4.allows('255.255.255.255')).toBe(true);
		expect(v4.allows('::ffff:8.8.8.8')).toBe(true);
		expect(v4.allows('::1')).toBe(false);
		expect(v4.allows('2001:db8::1')).toBe(false);

		const v6 = createAllowlist('::/0');
		expect(v6.allows('2001:db8::1')).toBe(true);
		expect(v6.allows('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
		expect(v6.allows('8.8.8.8')).toBe(true);
	});

	it('/32 and /128 match exactly one address', () => {
		const list = createAllowlist('192.0.2.10/32, 2001:db8::10/128');
		expect(list.allows('192.0.2.10')).toBe(true);
		expect(list.allows('192.0.2.9')).toBe(false);
		expect(list.allows('192.0.2.11')).toBe(false);
		expect(list.allows('2001:db8::10')).toBe(true);
		expect(list.allows('2001:0db8:0:0:0:0:0:0010')).toBe(true);
		expect(list.allows('2001:db8::11')).toBe(false);
		expect(list.allows('2001:db8::f')).toBe(false);
	});

	it('handles prefixes that are not byte aligned (fe80::/10)', () => {
		const list = createAllowlist('fe80::/10');
		expect(list.allows('fe80::')).toBe(true);
		expect(list.allows('febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
		expect(list.allows('fec0::')).toBe(false);
		expect(list.allows('fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(false);
	});

	it('matches IPv4 entries against IPv4-mapped clients and vice versa', () => {
		expect(createAllowlist('127.0.0.1').allows('::ffff:127.0.0.1')).toBe(true);
		expect(createAllowlist('127.0.0.1').allows('::FFFF:7f00:1')).toBe(true);
		expect(createAllowlist('10.0.0.0/8').allows('::ffff:10.200.0.1')).toBe(true);
		expect(createAllowlist('10.0.0.0/8').allows('::ffff:11.0.0.1')).toBe(false);
		expect(createAllowlist('::ffff:10.0.0.0/104').allows('10.9.9.9')).toBe(true);
		expect(createAllowlist('::ffff:127.0.0.1').allows('127.0.0.1')).toBe(true);
		expect(createAllowlist('::ffff:127.0.0.1').allows('127.0.0.2')).toBe(false);
	});

	it('does not treat IPv4-compatible or NAT64 addresses as the IPv4 address', () => {
		expect(createAllowlist('127.0.0.1').allows('::127.0.0.1')).toBe(false);
		expect(createAllowlist('127.0.0.1').allows('64:ff9b::127.0.0.1')).toBe(false);
	});

	it('splits entries on commas, spaces and newlines, in a string or a list', () => {
		const list = createAllowlist([
			'10.0.0.0/8,  192.168.1.1\n\n::1\tfd00::/8,',
			' ',
			'203.0.113.0/24',
		]);
		expect(list.entries.map((entry) => entry.normalized)).toEqual([
			'10.0.0.0/8',
			'192.168.1.1/32',
			'::1/128',
			'fd00::/8',
			'203.0.113.0/24',
		]);
		expect(list.allows('203.0.113.200')).toBe(true);
		expect(list.allows('192.168.1.2')).toBe(false);
	});

	it('an empty list allows nothing', () => {
		expect(createAllowlist('').allows('127.0.0.1')).toBe(false);
		expect(createAllowlist([]).allows('::1')).toBe(false);
		expect(createAllowlist(' ,\n').entries).toHaveLength(0);
	});

	it('refuses anything that is not an address', () => {
		const list = createAllowlist('::/0, 0.0.0.0/0');
		for (const junk of ['', 'localhost', '10.0.0.1:80', '[::1]', ' 10.0.0.1', '10.0.0.0/8']) {
			expect(list.allows(junk)).toBe(false);
		}
		expect(list.allows(undefined as unknown as string)).toBe(false);
	});

	it('matches a client link-local address carrying a zone id', () => {
		expect(createAllowlist('fe80::/10').allows('fe80::1%eth0')).toBe(true);
	});

	it('throws on the first invalid entry, naming it', () => {
		expectInvalid(
			() => createAllowlist('10.0.0.0/8, 10.0.0.0/33, bad'),
			'allowedIps',
			'"10.0.0.0/33"',
		);
		expectInvalid(() => createAllowlist([42 as unknown as string]), 'allowedIps');
	});
});

describe('DEFAULT_INTERNAL_RANGES', () => {
	const internal = createAllowlist(DEFAULT_INTERNAL_RANGES);

	it.each([
		'127.0.0.1',
		'127.255.255.254',
		'::1',
		'::ffff:127.0.0.1',
		'10.0.0.1',
		'10.255.255.255',
		'172.16.5.4',
		'172.31.0.1',
		'192.168.1.20',
		'::ffff:192.168.1.20',
		'fc00::1',
		'fd12:3456::1',
		'169.254.169.254',
		'fe80::1',
		'fe80::1%eth0',
	])('allows %s', (ip) => {
		expect(internal.allows(ip)).toBe(true);
	});

	it.each([
		'8.8.8.8',
		'1.1.1.1',
		'::ffff:8.8.8.8',
		'2001:4860::8888',
		'2001:4860:4860::8888',
		'172.32.0.1',
		'172.15.0.1',
		'192.169.0.1',
		'11.0.0.1',
		'::2',
		'::',
		'0.0.0.0',
		'fec0::1',
		'fe00::1',
		'garbage',
	])('refuses %s', (ip) => {
		expect(internal.allows(ip)).toBe(false);
	});

	it('cannot be modified', () => {
		expect(Object.isFrozen(DEFAULT_INTERNAL_RANGES)).toBe(true);
	});
});
