import { isIP } from 'node:net';

import {
	formatIp,
	isIpv4Mapped,
	parseIp,
	parseIpIgnoringZone,
} from '../../../nodes/shared/trigger/ipAddress';

const VALID_V4 = [
	'0.0.0.0',
	'127.0.0.1',
	'255.255.255.255',
	'10.1.2.3',
	'192.168.0.1',
	'1.2.3.0',
	'100.64.0.10',
];

const INVALID_V4 = [
	'256.0.0.1',
	'1.2.3.1000',
	'1.2.3',
	'1.2.3.4.5',
	'01.2.3.4',
	'1.2.3.04',
	'1.2.3.00',
	'1.2.3.4 ',
	' 1.2.3.4',
	'1.2.3.4\n',
	'1.2.3.4:80',
	'1.2.3.-1',
	'1..3.4',
	'1.2.3.',
	'.1.2.3',
	'0x7f.0.0.1',
	'127.1',
	'2130706433',
	'1.2.3.4/32',
	'١.٢.٣.٤',
	'',
	'localhost',
];

const VALID_V6 = [
	'::',
	'::1',
	'1::',
	'fe80::1',
	'2001:db8::8a2e:370:7334',
	'2001:0db8:0000:0000:0000:ff00:0042:8329',
	'FE80::ABCD',
	'1:2:3:4:5:6:7:8',
	'1:2:3:4:5:6:7::',
	'::2:3:4:5:6:7:8',
	'1::8',
	'::ffff:1.2.3.4',
	'::FFFF:127.0.0.1',
	'0:0:0:0:0:ffff:1.2.3.4',
	'64:ff9b::192.0.2.33',
	'1:2:3:4:5:6:1.2.3.4',
	'::1.2.3.4',
];

const INVALID_V6 = [
	':::',
	'1:::2',
	'1::2::3',
	':1::2',
	'1::2:',
	':1:2:3:4:5:6:7:8',
	'1:2:3:4:5:6:7:8:',
	'1:2:3:4:5:6:7:8:9',
	'1:2:3:4:5:6:7',
	'1::2:3:4:5:6:7:8',
	'12345::',
	'g::1',
	'[::1]',
	'[::1]:80',
	'::1/128',
	' ::1',
	'::1 ',
	'::ffff:1.2.3.256',
	'::ffff:01.2.3.4',
	'::1.2.3.4:5',
	'1.2.3.4::',
	'1:2:3:4:5:6:7:1.2.3.4',
	'::ffff:1.2.3',
	'1:2:3:4:5:6:7:8.',
];

const ZONED = ['fe80::1%eth0', 'fe80::1%1', 'fe80::1%en0.1'];

describe('parseIp', () => {
	it.each(VALID_V4)('accepts IPv4 %s', (text) => {
		const parsed = parseIp(text);
		expect(parsed).toMatchObject({ version: 4, normalized: text });
		expect(parsed?.bytes).toHaveLength(16);
		expect(parseIp(text) !== null).toBe(true);
	});

	it.each(INVALID_V4)('rejects %p', (text) => {
		expect(parseIp(text)).toBeNull();
		expect(parseIp(text) !== null).toBe(false);
	});

	it.each(VALID_V6)('accepts IPv6 %s', (text) => {
		expect(parseIp(text)?.version).toBe(6);
		expect(parseIp(text) !== null).toBe(true);
	});

	it.each(INVALID_V6)('rejects %p', (text) => {
		expect(parseIp(text)).toBeNull();
	});

	it.each(ZONED)('rejects the zone id in %s', (text) => {
		expect(parseIp(text)).toBeNull();
		expect(parseIp(text) !== null).toBe(false);
	});

	it.each([undefined, null, 42, {}, ['1.2.3.4']])('rejects the non-string %p', (value) => {
		expect(parseIp(value)).toBeNull();
	});

	it('agrees with node:net isIP on every zone-free sample', () => {
		for (const text of [...VALID_V4, ...INVALID_V4, ...VALID_V6, ...INVALID_V6]) {
			expect({ text, valid: parseIp(text) !== null }).toEqual({ text, valid: isIP(text) !== 0 });
		}
	});

	it('stores IPv4 as IPv4-mapped bytes', () => {
		expect(Array.from(parseIp('1.2.3.4')!.bytes)).toEqual([
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4,
		]);
		expect(parseIp('10.1.2.3')!.bytes).toEqual(parseIp('::ffff:10.1.2.3')!.bytes);
		expect(parseIp('10.1.2.3')!.bytes).toEqual(parseIp('::ffff:a01:203')!.bytes);
		expect(isIpv4Mapped(parseIp('::ffff:10.1.2.3')!.bytes)).toBe(true);
		expect(isIpv4Mapped(parseIp('::1.2.3.4')!.bytes)).toBe(false);
		expect(isIpv4Mapped(parseIp('::1')!.bytes)).toBe(false);
	});

	it('stores IPv6 groups in network order', () => {
		expect(Array.from(parseIp('2001:db8::ff00:42:8329')!.bytes)).toEqual([
			0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29,
		]);
	});

	it.each([
		['2001:0DB8:0000:0000:0000:FF00:0042:8329', '2001:db8::ff00:42:8329'],
		['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
		['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
		['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
		['0:0:0:0:0:0:0:0', '::'],
		['0:0:0:0:0:0:0:1', '::1'],
		['1:0:0:0:0:0:0:0', '1::'],
		['::FFFF:7F00:1', '::ffff:127.0.0.1'],
		['0:0:0:0:0:FFFF:127.0.0.1', '::ffff:127.0.0.1'],
		['::1.2.3.4', '::102:304'],
		['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
	])('normalizes %s to %s (RFC 5952)', (text, normalized) => {
		expect(parseIp(text)?.normalized).toBe(normalized);
	});

	it('normalizes like the WHATWG URL parser for non-mapped IPv6', () => {
		for (const text of VALID_V6.filter((t) => !isIpv4Mapped(parseIp(t)!.bytes))) {
			const hostname = new URL(`http://[${text}]/`).hostname.slice(1, -1);
			expect(parseIp(text)?.normalized).toBe(hostname);
		}
	});

	it('formats bytes back to text', () => {
		expect(formatIp(parseIp('10.0.0.1')!.bytes, 4)).toBe('10.0.0.1');
		expect(formatIp(parseIp('10.0.0.1')!.bytes, 6)).toBe('::ffff:10.0.0.1');
		expect(formatIp(parseIp('fd00::')!.bytes, 6)).toBe('fd00::');
	});
});

describe('parseIpIgnoringZone', () => {
	it.each(ZONED)('drops the zone id of %s', (text) => {
		expect(parseIpIgnoringZone(text)?.normalized).toBe('fe80::1');
	});

	it('parses zone-free addresses exactly like parseIp', () => {
		expect(parseIpIgnoringZone('::FFFF:127.0.0.1')).toEqual(parseIp('::FFFF:127.0.0.1'));
		expect(parseIpIgnoringZone('10.0.0.1')?.normalized).toBe('10.0.0.1');
	});

	it.each([
		'fe80::1%',
		'1.2.3.4%eth0',
		'fe80::1%eth 0',
		'fe80::1%eth0%1',
		'%eth0',
		'junk%eth0',
		undefined,
	])('rejects %p', (text) => {
		expect(parseIpIgnoringZone(text)).toBeNull();
	});
});
