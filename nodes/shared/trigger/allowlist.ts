/**
 * IP allowlists made of CIDR ranges. IPv4 ranges are held as their IPv4-mapped IPv6 range
 * (`10.0.0.0/8` = `::ffff:10.0.0.0/104`), so an IPv4 entry matches a client reported as
 * `::ffff:10.1.2.3` (Node on a dual-stack socket) and an `::ffff:...` entry matches `10.1.2.3`.
 * Consequently an IPv6 range covering ::ffff:0:0/96 (such as `::/0`) also matches IPv4 clients.
 * Matching is Node's `net.BlockList`, fed only IPv6 ranges and addresses so that this holds both
 * ways; parsing stays here for the strict syntax, the zone-id rule and the error texts.
 */
import { BlockList } from 'node:net';

import { InvalidParameterError } from '../errors';
import { formatIp, parseIp, parseIpIgnoringZone } from './ipAddress';

export interface Cidr {
	version: 4 | 6;
	/** 16 bytes, host bits zero. */
	network: Uint8Array;
	/** As written: 0-32 for IPv4, 0-128 for IPv6. */
	prefixLength: number;
	/** `10.0.0.0/8`, `fd00::/8`; a bare address gets its full-length prefix. */
	normalized: string;
}

export interface Allowlist {
	readonly entries: readonly Cidr[];
	/** False for anything that is not an IP address. */
	allows(ip: string): boolean;
}

/** Loopback, private (RFC 1918, RFC 4193 unique local) and link-local ranges. */
export const DEFAULT_INTERNAL_RANGES: readonly string[] = Object.freeze([
	'127.0.0.0/8',
	'::1/128',
	'10.0.0.0/8',
	'172.16.0.0/12',
	'192.168.0.0/16',
	'fc00::/7',
	'169.254.0.0/16',
	'fe80::/10',
]);

const PREFIX = /^(0|[1-9]\d{0,2})$/;
const SEPARATORS = /[\s,]+/;

/** Prefix length in the 128-bit space the bytes live in. */
function bitLength(cidr: Cidr): number {
	return cidr.version === 4 ? 96 + cidr.prefixLength : cidr.prefixLength;
}

function mask(bytes: Uint8Array, bits: number): Uint8Array {
	const masked = new Uint8Array(16);
	for (let i = 0; i < 16; i++) {
		const keep = Math.max(0, Math.min(8, bits - 8 * i));
		masked[i] = bytes[i] & ((0xff << (8 - keep)) & 0xff);
	}
	return masked;
}

/**
 * Parses `address` or `address/prefix`. Throws {@link InvalidParameterError} naming `parameter`
 * and quoting the entry for an invalid address, a prefix out of range or with leading zeros, and
 * for host bits set after the prefix (`192.168.1.10/24` is refused rather than silently widened).
 */
export function parseCidr(text: string, parameter = 'allowedIps'): Cidr {
	const fail = (detail: string): never => {
		throw new InvalidParameterError(parameter, `entry ${JSON.stringify(text)}: ${detail}`);
	};
	if (typeof text !== 'string') return fail('expected a string');
	const slash = text.indexOf('/');
	const address = parseIp(slash === -1 ? text : text.slice(0, slash));
	if (!address) return fail('not an IPv4 or IPv6 address');
	const maxPrefix = address.version === 4 ? 32 : 128;
	let prefixLength = maxPrefix;
	if (slash !== -1) {
		const prefixText = text.slice(slash + 1);
		prefixLength = PREFIX.test(prefixText) ? Number(prefixText) : Number.NaN;
		if (!(prefixLength <= maxPrefix)) {
			return fail(`prefix length must be a whole number from 0 to ${maxPrefix}`);
		}
	}
	const cidr: Cidr = {
		version: address.version,
		network: address.bytes,
		prefixLength,
		normalized: `${address.normalized}/${prefixLength}`,
	};
	const network = mask(address.bytes, bitLength(cidr));
	if (network.some((byte, i) => byte !== address.bytes[i])) {
		const suggestion = `${formatIp(network, address.version)}/${prefixLength}`;
		return fail(`host bits are set after /${prefixLength}; did you mean "${suggestion}"?`);
	}
	return cidr;
}

/**
 * Builds an allowlist from entries separated by commas, spaces or newlines (a string or a list of
 * such strings). Invalid entries throw {@link InvalidParameterError} naming `parameter`. An empty
 * list allows nothing. Client addresses with an IPv6 zone id are matched without it.
 */
export function createAllowlist(
	entries: string | readonly string[],
	parameter = 'allowedIps',
): Allowlist {
	const texts = typeof entries === 'string' ? [entries] : entries;
	if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
		throw new InvalidParameterError(parameter, 'expected a string or a list of strings');
	}
	const cidrs = texts
		.flatMap((text) => text.split(SEPARATORS))
		.filter((entry) => entry !== '')
		.map((entry) => parseCidr(entry, parameter));
	const ranges = new BlockList();
	for (const cidr of cidrs) ranges.addSubnet(formatIp(cidr.network, 6), bitLength(cidr), 'ipv6');
	return {
		entries: Object.freeze(cidrs),
		allows(ip: string): boolean {
			const parsed = parseIpIgnoringZone(ip);
			return parsed !== null && ranges.check(formatIp(parsed.bytes, 6), 'ipv6');
		},
	};
}
