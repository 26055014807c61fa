import type { Allowlist } from './allowlist';
import { clientIp } from './clientIp';
import { errorReply, type Reply } from './reply';
import type { IncomingRequest } from './body';

/**
 * The caller's address from the socket and, only with `trustedProxyHops` > 0, X-Forwarded-For.
 * n8n's own `trust proxy` (N8N_PROXY_HOPS) is deliberately ignored: the node option alone defines
 * which header entries are believed.
 */
export function sourceAddress(req: IncomingRequest, trustedProxyHops: number): string {
	return clientIp({
		remoteAddress: req.socket?.remoteAddress,
		forwardedFor: req.headers['x-forwarded-for'],
		trustedProxyHops,
	});
}

/** 403 unless the allowlist (when there is one) contains the address. */
export function checkSource(address: string, allowlist: Allowlist | undefined): Reply | undefined {
	if (!allowlist || allowlist.allows(address)) return undefined;
	if (address === '') {
		return errorReply(
			403,
			'Forbidden: the caller’s address cannot be read (an X-Forwarded-For entry is not an IP address)',
		);
	}
	return errorReply(403, `Forbidden: ${address} is not in the IP allowlist`);
}
