import { InvalidParameterError } from '../errors';
import { parseIp, parseIpIgnoringZone, type ParsedIp } from './ipAddress';

export interface ClientIpOptions {
	/** The socket's peer address (`req.socket.remoteAddress`); may be undefined once closed. */
	remoteAddress: string | undefined;
	/** X-Forwarded-For value(s); several header lines are read as one comma-separated list. */
	forwardedFor?: string | string[];
	/** How many proxies in front of n8n append to X-Forwarded-For and are trusted. */
	trustedProxyHops: number;
}

/**
 * The client address, as Express computes it with `trust proxy = N`:
 * - 0 hops: the socket address; X-Forwarded-For is ignored entirely, so it cannot be spoofed.
 * - N hops: in the chain `[...X-Forwarded-For entries, remoteAddress]`, the entry N places left
 *   of the right end (1 hop: the right-most X-Forwarded-For entry). With N larger than the chain,
 *   the left-most entry. Configuring more hops than there are proxies lets clients spoof.
 * - Entries may carry a port as proxies write them (`203.0.113.9:4711`, `[2001:db8::9]:4711`,
 *   `[2001:db8::9]`). An entry among the believed ones that is still not an IP address (empty,
 *   `unknown`, an obfuscated name) fails closed: the result is '', which no allowlist allows.
 *   Falling back to the nearer address would name the proxy, which is usually allowed.
 * IPv6 zone ids are dropped; the result is normalized (`::FFFF:127.0.0.1` -> `::ffff:127.0.0.1`,
 * IPv4-mapped addresses are kept mapped). Returns '' when the socket address itself is missing or
 * invalid.
 */
export function clientIp({
	remoteAddress,
	forwardedFor,
	trustedProxyHops,
}: ClientIpOptions): string {
	if (!Number.isInteger(trustedProxyHops) || trustedProxyHops < 0) {
		throw new InvalidParameterError(
			'trustedProxyHops',
			`expected a whole number >= 0, got ${String(trustedProxyHops)}`,
		);
	}
	let client = parseIpIgnoringZone(remoteAddress);
	if (!client) return '';
	const lines = Array.isArray(forwardedFor) ? forwardedFor : [forwardedFor];
	if (trustedProxyHops === 0 || forwardedFor === undefined || lines.length === 0) {
		return client.normalized;
	}
	const chain = lines
		.join(',')
		.split(',')
		.map((entry) => entry.trim());
	for (let hop = 1; hop <= trustedProxyHops && hop <= chain.length; hop++) {
		const entry = parseForwardedEntry(chain[chain.length - hop]);
		if (!entry) return '';
		client = entry;
	}
	return client.normalized;
}

const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/;
const BRACKETED_IPV6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/;

/** An X-Forwarded-For entry: an address, `ipv4:port`, `[ipv6]` or `[ipv6]:port`; null otherwise. */
export function parseForwardedEntry(entry: string): ParsedIp | null {
	const v4 = IPV4_WITH_PORT.exec(entry);
	if (v4) return Number(v4[2]) <= 65535 ? parseIp(v4[1]) : null;
	const v6 = BRACKETED_IPV6.exec(entry);
	if (v6) {
		if (v6[2] !== undefined && Number(v6[2]) > 65535) return null;
		const parsed = parseIpIgnoringZone(v6[1]);
		return parsed?.version === 6 ? parsed : null;
	}
	return parseIpIgnoringZone(entry);
}
