import { InvalidParameterError } from '../errors';
import { parseIpIgnoringZone } from './ipAddress';

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
 * - An entry that is not a plain IP address (empty, `unknown`, with a port or brackets) stops the
 *   walk: the result is the last valid address reached, i.e. the nearest trusted one.
 * IPv6 zone ids are dropped; the result is normalized (`::FFFF:127.0.0.1` -> `::ffff:127.0.0.1`,
 * IPv4-mapped addresses are kept mapped). Returns '' when the socket address itself is missing or
 * invalid, which no allowlist allows.
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
	if (trustedProxyHops === 0 || forwardedFor === undefined) return client.normalized;

	const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
	const chain = header.split(',').map((entry) => entry.trim());
	for (let hop = 1; hop <= trustedProxyHops && hop <= chain.length; hop++) {
		const entry = parseIpIgnoringZone(chain[chain.length - hop]);
		if (!entry) break;
		client = entry;
	}
	return client.normalized;
}
