/**
 * Strict IPv4 / IPv6 address parsing, hand-rolled so that what is accepted is exactly documented:
 * - IPv4: dotted quad of decimal octets 0-255. Leading zeros (`01.2.3.4`) are rejected because
 *   inet_aton and some proxies read them as octal (`010` = 8), so the same text could name two
 *   addresses. No shorthand forms (`127.1`), no hex.
 * - IPv6: 8 groups of 1-4 hex digits (any case), at most one `::` standing for one or more zero
 *   groups, optionally ending in an embedded dotted quad (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`).
 * - Rejected everywhere: surrounding whitespace, brackets, ports, CIDR suffixes, and zone ids
 *   (`fe80::1%eth0`). {@link parseIpIgnoringZone} is the one exception, for addresses observed at
 *   runtime: Node appends the zone to link-local socket addresses.
 *
 * Both versions are stored as 16 bytes, IPv4 as its IPv4-mapped IPv6 form (`::ffff:a.b.c.d`), so
 * `10.1.2.3` and `::ffff:10.1.2.3` have the same bytes and match the same ranges.
 */

export interface ParsedIp {
	/** The notation of the text: `::ffff:1.2.3.4` is version 6 even though it maps an IPv4. */
	version: 4 | 6;
	/** 16 bytes, network order. */
	bytes: Uint8Array;
	/** Dotted quad for IPv4; RFC 5952 text for IPv6 (lowercase, `::` for the longest zero run). */
	normalized: string;
}

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const IPV6_CHARS = /^[0-9a-f:.]+$/i;
const ZONE_ID = /^[0-9a-z_.~-]+$/i;

function parseIpv4Octets(text: string): number[] | null {
	const match = IPV4.exec(text);
	if (!match) return null;
	const octets = match.slice(1).map(Number);
	return octets.every((octet) => octet <= 255) ? octets : null;
}

/** Groups of one side of `::`; the dotted-quad tail is only allowed at the very end. */
function parseGroups(side: string, allowIpv4Tail: boolean): number[] | null {
	if (side === '') return [];
	const parts = side.split(':');
	const groups: number[] = [];
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (allowIpv4Tail && i === parts.length - 1 && part.includes('.')) {
			const octets = parseIpv4Octets(part);
			if (!octets) return null;
			groups.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
		} else if (HEX_GROUP.test(part)) {
			groups.push(parseInt(part, 16));
		} else {
			return null;
		}
	}
	return groups;
}

function parseIpv6Groups(text: string): number[] | null {
	if (!IPV6_CHARS.test(text)) return null;
	const halves = text.split('::');
	if (halves.length === 1) {
		const groups = parseGroups(text, true);
		return groups?.length === 8 ? groups : null;
	}
	if (halves.length !== 2) return null;
	const head = parseGroups(halves[0], false);
	const tail = parseGroups(halves[1], true);
	if (!head || !tail || head.length + tail.length > 7) return null;
	return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** True for ::ffff:0:0/96. */
export function isIpv4Mapped(bytes: Uint8Array): boolean {
	for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
	return bytes[10] === 0xff && bytes[11] === 0xff;
}

function formatIpv6(bytes: Uint8Array): string {
	if (isIpv4Mapped(bytes)) return `::ffff:${bytes.slice(12).join('.')}`;
	const groups: number[] = [];
	for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
	// RFC 5952 4.2: compress the longest run of >= 2 zero groups, the first one on a tie.
	let bestStart = -1;
	let bestLength = 1;
	for (let i = 0; i < 8;) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLength) {
			bestStart = i;
			bestLength = j - i;
		}
		i = j;
	}
	const hex = groups.map((group) => group.toString(16));
	if (bestStart === -1) return hex.join(':');
	const head = hex.slice(0, bestStart).join(':');
	const tail = hex.slice(bestStart + bestLength).join(':');
	return `${head}::${tail}`;
}

/** Text of 16 address bytes: dotted quad for version 4 (the mapped part), RFC 5952 for 6. */
export function formatIp(bytes: Uint8Array, version: 4 | 6): string {
	return version === 4 ? bytes.slice(12).join('.') : formatIpv6(bytes);
}

/** Parses an address strictly (see the module comment); null when it is not one. */
export function parseIp(text: unknown): ParsedIp | null {
	if (typeof text !== 'string') return null;
	const octets = parseIpv4Octets(text);
	if (octets) {
		const bytes = new Uint8Array(16);
		bytes[10] = 0xff;
		bytes[11] = 0xff;
		bytes.set(octets, 12);
		return { version: 4, bytes, normalized: formatIp(bytes, 4) };
	}
	const groups = parseIpv6Groups(text);
	if (!groups) return null;
	const bytes = new Uint8Array(16);
	groups.forEach((group, i) => {
		bytes[2 * i] = group >> 8;
		bytes[2 * i + 1] = group & 0xff;
	});
	return { version: 6, bytes, normalized: formatIp(bytes, 6) };
}

/**
 * Like {@link parseIp} but drops an IPv6 zone id (`fe80::1%eth0` -> `fe80::1`). For addresses
 * observed at runtime (socket, X-Forwarded-For), never for configuration: the zone only says
 * which interface a link-local address was seen on, it does not change which ranges it is in.
 */
export function parseIpIgnoringZone(text: unknown): ParsedIp | null {
	if (typeof text !== 'string') return null;
	const percent = text.indexOf('%');
	if (percent === -1) return parseIp(text);
	if (!ZONE_ID.test(text.slice(percent + 1))) return null;
	const parsed = parseIp(text.slice(0, percent));
	return parsed?.version === 6 ? parsed : null;
}

/**
 * Whether two texts name the same address: `10.1.2.3` and `::ffff:10.1.2.3` do (same bytes).
 * Texts that are not addresses are compared as they are; null equals only null.
 */
export function sameAddress(a: string | null, b: string | null): boolean {
	if (a === null || b === null) return a === b;
	const left = parseIp(a);
	const right = parseIp(b);
	if (!left || !right) return a === b;
	return left.bytes.every((byte, i) => byte === right.bytes[i]);
}
