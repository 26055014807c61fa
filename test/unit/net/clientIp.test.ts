import { InvalidParameterError } from '../../../nodes/shared/errors';
import { createAllowlist, DEFAULT_INTERNAL_RANGES } from '../../../nodes/shared/trigger/allowlist';
import { clientIp } from '../../../nodes/shared/trigger/clientIp';

describe('clientIp', () => {
	it('with 0 hops uses the socket address and ignores a spoofed X-Forwarded-For', () => {
		expect(
			clientIp({ remoteAddress: '203.0.113.7', forwardedFor: '127.0.0.1', trustedProxyHops: 0 }),
		).toBe('203.0.113.7');
		expect(
			clientIp({
				remoteAddress: '203.0.113.7',
				forwardedFor: ['10.0.0.1', '192.168.0.1'],
				trustedProxyHops: 0,
			}),
		).toBe('203.0.113.7');
	});

	it('a spoofed header therefore does not pass the internal allowlist', () => {
		const internal = createAllowlist(DEFAULT_INTERNAL_RANGES);
		const ip = clientIp({
			remoteAddress: '::ffff:203.0.113.7',
			forwardedFor: '127.0.0.1, ::1',
			trustedProxyHops: 0,
		});
		expect(internal.allows(ip)).toBe(false);
	});

	it('with 1 hop uses the right-most X-Forwarded-For entry', () => {
		expect(
			clientIp({
				remoteAddress: '10.0.0.2',
				forwardedFor: '127.0.0.1, 198.51.100.1, 203.0.113.9',
				trustedProxyHops: 1,
			}),
		).toBe('203.0.113.9');
	});

	it('with 2 hops skips the inner proxy', () => {
		expect(
			clientIp({
				remoteAddress: '10.0.0.2',
				forwardedFor: '127.0.0.1, 203.0.113.9, 10.0.0.1',
				trustedProxyHops: 2,
			}),
		).toBe('203.0.113.9');
	});

	it('reads several header lines as one chain', () => {
		const options = { remoteAddress: '10.0.0.2', forwardedFor: ['198.51.100.1', '203.0.113.9'] };
		expect(clientIp({ ...options, trustedProxyHops: 1 })).toBe('203.0.113.9');
		expect(clientIp({ ...options, trustedProxyHops: 2 })).toBe('198.51.100.1');
	});

	it('with more hops than the chain uses the left-most entry (like Express)', () => {
		expect(
			clientIp({ remoteAddress: '10.0.0.2', forwardedFor: '203.0.113.9', trustedProxyHops: 5 }),
		).toBe('203.0.113.9');
	});

	it('without X-Forwarded-For uses the socket address', () => {
		expect(clientIp({ remoteAddress: '10.0.0.2', trustedProxyHops: 1 })).toBe('10.0.0.2');
		expect(clientIp({ remoteAddress: '10.0.0.2', forwardedFor: [], trustedProxyHops: 1 })).toBe(
			'10.0.0.2',
		);
	});

	it.each([
		['203.0.113.9:4711', 1, '203.0.113.9'],
		['[2001:db8::9]:4711', 1, '2001:db8::9'],
		['[2001:db8::9]', 1, '2001:db8::9'],
		['198.51.100.4, 203.0.113.9:80', 2, '198.51.100.4'],
	])('reads the port forms proxies write: %p (%d hops) -> %s', (forwardedFor, hops, expected) => {
		expect(clientIp({ remoteAddress: '10.0.0.2', forwardedFor, trustedProxyHops: hops })).toBe(
			expected,
		);
	});

	it.each([
		['unknown', 1],
		['', 1],
		['_hidden', 1],
		['[203.0.113.9]:80', 1],
		['203.0.113.9:99999', 1],
		['010.0.0.1:80', 1],
		['203.0.113.9, , 10.0.0.1', 3],
		['garbage, 198.51.100.4', 2],
		['203.0.113.9, unknown', 2],
	])('fails closed on an entry that is not an address: %p (%d hops)', (forwardedFor, hops) => {
		// Falling back to the socket address would name the proxy, which the allowlist usually allows.
		expect(clientIp({ remoteAddress: '10.0.0.2', forwardedFor, trustedProxyHops: hops })).toBe('');
		expect(createAllowlist(DEFAULT_INTERNAL_RANGES).allows('')).toBe(false);
	});

	it('ignores malformed entries beyond the trusted hops', () => {
		expect(
			clientIp({
				remoteAddress: '10.0.0.2',
				forwardedFor: 'unknown, 203.0.113.9',
				trustedProxyHops: 1,
			}),
		).toBe('203.0.113.9');
	});

	it('trims entries and normalizes the result', () => {
		expect(
			clientIp({
				remoteAddress: '10.0.0.2',
				forwardedFor: '  2001:DB8:0:0::1  ',
				trustedProxyHops: 1,
			}),
		).toBe('2001:db8::1');
		expect(clientIp({ remoteAddress: '::FFFF:127.0.0.1', trustedProxyHops: 0 })).toBe(
			'::ffff:127.0.0.1',
		);
	});

	it('drops the zone id Node appends to link-local socket addresses', () => {
		expect(clientIp({ remoteAddress: 'fe80::1%eth0', trustedProxyHops: 0 })).toBe('fe80::1');
	});

	it.each([undefined, '', 'garbage'])('returns "" for the socket address %p', (remoteAddress) => {
		expect(clientIp({ remoteAddress, forwardedFor: '203.0.113.9', trustedProxyHops: 1 })).toBe('');
	});

	it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
		'rejects trustedProxyHops %p',
		(hops) => {
			let caught: unknown;
			try {
				clientIp({ remoteAddress: '10.0.0.2', trustedProxyHops: hops });
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(InvalidParameterError);
			expect((caught as InvalidParameterError).parameter).toBe('trustedProxyHops');
		},
	);
});
