import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Agents } from './attempt';

/**
 * No keep-alive and no TLS session cache: every check opens its own connection and does a full
 * handshake, so the timings include DNS, TCP and TLS and a broken listener cannot hide behind a
 * pooled socket. (Node's global agents keep connections alive by default.)
 */
export function createFreshConnectionAgents(): Agents {
	return {
		http: new HttpAgent({ keepAlive: false }),
		https: new HttpsAgent({ keepAlive: false, maxCachedSessions: 0 }),
	};
}

export const defaultAgents: Agents = createFreshConnectionAgents();
